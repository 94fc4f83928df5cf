import { takeRun } from "./run-state.ts";
import { stopRun } from "./stop-run.ts";

export default async function globalTeardown(): Promise<void> {
  const problems = await stopRun(takeRun(), { reportEarlyExits: true });
  if (problems.length > 0) throw new Error(`e2e teardown:\n${problems.join("\n")}`);
}
