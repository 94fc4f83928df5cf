import { Queue } from "bullmq";
import pino from "pino";
import { prisma } from "~/lib/db.server";
import { getEnv } from "~/lib/env.server";
import { createRedis } from "~/lib/redis.server";
import { startWorkers } from "../../../workers/start-workers";

const env = getEnv();
const silent = pino({ level: "silent" });

async function waitFor<T>(read: () => Promise<T | null>, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the worker process", () => {
  it("runs the heartbeat scheduler end to end and records each run", async () => {
    const workers = await startWorkers(env, silent);
    try {
      const first = await waitFor(() => prisma.jobHeartbeat.findUnique({ where: { name: "heartbeat" } }));
      const later = await waitFor(async () => {
        const row = await prisma.jobHeartbeat.findUnique({ where: { name: "heartbeat" } });
        return row && row.runCount > first.runCount ? row : null;
      });
      expect(later.lastRunAt.getTime()).toBeGreaterThan(first.lastRunAt.getTime());
    } finally {
      await workers.close();
    }
  });

  it("keeps one schedule however many workers start", async () => {
    const a = await startWorkers(env, silent);
    const b = await startWorkers(env, silent);
    const queue = new Queue("maintenance", { connection: createRedis(), prefix: env.REDIS_PREFIX });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toEqual(["heartbeat"]);
    } finally {
      await Promise.all([a.close(), b.close(), queue.close()]);
    }
  });

  it("fails a job with a malformed payload at once instead of retrying it", async () => {
    const workers = await startWorkers(env, silent);
    const queue = new Queue("maintenance", { connection: createRedis(), prefix: env.REDIS_PREFIX });
    try {
      const job = await queue.add("heartbeat", { v: 2, extra: "x" }, { attempts: 5 });
      const failed = await waitFor(async () => ((await job.isFailed()) ? await queue.getJob(job.id ?? "") : null));
      expect(failed?.attemptsMade).toBe(1);
      expect(failed?.failedReason).toMatch(/invalid payload for heartbeat/);
      const unknown = await queue.add("no-such-job", {});
      const failedUnknown = await waitFor(async () =>
        (await unknown.isFailed()) ? await queue.getJob(unknown.id ?? "") : null,
      );
      expect(failedUnknown?.failedReason).toBe("unknown job no-such-job");
    } finally {
      await Promise.all([workers.close(), queue.close()]);
    }
  });
});
