import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { isUuid } from "~/lib/uuid";
import { EventNotReadyError } from "./escrow-errors";
import { queueEventProcessing } from "./event-inbox.server";
import { capturePayment, failPayment, markPaymentDisputed, markPaymentProcessing } from "./payments.server";
import { recordTransferReversal } from "./payouts.server";
import type { ProviderEvent } from "./providers/payment-provider";
import { completeRefund, failRefund } from "./refunds.server";

type Obj = Record<string, unknown>;
const str = (o: Obj, key: string): string | null => (typeof o[key] === "string" ? (o[key] as string) : null);
const num = (o: Obj, key: string): number => (typeof o[key] === "number" ? (o[key] as number) : 0);
const meta = (o: Obj, key: string): string | null => {
  const m = o.metadata;
  return m && typeof m === "object" && typeof (m as Obj)[key] === "string" ? ((m as Obj)[key] as string) : null;
};

function paymentIdOf(session: Obj): string {
  const id = meta(session, "paymentId") ?? str(session, "client_reference_id");
  if (!id || !isUuid(id)) throw new EventNotReadyError("checkout session without our payment id");
  return id;
}

/** One event's effect. Handlers re-read state: any order, any number of deliveries, one effect. */
async function applyEvent(db: Db, event: ProviderEvent): Promise<void> {
  const o = event.data.object;
  switch (event.type) {
    case "checkout.session.completed":
      if (str(o, "payment_status") === "paid" || str(o, "payment_status") === "no_payment_required")
        return capturePayment(db, {
          paymentId: paymentIdOf(o),
          paymentIntentId: str(o, "payment_intent"),
          amountFen: num(o, "amount_total"),
        });
      return markPaymentProcessing(db, paymentIdOf(o));
    case "checkout.session.async_payment_succeeded":
      return capturePayment(db, {
        paymentId: paymentIdOf(o),
        paymentIntentId: str(o, "payment_intent"),
        amountFen: num(o, "amount_total"),
      });
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return failPayment(db, paymentIdOf(o));
    case "refund.created":
    case "refund.updated":
      return applyRefund(db, o);
    case "charge.refunded": {
      const refunds = o.refunds && typeof o.refunds === "object" ? (o.refunds as Obj).data : null;
      for (const refund of Array.isArray(refunds) ? refunds : [])
        if (refund && typeof refund === "object") await applyRefund(db, refund as Obj);
      return;
    }
    case "charge.dispute.created": {
      const intent = str(o, "payment_intent");
      if (!intent) return;
      return markPaymentDisputed(db, intent, num(o, "amount"), str(o, "id") ?? event.id);
    }
    case "account.updated":
      return applyAccount(db, o);
    case "transfer.reversed": {
      const transferId = str(o, "id");
      if (transferId) await recordTransferReversal(db, transferId, num(o, "amount_reversed"));
      return;
    }
    default:
      return;
  }
}

async function applyRefund(db: Db, refund: Obj): Promise<void> {
  const refundId = meta(refund, "refundId");
  const providerRefundId = str(refund, "id");
  if (!refundId || !providerRefundId || !isUuid(refundId)) return;
  const status = str(refund, "status");
  if (status === "succeeded") return completeRefund(db, refundId, providerRefundId);
  if (status === "failed" || status === "canceled") return failRefund(db, refundId, providerRefundId);
}

async function applyAccount(db: Db, account: Obj): Promise<void> {
  const externalId = str(account, "id");
  if (!externalId) return;
  const charges = account.charges_enabled === true;
  const payouts = account.payouts_enabled === true;
  const found = await db.paymentAccount.findFirst({ where: { externalId }, select: { id: true, institutionId: true } });
  if (!found) throw new EventNotReadyError(`no payment account ${externalId}`);
  await db.paymentAccount.update({
    where: { id: found.id },
    data: {
      chargesEnabled: charges,
      payoutsEnabled: payouts,
      status: charges && payouts ? "ACTIVE" : charges || payouts ? "RESTRICTED" : "PENDING",
    },
  });
  await db.institution.update({ where: { id: found.institutionId }, data: { fundsSupervisionEnabled: charges } });
}

/**
 * Processes one stored event (the job `process-payment-event`): the effect and the mark that it
 * happened commit together, under a lock on the event row, so two workers never apply it twice.
 * A failure is recorded on the event and rethrown for the job's retry.
 */
export async function processPaymentEvent(eventId: string): Promise<"processed" | "already" | "missing"> {
  try {
    return await unsafeAsSystem(async (db) => {
      const rows = await db.$queryRaw<{ payload: ProviderEvent; processed_at: Date | null }[]>`
        SELECT payload, processed_at FROM payment_event WHERE id = ${eventId} FOR UPDATE`;
      const row = rows[0];
      if (!row) return "missing" as const;
      if (row.processed_at) return "already" as const;
      await applyEvent(db, row.payload);
      await db.paymentEvent.update({
        where: { id: eventId },
        data: { processedAt: new Date(), attempts: { increment: 1 } },
      });
      return "processed" as const;
    });
  } catch (error) {
    const message = error instanceof Error ? error.message.slice(0, 2000) : String(error);
    await unsafeAsSystem((db) =>
      db.paymentEvent.updateMany({ where: { id: eventId }, data: { attempts: { increment: 1 }, lastError: message } }),
    );
    throw error;
  }
}

/** Stored events not processed after a while (Redis was down, retries exhausted): queue them again. */
export async function relayPaymentEvents(olderThanSeconds = 60): Promise<number> {
  const stale = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string }[]>`
      SELECT id FROM payment_event WHERE processed_at IS NULL
         AND received_at < now() - make_interval(secs => ${olderThanSeconds}) ORDER BY received_at LIMIT 1000`,
  );
  const relay = `relay${Date.now()}`;
  for (const { id } of stale) await queueEventProcessing(id, relay);
  return stale.length;
}
