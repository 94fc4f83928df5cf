import { unsafeAsSystem } from "~/lib/db-scope.server";
import { paymentProvider } from "./providers/provider.server";
import { openReconciliationAlert, resolveReconciliationAlert } from "./reconciliation-alerts.server";

/**
 * Compares the ledger with the provider's own records (the job `reconcile-payments`): for each
 * captured payment, what the ledger took in and paid back against what the provider charged and
 * refunded; for each payout, what the ledger paid out against the transfer and its reversals.
 * A difference opens an alert (once); figures that agree again close it.
 */
export async function reconcilePayments(): Promise<{ checked: number; differences: number }> {
  const payments = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<
        {
          id: string;
          institution_id: string;
          authority_id: string;
          intent: string;
          captured: bigint;
          refunded: bigint;
        }[]
      >`
      SELECT p.id::text, p.institution_id::text, p.authority_id::text, p.payment_intent_id AS intent,
             coalesce((SELECT sum(e.amount_fen) FROM ledger_transaction t JOIN ledger_entry e ON e.transaction_id = t.id
                        JOIN ledger_account a ON a.id = e.account_id AND a.kind = 'ENROLLMENT_ESCROW'
                       WHERE t.kind = 'PAYMENT_CAPTURED' AND t.enrollment_id = p.enrollment_id), 0)::bigint AS captured,
             coalesce((SELECT sum(e.amount_fen) FROM ledger_transaction t JOIN ledger_entry e ON e.transaction_id = t.id
                        JOIN ledger_account a ON a.id = e.account_id AND a.kind = 'PROVIDER_CLEARING'
                       WHERE t.kind = 'REFUND_PAID' AND t.enrollment_id = p.enrollment_id), 0)::bigint AS refunded
        FROM payment p WHERE p.payment_intent_id IS NOT NULL AND p.status IN ('SUCCEEDED', 'DISPUTED')`,
  );
  let differences = 0;
  for (const p of payments) {
    const record = await paymentProvider().paymentRecord(p.intent);
    const same = record.capturedFen === Number(p.captured) && record.refundedFen === Number(p.refunded);
    await unsafeAsSystem(async (db) => {
      if (same) return resolveReconciliationAlert(db, "PAYMENT_MISMATCH", p.id);
      differences += 1;
      await openReconciliationAlert(db, {
        kind: "PAYMENT_MISMATCH",
        subjectId: p.id,
        institutionId: p.institution_id,
        authorityId: p.authority_id,
        ledgerFen: Number(p.captured) - Number(p.refunded),
        providerFen: record.capturedFen - record.refundedFen,
        details: {
          ledger: { capturedFen: Number(p.captured), refundedFen: Number(p.refunded) },
          provider: { capturedFen: record.capturedFen, refundedFen: record.refundedFen },
        },
      });
    });
  }
  const payouts = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<
        {
          id: string;
          institution_id: string;
          authority_id: string;
          transfer: string;
          amount: bigint;
          returned: bigint;
        }[]
      >`
      SELECT p.id::text, p.institution_id::text, p.authority_id::text, p.provider_transfer_id AS transfer, p.amount_fen AS amount,
             coalesce((SELECT sum(e.amount_fen) FROM ledger_transaction t JOIN ledger_entry e ON e.transaction_id = t.id
                        JOIN ledger_account a ON a.id = e.account_id AND a.kind = 'INSTITUTION_PAYABLE'
                       WHERE t.kind = 'PAYOUT_RETURNED' AND t.reference_id = p.id), 0)::bigint AS returned
        FROM payout p WHERE p.provider_transfer_id IS NOT NULL`,
  );
  for (const p of payouts) {
    const record = await paymentProvider().transferRecord(p.transfer);
    const same = record.amountFen === Number(p.amount) && record.reversedFen === Number(p.returned);
    await unsafeAsSystem(async (db) => {
      if (same) return resolveReconciliationAlert(db, "TRANSFER_MISMATCH", p.id);
      differences += 1;
      await openReconciliationAlert(db, {
        kind: "TRANSFER_MISMATCH",
        subjectId: p.id,
        institutionId: p.institution_id,
        authorityId: p.authority_id,
        ledgerFen: Number(p.amount) - Number(p.returned),
        providerFen: record.amountFen - record.reversedFen,
        details: { transferId: p.transfer },
      });
    });
  }
  return { checked: payments.length + payouts.length, differences };
}
