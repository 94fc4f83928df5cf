import type { Db } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";
import { enqueue } from "~/lib/queue.server";

/**
 * One delivery job per email and attempt count: a duplicate while one is pending is dropped, and
 * after a failed attempt the relay can still ask again (BullMQ ignores a job id it still keeps).
 */
export function deliveryJobId(emailId: string, attempts: number): string {
  return `email-${emailId}-a${attempts}`;
}

export type OutgoingEmail = { to: string; subject: string; textBody: string; kind: string };

/**
 * Writes an email into the outbox in the caller's transaction: it exists exactly when the change
 * that caused it does. Delivery happens afterwards (see `deliverSoon` and the relay job).
 */
export async function queueEmail(db: Db, email: OutgoingEmail): Promise<string> {
  const row = await db.emailOutbox.create({
    data: { toAddress: email.to, subject: email.subject, textBody: email.textBody, kind: email.kind },
    select: { id: true },
  });
  return row.id;
}

/**
 * Asks the worker to deliver now. If Redis is unreachable the email is not lost: the relay job
 * picks up every undelivered outbox row.
 */
export async function deliverSoon(emailId: string): Promise<void> {
  try {
    await enqueue("send-email", { v: 1, emailId }, { jobId: deliveryJobId(emailId, 0) });
  } catch (error) {
    logger.warn({ err: error, emailId }, "email left for the relay: queue unavailable");
  }
}
