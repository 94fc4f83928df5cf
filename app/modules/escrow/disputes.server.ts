import { type DataScope, inScope } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { settleIfFinished } from "./enrollment-progress.server";
import { EscrowRefusal } from "./escrow-errors";
import type { DisputeDecision } from "./escrow-forms";
import { lockAttendance, releaseAttendance } from "./lesson-release.server";
import { createApprovedRefund } from "./refunds.server";

/**
 * The regulator decides a disputed lesson: for the institution (the lesson is released) or for
 * the parent (its price is refunded). Only within the regulator's jurisdiction; once.
 */
export async function decideDispute(scope: DataScope, input: DisputeDecision): Promise<void> {
  await inScope(scope, async (db) => {
    const attendance = await lockAttendance(db, input.attendanceId);
    const visible =
      attendance &&
      (await db.lessonAttendance.findFirst({
        where: { id: attendance.id, authorityId: attendance.authority_id },
        select: { id: true },
      }));
    if (!attendance || !visible || scope.authorityId === null) throw new EscrowRefusal("escrow.notFound", 404);
    if (attendance.status !== "DISPUTED") throw new EscrowRefusal("escrow.lesson.alreadyAnswered");
    if (input.intent === "releaseLesson") {
      await releaseAttendance(db, attendance, "RELEASED_BY_DECISION", { userId: scope.userId, note: input.note });
      return;
    }
    await db.lessonAttendance.update({
      where: { id: attendance.id },
      data: {
        status: "REFUNDED_BY_DECISION",
        decidedAt: new Date(),
        decidedById: scope.userId,
        decisionNote: input.note,
      },
    });
    await createApprovedRefund(db, {
      key: `refund:dispute:${attendance.id}`,
      enrollmentId: attendance.enrollment_id,
      origin: "DISPUTE",
      lessons: 1,
      amountFen: attendance.price_fen,
      reason: input.note,
      attendanceId: attendance.id,
      actorUserId: scope.userId,
      by: "REGULATOR",
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: attendance.authority_id,
      action: "escrow.disputeRefunded",
      entityType: "lesson_attendance",
      entityId: attendance.id,
    });
    await settleIfFinished(db, attendance.enrollment_id);
  });
}
