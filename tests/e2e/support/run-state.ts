import type { AppProcess } from "./app-processes.ts";

/** What global setup started and global teardown must stop; both run in the Playwright runner process. */
export type RunState = { processes: AppProcess[]; redisPrefix: string };

// On globalThis rather than in module scope: Playwright loads setup and teardown as separate hooks,
// and nothing promises they share one instance of this module.
const slot = globalThis as unknown as { tipeiE2eRun?: RunState };

export function rememberRun(state: RunState): void {
  slot.tipeiE2eRun = state;
}

export function takeRun(): RunState | undefined {
  const state = slot.tipeiE2eRun;
  slot.tipeiE2eRun = undefined;
  return state;
}
