import { unsafeAsSystem } from "../db-scope.server";
import { logger } from "../logger.server";
import { getQueue } from "../queue.server";
import { isJobName, jobDefinitions } from "./definitions";

type OutboxRow = {
  id: string;
  name: string;
  payload: unknown;
  job_id: string;
  deduplication_id: string | null;
};

export type RelayOutcome = { relayed: number; rejected: number; redisDown: boolean };

export type AddJob = (row: {
  name: string;
  queue: string;
  payload: unknown;
  jobId: string;
  deduplicationId: string | null;
}) => Promise<void>;

const addToBullMq: AddJob = async (row) => {
  if (!isJobName(row.name)) throw new Error("unknown job");
  await getQueue(jobDefinitions[row.name].queue).add(row.name, row.payload, {
    jobId: row.jobId,
    ...(row.deduplicationId ? { deduplication: { id: row.deduplicationId } } : {}),
  });
};

/** A row no release of the code can run (a job removed or a payload it no longer accepts). */
class RejectedRow extends Error {}

function validate(row: OutboxRow): { name: string; queue: string; payload: unknown } {
  if (!isJobName(row.name)) throw new RejectedRow(`unknown job ${row.name}`);
  const parsed = jobDefinitions[row.name].payload.safeParse(row.payload);
  if (!parsed.success) throw new RejectedRow(`invalid payload for ${row.name}`);
  return { name: row.name, queue: jobDefinitions[row.name].queue, payload: parsed.data };
}

/**
 * Relays one batch of waiting jobs to BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * relays in several worker processes never take the same row; each is marked in the transaction
 * that claimed it. A relay that dies after `add` and before the commit leaves the row waiting:
 * the next one adds the same job id, which BullMQ ignores while it keeps the job (and every
 * handler is idempotent besides). While Redis is down nothing is marked and the rows wait.
 */
export async function relayOutboxBatch(options: { limit?: number; add?: AddJob } = {}): Promise<RelayOutcome> {
  const limit = options.limit ?? 100;
  const add = options.add ?? addToBullMq;
  return unsafeAsSystem(
    async (db) => {
      const rows = await db.$queryRaw<OutboxRow[]>`
        SELECT id::text, name, payload, job_id, deduplication_id FROM job_outbox
         WHERE relayed_at IS NULL ORDER BY created_at, id LIMIT ${limit} FOR UPDATE SKIP LOCKED`;
      const relayed: string[] = [];
      let rejected = 0;
      let redisDown = false;
      for (const row of rows) {
        try {
          const job = validate(row);
          await add({ ...job, jobId: row.job_id, deduplicationId: row.deduplication_id });
          relayed.push(row.id);
        } catch (error) {
          if (error instanceof RejectedRow) {
            // Kept for an operator, never retried: no release of this code can run it.
            rejected += 1;
            logger.error({ outboxId: row.id, job: row.name }, "outbox job rejected");
            await db.$executeRaw`UPDATE job_outbox SET relayed_at = now(), attempts = attempts + 1,
              last_error = ${error.message.slice(0, 500)} WHERE id = ${row.id}::uuid`;
            continue;
          }
          // Redis (or the queue) refused: this row and the rest wait for the next pass.
          redisDown = true;
          await db.$executeRaw`UPDATE job_outbox SET attempts = attempts + 1,
            last_error = ${String(error instanceof Error ? error.message : error).slice(0, 500)}
            WHERE id = ${row.id}::uuid`;
          break;
        }
      }
      if (relayed.length > 0) {
        await db.$executeRaw`UPDATE job_outbox SET relayed_at = now() WHERE id = ANY(${relayed}::uuid[])`;
      }
      return { relayed: relayed.length, rejected, redisDown };
    },
    { timeout: 60_000 },
  );
}

/** Relayed rows are kept a week for operators, then removed. */
export async function trimRelayedOutbox(keepDays = 7): Promise<number> {
  return unsafeAsSystem(
    (db) => db.$executeRaw`DELETE FROM job_outbox WHERE relayed_at < now() - make_interval(days => ${keepDays}::int)`,
  );
}
