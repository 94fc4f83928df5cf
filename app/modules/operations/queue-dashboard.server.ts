import { QUEUE_NAMES, type QueueName } from "~/lib/jobs/definitions";
import { logger } from "~/lib/logger.server";
import { getQueue } from "~/lib/queue.server";

/**
 * What the platform admins' queue page shows of each BullMQ queue: counts by state, the job
 * schedulers, and the latest failed jobs — their name, id, attempts and reason, never the payload
 * (ids only by design, but a page is no place for them). Redis down: `null`, never a throw.
 */
export const FAILED_SHOWN = 20;
const REDIS_TIMEOUT_MS = 3_000;

export type QueueCounts = { waiting: number; active: number; delayed: number; failed: number; completed: number };
export type SchedulerView = {
  key: string;
  name: string;
  pattern: string | null;
  every: number | null;
  next: string | null;
};
export type FailedJobView = {
  id: string;
  name: string;
  attemptsMade: number;
  failedReason: string;
  finishedOn: string | null;
};
export type QueueView = { name: QueueName; counts: QueueCounts; schedulers: SchedulerView[]; failed: FailedJobView[] };

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis timeout")), REDIS_TIMEOUT_MS);
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

async function readQueue(name: QueueName): Promise<QueueView> {
  const queue = getQueue(name);
  const [counts, schedulers, failed] = await Promise.all([
    queue.getJobCounts("waiting", "active", "delayed", "failed", "completed", "prioritized"),
    queue.getJobSchedulers(0, 99, true),
    queue.getFailed(0, FAILED_SHOWN - 1),
  ]);
  return {
    name,
    counts: {
      // Prioritized jobs wait too.
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      completed: counts.completed ?? 0,
    },
    schedulers: schedulers.map((s) => ({
      key: s.key,
      name: s.name,
      pattern: s.pattern ?? null,
      every: s.every ?? null,
      next: s.next ? new Date(s.next).toISOString() : null,
    })),
    failed: failed
      .filter((job) => job?.id)
      .map((job) => ({
        id: String(job.id),
        name: job.name,
        attemptsMade: job.attemptsMade,
        failedReason: (job.failedReason ?? "").slice(0, 500),
        finishedOn: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
  };
}

/** Every queue of QUEUE_NAMES, or null when Redis cannot be reached. */
export async function queueDashboard(): Promise<QueueView[] | null> {
  try {
    return await withTimeout(Promise.all(QUEUE_NAMES.map(readQueue)));
  } catch (error) {
    logger.warn({ err: error }, "queue dashboard: Redis unavailable");
    return null;
  }
}

export type RetryOutcome = "retried" | "notFailed" | "unavailable";

/** Moves one failed job back to waiting (a fresh set of attempts). */
export async function retryFailedJob(name: QueueName, jobId: string): Promise<RetryOutcome> {
  try {
    return await withTimeout(
      (async (): Promise<RetryOutcome> => {
        const job = await getQueue(name).getJob(jobId);
        if (!job || !(await job.isFailed())) return "notFailed";
        await job.retry("failed");
        return "retried";
      })(),
    );
  } catch (error) {
    logger.warn({ err: error, queue: name }, "queue dashboard: retry failed");
    return "unavailable";
  }
}
