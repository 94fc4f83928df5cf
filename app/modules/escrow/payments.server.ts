import type { Db } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { EventNotReadyError } from "./escrow-errors";
import { postLedgerTransaction } from "./ledger.server";
import { paymentCaptured } from "./ledger-postings";
import { openReconciliationAlert } from "./reconciliation-alerts.server";

type LockedPayment = {
  id: string;
  enrollment_id: string;
  institution_id: string;
  authority_id: string;
  amount_fen: number;
  status: string;
};

async function lockPayment(db: Db, paymentId: string): Promise<LockedPayment> {
  const rows = await db.$queryRaw<LockedPayment[]>`
    SELECT id::text, enrollment_id::text, institution_id::text, authority_id::text, amount_fen, status::text
      FROM payment WHERE id = ${paymentId}::uuid FOR UPDATE`;
  const row = rows[0];
  if (!row) throw new EventNotReadyError(`no payment ${paymentId}`);
  return row;
}

/**
 * The provider took the money: all of it goes into the enrollment's escrow and the enrollment
 * starts. Once per payment, whatever the number or order of events saying so; a payment first
 * reported failed and then paid is still captured (the money was taken, so it is held).
 */
export async function capturePayment(
  db: Db,
  input: { paymentId: string; paymentIntentId: string | null; amountFen: number },
): Promise<void> {
  const payment = await lockPayment(db, input.paymentId);
  if (payment.status === "SUCCEEDED" || payment.status === "DISPUTED") return;
  if (input.amountFen !== payment.amount_fen) {
    await openReconciliationAlert(db, {
      kind: "AMOUNT_MISMATCH",
      subjectId: payment.id,
      institutionId: payment.institution_id,
      authorityId: payment.authority_id,
      ledgerFen: payment.amount_fen,
      providerFen: input.amountFen,
      details: { paymentIntentId: input.paymentIntentId },
    });
    return;
  }
  await postLedgerTransaction(db, {
    idempotencyKey: `payment-captured:${payment.id}`,
    kind: "PAYMENT_CAPTURED",
    institutionId: payment.institution_id,
    enrollmentId: payment.enrollment_id,
    referenceId: payment.id,
    postings: paymentCaptured(payment.amount_fen),
  });
  await db.payment.update({
    where: { id: payment.id },
    data: { status: "SUCCEEDED", succeededAt: new Date(), paymentIntentId: input.paymentIntentId },
  });
  await db.enrollment.update({ where: { id: payment.enrollment_id }, data: { status: "ACTIVE" } });
  await appendAudit(db, {
    actorUserId: null,
    authorityId: payment.authority_id,
    action: "escrow.paymentCaptured",
    entityType: "payment",
    entityId: payment.id,
    after: { amountFen: payment.amount_fen, enrollmentId: payment.enrollment_id },
  });
}

/** The payment is under way (a delayed method): nothing is held yet. */
export async function markPaymentProcessing(db: Db, paymentId: string): Promise<void> {
  await lockPayment(db, paymentId);
  await db.payment.updateMany({ where: { id: paymentId, status: "PENDING" }, data: { status: "PROCESSING" } });
}

/** The payment failed or expired: nothing was taken, the enrollment does not start. Never undoes a capture. */
export async function failPayment(db: Db, paymentId: string): Promise<void> {
  const payment = await lockPayment(db, paymentId);
  if (payment.status !== "PENDING" && payment.status !== "PROCESSING") return;
  await db.payment.update({ where: { id: payment.id }, data: { status: "FAILED", failedAt: new Date() } });
  await db.enrollment.update({ where: { id: payment.enrollment_id }, data: { status: "PAYMENT_FAILED" } });
  await appendAudit(db, {
    actorUserId: null,
    authorityId: payment.authority_id,
    action: "escrow.paymentFailed",
    entityType: "payment",
    entityId: payment.id,
  });
}

/** A chargeback was opened: releases stop for the enrollment and the regulator is alerted. */
export async function markPaymentDisputed(db: Db, paymentIntentId: string, amountFen: number, disputeId: string) {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM payment WHERE payment_intent_id = ${paymentIntentId} FOR UPDATE`;
  const id = rows[0]?.id;
  if (!id) throw new EventNotReadyError(`no payment for ${paymentIntentId}`);
  const payment = await lockPayment(db, id);
  if (payment.status === "SUCCEEDED") {
    await db.payment.update({ where: { id }, data: { status: "DISPUTED" } });
    await appendAudit(db, {
      actorUserId: null,
      authorityId: payment.authority_id,
      action: "escrow.paymentDisputed",
      entityType: "payment",
      entityId: id,
      after: { disputeId, amountFen },
    });
  }
  await openReconciliationAlert(db, {
    kind: "CHARGE_DISPUTE",
    subjectId: disputeId,
    institutionId: payment.institution_id,
    authorityId: payment.authority_id,
    ledgerFen: payment.amount_fen,
    providerFen: amountFen,
    details: { paymentId: id, paymentIntentId },
  });
}
