// Measures the app and the bare baseline in the same run, alternating (app, bare, app, bare, …) so
// whatever else loads the machine weighs on both alike; every answer must be a 2xx.

import { readFileSync } from "node:fs";
import type { RunningServer } from "./app-server";
import { assertAllOk, describeFigures, type LoadFigures, load } from "./load";

export type SideBySide = { app: Measured; bare: Measured; ratio: number };

/**
 * Throughput and latency swing with whatever else runs on the machine; the CPU time the server
 * process spent per request much less so (it is what the request costs, not how long it waited).
 */
export type Measured = LoadFigures & { cpuMsPerRequest: number };

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    // utime and stime are fields 14 and 15 of stat(5), in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

const DEFAULT_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const DEFAULT_CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 64);

/** The mean of the rounds' throughputs and latency percentiles (each round is as long as the others). */
function mean(runs: Measured[]): Measured {
  const avg = (pick: (f: Measured) => number) => runs.reduce((s, f) => s + pick(f), 0) / runs.length;
  const sum = (pick: (f: Measured) => number) => runs.reduce((s, f) => s + pick(f), 0);
  return {
    cpuMsPerRequest: avg((f) => f.cpuMsPerRequest),
    rps: avg((f) => f.rps),
    p50: avg((f) => f.p50),
    p99: avg((f) => f.p99),
    total: sum((f) => f.total),
    non2xx: sum((f) => f.non2xx),
    errors: sum((f) => f.errors),
    statuses: {},
  };
}

export async function sideBySide(
  app: RunningServer,
  bare: RunningServer,
  appPaths: string[],
  barePaths: string[],
  options: { connections?: number; seconds?: number } = {},
): Promise<SideBySide> {
  const CONNECTIONS = options.connections ?? DEFAULT_CONNECTIONS;
  const SECONDS = options.seconds ?? DEFAULT_SECONDS;
  // Warm-up: JIT, pools, caches (whatever a server keeps warm, it keeps warm in production too).
  for (const [server, paths] of [
    [app, appPaths],
    [bare, barePaths],
  ] as const) {
    const warm = await load(server.baseUrl, paths, { connections: CONNECTIONS, seconds: 3 });
    // A slow endpoint may finish nothing in 3 s; what did finish must still be a 2xx.
    if (warm.total > 0) assertAllOk(`${server.name} warm-up`, warm);
  }
  const runs: Record<"app" | "bare", Measured[]> = { app: [], bare: [] };
  for (let round = 1; round <= ROUNDS; round++) {
    for (const [server, paths] of [
      [app, appPaths],
      [bare, barePaths],
    ] as const) {
      const cpuBefore = cpuMs(server.pid);
      const loaded = await load(server.baseUrl, paths, { connections: CONNECTIONS, seconds: SECONDS });
      const figures = { ...loaded, cpuMsPerRequest: (cpuMs(server.pid) - cpuBefore) / loaded.total };
      console.log(
        `round ${round} ${describeFigures(server.name, figures)}, server CPU ${figures.cpuMsPerRequest.toFixed(2)} ms/request`,
      );
      assertAllOk(`${server.name} round ${round}`, figures);
      runs[server.name as "app" | "bare"].push(figures);
    }
  }
  const appMean = mean(runs.app);
  const bareMean = mean(runs.bare);
  return { app: appMean, bare: bareMean, ratio: appMean.rps / bareMean.rps };
}

export const round1 = (n: number) => n.toFixed(1);
