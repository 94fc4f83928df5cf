import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Db } from "../db-scope.server";
import { type JobName, type JobPayload, jobDefinitions } from "./definitions";

export type OutboxJobOptions = {
  /** The BullMQ job id; without one the row's id makes it (`outbox-<id>`), so a second relay adds nothing new. */
  jobId?: string;
  /** One waiting job per id: a burst of triggers runs the job once. */
  deduplicationId?: string;
};

/**
 * Queues a job in the caller's transaction: the row commits or rolls back with the change that
 * causes it, and the worker's relay (app/lib/jobs/outbox-relay.server.ts) hands it to BullMQ
 * when Redis answers. Use this, not `enqueue`, for every job that follows a database write.
 */
export async function enqueueInTransaction<N extends JobName>(
  db: Db,
  name: N,
  payload: JobPayload<N>,
  options: OutboxJobOptions = {},
): Promise<void> {
  const data = jobDefinitions[name].payload.parse(payload);
  const id = randomUUID();
  // createMany: no RETURNING, which row-level security would refuse (only platform work reads the outbox).
  await db.jobOutbox.createMany({
    data: [
      {
        id,
        name,
        payload: data as Prisma.InputJsonValue,
        jobId: options.jobId ?? `outbox-${id}`,
        deduplicationId: options.deduplicationId ?? null,
      },
    ],
  });
}
