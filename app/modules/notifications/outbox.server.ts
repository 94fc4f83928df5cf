import type { Db } from "~/lib/db-scope.server";
import { enqueueInTransaction } from "~/lib/jobs/outbox.server";

/**
 * One delivery job per email and attempt count: a duplicate while one is pending is dropped, and
 * after a failed attempt the relay can still ask again (BullMQ ignores a job id it still keeps).
 */
export function deliveryJobId(emailId: string, attempts: number): string {
  return `email-${emailId}-a${attempts}`;
}

export type OutgoingEmail = { to: string; subject: string; textBody: string; kind: string };

/**
 * Writes an email into the outbox in the caller's transaction, with its delivery job (the job
 * outbox): both exist exactly when the change that caused them does, and the worker delivers
 * once it commits, whether Redis answered at that moment or not.
 */
export async function queueEmail(db: Db, email: OutgoingEmail): Promise<string> {
  const row = await db.emailOutbox.create({
    data: { toAddress: email.to, subject: email.subject, textBody: email.textBody, kind: email.kind },
    select: { id: true },
  });
  await enqueueInTransaction(db, "send-email", { v: 1, emailId: row.id }, { jobId: deliveryJobId(row.id, 0) });
  return row.id;
}
