import type { Db } from "~/lib/db-scope.server";
import { accountBalance, postLedgerTransaction } from "./ledger.server";
import { reserveRelease } from "./ledger-postings";

export type EnrollmentProgress = {
  lessonCount: number;
  /**
   * Lessons recorded for the trainee, whatever became of them: released, awaiting an answer, or
   * refunded on a dispute decision (that lesson's price went back to the parent with the decision,
   * so its place is used up: counting it free again refunded or released its price twice).
   */
  recorded: number;
  pending: number;
  /** Lessons given back by refunds of unconsumed lessons (asked, on closure). */
  refunded: number;
  /** Lessons neither recorded nor refunded: what a refund can still cover. */
  unrecorded: number;
  openRefund: boolean;
};

/**
 * Where an enrollment stands, as the SQL function enrollment_lessons counts it (the one definition of
 * recorded, pending and free places; see its migration). Locks the enrollment
 * first, in a statement of its own: under READ COMMITTED the counts must be read by a statement
 * that starts after the lock is granted, or they miss what the previous holder just committed
 * (a lesson recorded while a refund was being asked for would be refunded and released both).
 */
export async function enrollmentProgress(db: Db, enrollmentId: string): Promise<EnrollmentProgress> {
  await db.$queryRaw`SELECT id FROM enrollment WHERE id = ${enrollmentId}::uuid FOR UPDATE`;
  const rows = await db.$queryRaw<
    {
      lesson_count: number;
      recorded: number;
      pending: number;
      given_back: number;
      unrecorded: number;
      open_refund: boolean;
    }[]
  >`
    SELECT e.lesson_count, l.recorded, l.pending, l.refunded + l.refund_failed AS given_back, l.unrecorded, l.open_refund
      FROM enrollment e CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
     WHERE e.id = ${enrollmentId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error(`no enrollment ${enrollmentId}`);
  return {
    lessonCount: row.lesson_count,
    recorded: row.recorded,
    pending: row.pending,
    refunded: row.given_back,
    unrecorded: row.unrecorded,
    openRefund: row.open_refund,
  };
}

/**
 * Ends an enrollment once every lesson is released or refunded and none awaits an answer; the
 * reserve kept from its lessons (FEE-07) then becomes payable, unless the institution is no longer
 * in good standing (then the reserve stays held for the regulator to decide). Safe to call again.
 */
export async function settleIfFinished(db: Db, enrollmentId: string): Promise<void> {
  const progress = await enrollmentProgress(db, enrollmentId);
  if (progress.unrecorded > 0 || progress.pending > 0 || progress.openRefund) return;
  const rows = await db.$queryRaw<{ institution_id: string; status: string; institution_status: string }[]>`
    SELECT e.institution_id::text, e.status::text, i.status::text AS institution_status
      FROM enrollment e JOIN institution i ON i.id = e.institution_id WHERE e.id = ${enrollmentId}::uuid`;
  const row = rows[0];
  if (!row || (row.status !== "ACTIVE" && row.status !== "CLOSED")) return;
  if (row.status === "ACTIVE")
    await db.enrollment.update({ where: { id: enrollmentId }, data: { status: "COMPLETED", endedAt: new Date() } });
  if (row.institution_status !== "APPROVED") return;
  const reserve = await accountBalance(db, row.institution_id, "ENROLLMENT_RESERVE", enrollmentId);
  if (reserve > 0)
    await postLedgerTransaction(db, {
      idempotencyKey: `reserve-release:${enrollmentId}`,
      kind: "RESERVE_RELEASE",
      institutionId: row.institution_id,
      enrollmentId,
      referenceId: enrollmentId,
      postings: reserveRelease(reserve),
    });
}
