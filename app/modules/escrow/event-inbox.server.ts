import type { Prisma } from "~/generated/prisma/client.ts";
import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";
import type { ProviderEvent, ProviderName } from "./providers/payment-provider";

/** The processing job of one event: its id is the job id, so a second delivery queues nothing more. */
export const paymentEventJobId = (eventId: string) => `payment-event-${eventId.replace(/[^\w-]/g, "_")}`;

/**
 * Stores a provider event once by its id (a second delivery of the same event stores nothing)
 * and queues its processing in the same transaction (the job outbox): an event is stored exactly
 * when its processing is queued, whether Redis answers or not.
 */
export async function storeProviderEvent(provider: ProviderName, event: ProviderEvent): Promise<{ stored: boolean }> {
  const stored = await unsafeAsSystem((db) => storeProviderEventIn(db, provider, event));
  return { stored };
}

/**
 * The same in the caller's transaction: the simulated provider reports what it did in the
 * transaction that writes it into its books, so neither exists without the other.
 */
export async function storeProviderEventIn(db: Db, provider: ProviderName, event: ProviderEvent): Promise<boolean> {
  const created = await db.paymentEvent.createMany({
    data: [{ id: event.id, provider, type: event.type, payload: event as unknown as Prisma.InputJsonValue }],
    skipDuplicates: true,
  });
  if (created.count === 1) {
    await enqueueInTransaction(
      db,
      "process-payment-event",
      { v: 1, eventId: event.id },
      {
        jobId: paymentEventJobId(event.id),
      },
    );
  }
  return created.count === 1;
}

/** Asks again for an event still unprocessed; `relay` names the attempt (BullMQ keeps a failed job's id). */
export async function queueEventProcessing(eventId: string, relay: string): Promise<void> {
  try {
    await enqueue("process-payment-event", { v: 1, eventId }, { jobId: `${paymentEventJobId(eventId)}-${relay}` });
  } catch (error) {
    logger.warn({ err: error, eventId }, "payment event stored; processing left to the relay");
  }
}
