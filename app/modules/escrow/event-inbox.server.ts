import type { Prisma } from "~/generated/prisma/client.ts";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";
import type { ProviderEvent, ProviderName } from "./providers/payment-provider";

/** The processing job of one event: its id is the job id, so a second delivery queues nothing more. */
export const paymentEventJobId = (eventId: string) => `payment-event-${eventId.replace(/[^\w-]/g, "_")}`;

/**
 * Stores a provider event once by its id (a second delivery of the same event stores nothing)
 * and queues its processing. Storing is the commitment: when Redis is down the relay job picks
 * up every stored event not yet processed, so nothing is lost between the two.
 */
export async function storeProviderEvent(provider: ProviderName, event: ProviderEvent): Promise<{ stored: boolean }> {
  const stored = await unsafeAsSystem((db) =>
    db.paymentEvent.createMany({
      data: [{ id: event.id, provider, type: event.type, payload: event as unknown as Prisma.InputJsonValue }],
      skipDuplicates: true,
    }),
  );
  await queueEventProcessing(event.id);
  return { stored: stored.count === 1 };
}

/** `relay` names a later attempt: a job id BullMQ still keeps (failed) would otherwise swallow it. */
export async function queueEventProcessing(eventId: string, relay?: string): Promise<void> {
  try {
    const jobId = relay ? `${paymentEventJobId(eventId)}-${relay}` : paymentEventJobId(eventId);
    await enqueue("process-payment-event", { v: 1, eventId }, { jobId });
  } catch (error) {
    logger.warn({ err: error, eventId }, "payment event stored; processing left to the relay");
  }
}
