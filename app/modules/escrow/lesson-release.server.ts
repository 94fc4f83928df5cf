import type { Db } from "~/lib/db-scope.server";
import { isUuid } from "~/lib/uuid";
import { appendAudit } from "~/modules/audit/append.server";
import { settleIfFinished } from "./enrollment-progress.server";
import { EscrowRefusal } from "./escrow-errors";
import { postLedgerTransaction } from "./ledger.server";
import { lessonRelease } from "./ledger-postings";

export type ReleasedStatus = "CONFIRMED" | "AUTO_CONFIRMED" | "RELEASED_BY_DECISION";

type LockedAttendance = {
  id: string;
  enrollment_id: string;
  institution_id: string;
  authority_id: string;
  price_fen: number;
  status: string;
  reserve_percent: number;
  payment_status: string | null;
};

/** The attendance, locked, with what its release needs. Null when the reader may not see it. */
export async function lockAttendance(db: Db, attendanceId: string): Promise<LockedAttendance | null> {
  if (!isUuid(attendanceId)) return null;
  const rows = await db.$queryRaw<LockedAttendance[]>`
    SELECT a.id::text, a.enrollment_id::text, a.institution_id::text, a.authority_id::text, a.price_fen,
           a.status::text, e.reserve_percent, p.status::text AS payment_status
      FROM lesson_attendance a
      JOIN enrollment e ON e.id = a.enrollment_id
      LEFT JOIN payment p ON p.enrollment_id = e.id
     WHERE a.id = ${attendanceId}::uuid
       FOR UPDATE OF a`;
  return rows[0] ?? null;
}

/**
 * Releases one lesson from escrow (一课一消): its price leaves the enrollment's escrow, less the
 * reserve (FEE-07) kept until the course ends, and becomes payable to the institution. Exactly
 * once per attendance: the status moves only from `from`, and the ledger key is the attendance's.
 */
export async function releaseAttendance(
  db: Db,
  attendance: LockedAttendance,
  to: ReleasedStatus,
  actor: { userId: string | null; note?: string | null },
): Promise<void> {
  const from = to === "RELEASED_BY_DECISION" ? "DISPUTED" : "PENDING";
  if (attendance.status !== from) throw new EscrowRefusal("escrow.lesson.alreadyAnswered");
  if (attendance.payment_status === "DISPUTED") throw new EscrowRefusal("escrow.lesson.paymentDisputed");
  await postLedgerTransaction(db, {
    idempotencyKey: `lesson-release:${attendance.id}`,
    kind: "LESSON_RELEASE",
    institutionId: attendance.institution_id,
    enrollmentId: attendance.enrollment_id,
    referenceId: attendance.id,
    postings: lessonRelease(attendance.price_fen, attendance.reserve_percent),
  });
  const now = new Date();
  await db.lessonAttendance.update({
    where: { id: attendance.id },
    data:
      to === "RELEASED_BY_DECISION"
        ? { status: to, decidedAt: now, decidedById: actor.userId, decisionNote: actor.note ?? null }
        : { status: to, answeredAt: now },
  });
  await settleIfFinished(db, attendance.enrollment_id);
  // Last: the audit chain serializes appends until commit, so nothing else waits behind it.
  await appendAudit(db, {
    actorUserId: actor.userId,
    authorityId: attendance.authority_id,
    action:
      to === "AUTO_CONFIRMED"
        ? "escrow.lessonAutoConfirmed"
        : to === "CONFIRMED"
          ? "escrow.lessonConfirmed"
          : "escrow.disputeReleased",
    entityType: "lesson_attendance",
    entityId: attendance.id,
    after: { priceFen: attendance.price_fen, enrollmentId: attendance.enrollment_id },
  });
}
