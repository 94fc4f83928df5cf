import { Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Env } from "~/lib/env.server";
import { defaultJobOptions, QUEUE_NAMES, type QueueName } from "~/lib/jobs/definitions";
import { createRedis, workerConnectionOptions } from "~/lib/redis.server";
import { scoreIfNeverScored } from "./handlers/risk";
import { startOutboxRelay } from "./outbox-relay";
import { dispatch } from "./registry";
import { upsertSchedules } from "./schedules";

export type RunningWorkers = { close: () => Promise<void> };

/** Starts one BullMQ worker per queue and upserts the schedules. */
export async function startWorkers(env: Env, logger: Logger): Promise<RunningWorkers> {
  const schedulerConnection = createRedis(workerConnectionOptions);
  schedulerConnection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));

  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [
      name,
      new Queue(name, { connection: schedulerConnection, prefix: env.REDIS_PREFIX, defaultJobOptions }),
    ]),
  ) as Record<QueueName, Queue>;

  const connections: Redis[] = [schedulerConnection];
  const workers = QUEUE_NAMES.map((name) => {
    const connection = createRedis(workerConnectionOptions);
    connection.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
    connections.push(connection);
    const worker = new Worker(name, dispatch, {
      connection,
      prefix: env.REDIS_PREFIX,
      concurrency: 4,
      removeOnComplete: { count: 1_000, age: 24 * 3600 },
      removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
    });
    // Job ids and names only: payloads may one day hold something personal.
    worker.on("failed", (job, error) =>
      logger.warn(
        { queue: name, jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: error },
        "job failed",
      ),
    );
    worker.on("completed", (job) => logger.debug({ queue: name, jobId: job.id, job: job.name }, "job completed"));
    worker.on("error", (error) => logger.error({ queue: name, err: error }, "worker error"));
    return worker;
  });
  for (const queue of Object.values(queues)) {
    queue.on("error", (error) => logger.warn({ err: error }, "queue error"));
  }

  await upsertSchedules(queues, env);
  await scoreIfNeverScored().catch((error: unknown) =>
    logger.warn({ err: error }, "first risk scoring left for the nightly run"),
  );
  const relay = startOutboxRelay(env, logger);
  logger.info({ queues: QUEUE_NAMES }, "workers started");

  return {
    async close() {
      await relay.close();
      // Let running jobs finish; a job cut off by a hard kill is retried after its lock expires.
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await Promise.all(connections.map((c) => c.quit().catch(() => undefined)));
    },
  };
}
