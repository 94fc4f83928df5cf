import { isoDateInChina } from "~/lib/china-date";
import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { accountBalance, postLedgerTransaction } from "./ledger.server";
import { payout as payoutPostings, payoutReturned } from "./ledger-postings";
import { paymentProvider } from "./providers/provider.server";

/**
 * The daily payout batch: every institution's payable money is moved to paid out and
 * transferred to its account at the provider, one payout per institution and business day.
 * A crash between the ledger and the transfer leaves a PENDING payout that the next run sends
 * (the transfer's idempotency key is the payout's id), so nobody is paid twice.
 */
export async function payOutDaily(businessDate = isoDateInChina()): Promise<{ created: number; sent: number }> {
  const candidates = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ institution_id: string }[]>`
      SELECT a.institution_id::text FROM ledger_account a
        JOIN ledger_entry e ON e.account_id = a.id
        JOIN payment_account pa ON pa.institution_id = a.institution_id AND pa.payouts_enabled
       WHERE a.kind = 'INSTITUTION_PAYABLE'
       GROUP BY a.institution_id HAVING sum(e.amount_fen) > 0`,
  );
  let created = 0;
  for (const { institution_id: institutionId } of candidates) {
    const made = await unsafeAsSystem(async (db) => {
      const institution = await db.institution.findUniqueOrThrow({
        where: { id: institutionId },
        select: { authorityId: true },
      });
      // One payout run per institution at a time: the balance read is the one the posting takes
      // (releases running meanwhile only add to it).
      await db.$queryRaw`SELECT id FROM payment_account WHERE institution_id = ${institutionId}::uuid FOR UPDATE`;
      const amount = await accountBalance(db, institutionId, "INSTITUTION_PAYABLE", null);
      if (amount <= 0) return false;
      const day = new Date(`${businessDate}T00:00:00Z`);
      const inserted = await db.payout.createMany({
        data: [{ institutionId, authorityId: institution.authorityId, businessDate: day, amountFen: BigInt(amount) }],
        skipDuplicates: true,
      });
      if (inserted.count === 0) return false;
      const payout = await db.payout.findUniqueOrThrow({
        where: { institutionId_businessDate: { institutionId, businessDate: day } },
        select: { id: true },
      });
      await postLedgerTransaction(db, {
        idempotencyKey: `payout:${payout.id}`,
        kind: "PAYOUT",
        institutionId,
        enrollmentId: null,
        referenceId: payout.id,
        postings: payoutPostings(amount),
      });
      await appendAudit(db, {
        actorUserId: null,
        authorityId: institution.authorityId,
        action: "escrow.payoutCreated",
        entityType: "payout",
        entityId: payout.id,
        after: { amountFen: amount, businessDate },
      });
      return true;
    });
    if (made) created += 1;
  }
  return { created, sent: await sendPendingPayouts() };
}

/** Transfers every payout recorded but not yet sent. */
export async function sendPendingPayouts(): Promise<number> {
  const pending = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<{ id: string; amount_fen: bigint; account: string }[]>`
      SELECT p.id::text, p.amount_fen, pa.external_id AS account
        FROM payout p JOIN payment_account pa ON pa.institution_id = p.institution_id
       WHERE p.status = 'PENDING' ORDER BY p.created_at`,
  );
  for (const p of pending) {
    const { transferId } = await paymentProvider().transfer({
      payoutId: p.id,
      accountId: p.account,
      amountFen: Number(p.amount_fen),
    });
    await unsafeAsSystem((db) =>
      db.payout.updateMany({
        where: { id: p.id, status: "PENDING" },
        data: { status: "PAID", providerTransferId: transferId, paidAt: new Date() },
      }),
    );
  }
  return pending.length;
}

/**
 * The provider reversed (part of) a transfer: that money is payable again. `reversedTotal` is the
 * transfer's cumulative reversed amount, so a repeated or late event posts only what is new.
 */
export async function recordTransferReversal(db: Db, transferId: string, reversedTotal: number): Promise<void> {
  const rows = await db.$queryRaw<{ id: string; institution_id: string; amount_fen: bigint }[]>`
    SELECT id::text, institution_id::text, amount_fen FROM payout WHERE provider_transfer_id = ${transferId} FOR UPDATE`;
  const payout = rows[0];
  if (!payout) return;
  const returned = await db.$queryRaw<{ total: bigint }[]>`
    SELECT coalesce(sum(e.amount_fen), 0)::bigint AS total
      FROM ledger_transaction t JOIN ledger_entry e ON e.transaction_id = t.id
      JOIN ledger_account a ON a.id = e.account_id AND a.kind = 'INSTITUTION_PAYABLE'
     WHERE t.kind = 'PAYOUT_RETURNED' AND t.reference_id = ${payout.id}::uuid`;
  const already = Number(returned[0]?.total ?? 0);
  const fresh = Math.min(reversedTotal, Number(payout.amount_fen)) - already;
  if (fresh <= 0) return;
  await postLedgerTransaction(db, {
    idempotencyKey: `payout-returned:${payout.id}:${already + fresh}`,
    kind: "PAYOUT_RETURNED",
    institutionId: payout.institution_id,
    enrollmentId: null,
    referenceId: payout.id,
    postings: payoutReturned(fresh),
  });
  if (already + fresh >= Number(payout.amount_fen))
    await db.payout.update({ where: { id: payout.id }, data: { status: "REVERSED" } });
}
