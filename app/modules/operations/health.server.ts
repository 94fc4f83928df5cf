import type { Redis } from "ioredis";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { redisReady } from "~/lib/redis.server";
import { HEARTBEAT_JOB, lastHeartbeat } from "./heartbeat.server";

export type PartStatus = "ok" | "down";
export type Health = {
  status: "ok" | "degraded";
  db: PartStatus;
  redis: PartStatus;
  /** When the worker's heartbeat job last ran (null: never, or the database is down). */
  heartbeatAt: string | null;
  /** Set when the heartbeat is older than three intervals: the worker is not running. */
  workerStale: boolean;
};

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function probe(work: () => Promise<unknown>): Promise<PartStatus> {
  try {
    await withTimeout(work(), CHECK_TIMEOUT_MS);
    return "ok";
  } catch {
    return "down";
  }
}

export async function checkHealth(deps: {
  db: PrismaClient;
  redis: Redis;
  heartbeatEveryMs: number;
  now?: Date;
}): Promise<Health> {
  const [db, redis] = await Promise.all([
    probe(() => deps.db.$queryRaw`SELECT 1`),
    probe(async () => {
      await redisReady(deps.redis, CHECK_TIMEOUT_MS);
      await deps.redis.ping();
    }),
  ]);
  let heartbeat: Date | null = null;
  if (db === "ok") {
    heartbeat = await withTimeout(lastHeartbeat(deps.db, HEARTBEAT_JOB), CHECK_TIMEOUT_MS).catch(() => null);
  }
  const now = deps.now ?? new Date();
  const workerStale = heartbeat === null || now.getTime() - heartbeat.getTime() > 3 * deps.heartbeatEveryMs;
  return {
    status: db === "ok" && redis === "ok" ? "ok" : "degraded",
    db,
    redis,
    heartbeatAt: heartbeat?.toISOString() ?? null,
    workerStale,
  };
}
