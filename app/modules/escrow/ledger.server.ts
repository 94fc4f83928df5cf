import type { Db } from "~/lib/db-scope.server";
import { balanced, type Posting, type TransactionKind } from "./ledger-postings";

export type LedgerTransactionInput = {
  /** Unique per movement: a retry, a duplicated webhook or a second worker posts nothing more. */
  idempotencyKey: string;
  kind: TransactionKind;
  institutionId: string;
  enrollmentId: string | null;
  /** The record that caused it (payment, attendance, refund, payout). */
  referenceId: string | null;
  postings: readonly Posting[];
};

export type PostResult = { transactionId: string; posted: boolean };

/** Thrown when a posting would take an account below zero (the database refuses it). */
export class InsufficientFundsError extends Error {}

/**
 * Posts one balanced transaction through the database's `ledger_post` (the only way into the
 * ledger): idempotent by key, balance and overdraft checked in the database, in the caller's
 * transaction so the movement exists exactly when the change that caused it does.
 */
export async function postLedgerTransaction(db: Db, input: LedgerTransactionInput): Promise<PostResult> {
  const lines = balanced(input.postings);
  try {
    const rows = await db.$queryRaw<{ transaction_id: string; posted: boolean }[]>`
      SELECT transaction_id::text, posted FROM ledger_post(${input.idempotencyKey}, ${input.kind},
        ${input.institutionId}::uuid, ${input.enrollmentId}::uuid, ${input.referenceId}::uuid, ${JSON.stringify(lines)}::jsonb)`;
    const row = rows[0];
    if (!row) throw new Error(`ledger_post returned nothing for ${input.idempotencyKey}`);
    return { transactionId: row.transaction_id, posted: row.posted };
  } catch (error) {
    if (error instanceof Error && /would go below zero/.test(error.message))
      throw new InsufficientFundsError(error.message);
    throw error;
  }
}

export type AccountBalance = { kind: Posting["account"]; enrollmentId: string | null; balanceFen: number };

/** Balances of an institution's accounts (and its enrollments'), as sums of entries. */
export async function institutionBalances(db: Db, institutionId: string): Promise<AccountBalance[]> {
  const rows = await db.$queryRaw<{ kind: Posting["account"]; enrollment_id: string | null; balance: bigint }[]>`
    SELECT a.kind::text AS kind, a.enrollment_id::text, coalesce(sum(e.amount_fen), 0)::bigint AS balance
      FROM ledger_account a LEFT JOIN ledger_entry e ON e.account_id = a.id
     WHERE a.institution_id = ${institutionId}::uuid
     GROUP BY a.id`;
  return rows.map((r) => ({ kind: r.kind, enrollmentId: r.enrollment_id, balanceFen: Number(r.balance) }));
}

/** One account's balance (0 when it has no entries yet). */
export async function accountBalance(
  db: Db,
  institutionId: string,
  kind: Posting["account"],
  enrollmentId: string | null,
): Promise<number> {
  const rows = await db.$queryRaw<{ balance: bigint }[]>`
    SELECT coalesce(sum(e.amount_fen), 0)::bigint AS balance
      FROM ledger_account a JOIN ledger_entry e ON e.account_id = a.id
     WHERE a.institution_id = ${institutionId}::uuid AND a.kind = ${kind}::"LedgerAccountKind"
       AND a.enrollment_id IS NOT DISTINCT FROM ${enrollmentId}::uuid`;
  return Number(rows[0]?.balance ?? 0);
}
