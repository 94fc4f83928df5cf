import { describeDeath, stopAppProcess } from "./app-processes.ts";
import { dropE2eDatabase } from "./e2e-database.ts";
import { deleteKeysWithPrefix } from "./redis-keys.ts";
import type { RunState } from "./run-state.ts";

const GRACE_MS = 20_000;

/**
 * Stops the processes, then removes the Redis keys and the database (in that order: a running
 * worker would write keys again). Everything is attempted; the problems are returned, not thrown.
 */
export async function stopRun(state: RunState | undefined, options: { reportEarlyExits: boolean }): Promise<string[]> {
  const problems: string[] = [];
  const results = await Promise.all(
    (state?.processes ?? []).map(async (app) => ({ app, status: await stopAppProcess(app, GRACE_MS) })),
  );
  for (const { app, status } of results) {
    if (status.alreadyExited) {
      if (options.reportEarlyExits) problems.push(`${app.name} was no longer running:\n${describeDeath(app, status)}`);
    } else if (status.timedOut) {
      problems.push(`${app.name} did not exit within ${GRACE_MS} ms of SIGTERM and was killed (log: ${app.logFile})`);
    } else if (status.code !== 0) {
      problems.push(`${app.name} did not shut down cleanly on SIGTERM:\n${describeDeath(app, status)}`);
    }
  }
  if (state) {
    await deleteKeysWithPrefix(state.redisPrefix).catch((error: unknown) => {
      problems.push(`deleting Redis keys ${state.redisPrefix}:* failed: ${String(error)}`);
    });
  }
  await dropE2eDatabase().catch((error: unknown) => {
    problems.push(`dropping the e2e database failed: ${String(error)}`);
  });
  return problems;
}
