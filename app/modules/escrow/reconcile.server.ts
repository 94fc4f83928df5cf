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
    const ledger = { capturedFen: Number(p.captured), refundedFen: Number(p.refunded) };
    const same = await compare("PAYMENT_MISMATCH", p, ledger, record, (f) => f.capturedFen - f.refundedFen);
    if (!same) differences += 1;
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
    const ledger = { amountFen: Number(p.amount), reversedFen: Number(p.returned) };
    const same = await compare("TRANSFER_MISMATCH", p, ledger, record, (f) => f.amountFen - f.reversedFen);
    if (!same) differences += 1;
  }
  return { checked: payments.length + payouts.length, differences };
}

/** Closes the subject's alert when both sides agree, opens one (once) when they do not. */
async function compare<F extends Record<string, number>>(
  kind: "PAYMENT_MISMATCH" | "TRANSFER_MISMATCH",
  subject: { id: string; institution_id: string; authority_id: string },
  ledger: F,
  provider: F,
  net: (figures: F) => number,
): Promise<boolean> {
  const same = Object.keys(ledger).every((key) => ledger[key] === provider[key]);
  await unsafeAsSystem(async (db) => {
    if (same) return resolveReconciliationAlert(db, kind, subject.id);
    await openReconciliationAlert(db, {
      kind,
      subjectId: subject.id,
      institutionId: subject.institution_id,
      authorityId: subject.authority_id,
      ledgerFen: net(ledger),
      providerFen: net(provider),
      details: { ledger, provider },
    });
  });
  return same;
}
