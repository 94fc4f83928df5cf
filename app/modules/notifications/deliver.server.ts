import { prisma } from "~/lib/db.server";
import type { MailTransport } from "./transport.server";

export const MAX_DELIVERY_ATTEMPTS = 10;

export type DeliveryOutcome = "sent" | "already-sent" | "busy" | "missing";

/**
 * Delivers one outbox email at most once: the row is locked while sending, and a row already
 * marked sent is skipped, so a retried or duplicated job sends nothing twice. A failed send
 * records the error and throws, so the job retries with backoff.
 */
export async function deliverEmail(emailId: string, transport: MailTransport, from: string): Promise<DeliveryOutcome> {
  const outcome = await prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; sent_at: Date | null }[]>`
        SELECT id, sent_at FROM email_outbox WHERE id = ${emailId}::uuid FOR UPDATE SKIP LOCKED`;
      const row = rows[0];
      if (!row) {
        const exists = await tx.emailOutbox.count({ where: { id: emailId } });
        return exists > 0 ? ("busy" as const) : ("missing" as const);
      }
      if (row.sent_at) return "already-sent" as const;
      const email = await tx.emailOutbox.findUniqueOrThrow({ where: { id: emailId } });
      try {
        await transport.send({ from, to: email.toAddress, subject: email.subject, text: email.textBody });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        await tx.emailOutbox.update({
          where: { id: emailId },
          data: { attempts: { increment: 1 }, lastError: reason.slice(0, 500) },
        });
        return { failed: error };
      }
      await tx.emailOutbox.update({
        where: { id: emailId },
        data: { sentAt: new Date(), transport: transport.name, attempts: { increment: 1 }, lastError: null },
      });
      return "sent" as const;
    },
    { timeout: 60_000 },
  );
  // The failure is recorded (committed) before the job is told to retry.
  if (typeof outcome === "object") throw outcome.failed;
  return outcome;
}

/** Undelivered emails older than `olderThanMs` (the immediate job had its chance), oldest first. */
export async function undeliveredEmails(olderThanMs: number, limit = 500): Promise<{ id: string; attempts: number }[]> {
  return prisma.emailOutbox.findMany({
    where: {
      sentAt: null,
      attempts: { lt: MAX_DELIVERY_ATTEMPTS },
      createdAt: { lt: new Date(Date.now() - olderThanMs) },
    },
    orderBy: { createdAt: "asc" },
    take: limit,
    select: { id: true, attempts: true },
  });
}
