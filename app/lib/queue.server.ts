import { Queue } from "bullmq";
import { getEnv } from "./env.server";
import { defaultJobOptions, type JobName, type JobPayload, jobDefinitions, type QueueName } from "./jobs/definitions";
import { logger } from "./logger.server";
import { createRedis } from "./redis.server";
import { onShutdown } from "./shutdown.server";

const registry = globalThis as unknown as { tipeiQueues?: Map<QueueName, Queue> };
registry.tipeiQueues ??= new Map();
const queues: Map<QueueName, Queue> = registry.tipeiQueues;

/** A producer for one queue; it fails fast while Redis is down (see createRedis). */
export function getQueue(name: QueueName): Queue {
  let queue = queues.get(name);
  if (!queue) {
    const connection = createRedis();
    queue = new Queue(name, {
      connection,
      prefix: getEnv().REDIS_PREFIX,
      defaultJobOptions,
    });
    queue.on("error", (error) => logger.warn({ err: error, queue: name }, "queue error"));
    queues.set(name, queue);
    const closing = queue;
    onShutdown(`queue ${name}`, async () => {
      queues.delete(name);
      await closing.close();
      // BullMQ leaves a connection it was handed open.
      await connection.quit();
    });
  }
  return queue;
}

export async function enqueue<N extends JobName>(
  name: N,
  payload: JobPayload<N>,
  options: { jobId?: string; deduplicationId?: string } = {},
): Promise<void> {
  const definition = jobDefinitions[name];
  const data = definition.payload.parse(payload);
  // Deduplication keeps one job per id while it waits: a burst of triggers runs it once.
  const { deduplicationId, ...rest } = options;
  await getQueue(definition.queue).add(name, data, {
    ...rest,
    ...(deduplicationId ? { deduplication: { id: deduplicationId } } : {}),
  });
}
