import { addDays, isoDateInChina } from "~/lib/china-date";
import { type DataScope, type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import { workingDayAfter } from "./calendar.server";
import { enrollmentProgress } from "./enrollment-progress.server";
import { EscrowRefusal } from "./escrow-errors";
import { type AnswerInput, RECORDABLE_DAYS, type RecordLessonInput } from "./escrow-forms";
import { lockAttendance, releaseAttendance } from "./lesson-release.server";

/**
 * The institution records a lesson given and who attended. Each trainee's attendance is priced
 * at their enrollment's price and awaits the parent's answer until `confirm_due_on` (the tenant's
 * working days after today, on its working-day calendar). Refused, with nothing written: a day in
 * the future or too long ago, a trainee not enrolled in the course, with no lessons left, with a
 * refund under way, or already recorded at this lesson.
 */
export async function recordLesson(
  scope: DataScope,
  institutionId: string,
  input: RecordLessonInput,
  today = isoDateInChina(),
): Promise<{ lessonId: string; attendances: number }> {
  if (input.lessonDate > today || input.lessonDate < addDays(today, -RECORDABLE_DAYS))
    throw new EscrowRefusal("validation.escrow.lessonDateRange", 400);
  return inScope(scope, async (db) => {
    const course = await db.course.findFirst({
      where: { id: input.courseId, institutionId },
      select: { id: true, authorityId: true },
    });
    if (!course) throw new EscrowRefusal("validation.escrow.unknownCourse", 400);
    const settings = await resolveSettingsFor(course.authorityId, today, db);
    const dueOn = await workingDayAfter(db, course.authorityId, today, settings.get("ESCROW.autoConfirmWorkingDays"));
    const lesson = await upsertLesson(db, institutionId, course.authorityId, input, scope.userId);
    let count = 0;
    for (const enrollmentId of [...new Set(input.enrollmentIds)].sort()) {
      const enrollment = await db.enrollment.findFirst({
        where: { id: enrollmentId, courseId: course.id, institutionId, status: "ACTIVE" },
        select: { id: true, parentUserId: true, pricePerLessonFen: true, periodStart: true },
      });
      if (!enrollment) throw new EscrowRefusal("validation.escrow.notEnrolled", 400);
      const progress = await enrollmentProgress(db, enrollment.id);
      if (progress.openRefund) throw new EscrowRefusal("validation.escrow.refundUnderWay", 409);
      if (progress.unrecorded < 1) throw new EscrowRefusal("validation.escrow.noLessonsLeft", 409);
      const inserted = await db.lessonAttendance.createMany({
        data: [
          {
            lessonId: lesson,
            enrollmentId: enrollment.id,
            institutionId,
            authorityId: course.authorityId,
            parentUserId: enrollment.parentUserId,
            priceFen: enrollment.pricePerLessonFen,
            confirmDueOn: new Date(`${dueOn}T00:00:00Z`),
          },
        ],
        skipDuplicates: true,
      });
      if (inserted.count === 0) throw new EscrowRefusal("validation.escrow.alreadyRecorded", 409);
      count += 1;
    }
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: course.authorityId,
      action: "escrow.lessonRecorded",
      entityType: "lesson",
      entityId: lesson,
      after: { courseId: course.id, date: input.lessonDate, start: input.startTime, trainees: count },
    });
    return { lessonId: lesson, attendances: count };
  });
}

async function upsertLesson(
  db: Db,
  institutionId: string,
  authorityId: string,
  input: RecordLessonInput,
  userId: string | null,
): Promise<string> {
  const date = new Date(`${input.lessonDate}T00:00:00Z`);
  await db.lesson.createMany({
    data: [
      {
        institutionId,
        authorityId,
        courseId: input.courseId,
        lessonDate: date,
        startTime: input.startTime,
        endTime: input.endTime,
        recordedById: userId,
      },
    ],
    skipDuplicates: true,
  });
  const lesson = await db.lesson.findUniqueOrThrow({
    where: {
      courseId_lessonDate_startTime: { courseId: input.courseId, lessonDate: date, startTime: input.startTime },
    },
    select: { id: true },
  });
  return lesson.id;
}

/** The parent confirms a lesson (it is released at once) or disputes it (it stays held for the regulator). */
export async function answerAttendance(scope: DataScope, input: AnswerInput): Promise<void> {
  await inScope(scope, async (db) => {
    const attendance = await lockAttendance(db, input.attendanceId);
    const own = await db.lessonAttendance.findFirst({
      where: { id: input.attendanceId, parentUserId: scope.userId ?? "" },
      select: { id: true },
    });
    if (!attendance || !own) throw new EscrowRefusal("escrow.notFound", 404);
    if (input.intent === "confirm") return releaseAttendance(db, attendance, "CONFIRMED", { userId: scope.userId });
    if (attendance.status !== "PENDING") throw new EscrowRefusal("escrow.lesson.alreadyAnswered");
    await db.lessonAttendance.update({
      where: { id: attendance.id },
      data: { status: "DISPUTED", disputeReason: input.reason, answeredAt: new Date() },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: attendance.authority_id,
      action: "escrow.lessonDisputed",
      entityType: "lesson_attendance",
      entityId: attendance.id,
      after: { enrollmentId: attendance.enrollment_id },
    });
  });
}

/**
 * Confirms every lesson whose answer is overdue (its last day to answer has ended in China), one
 * transaction each so a failure holds back only that one; safe to run any number of times at once.
 */
export async function autoConfirmDueLessons(today = isoDateInChina(), batch = 500): Promise<number> {
  let confirmed = 0;
  for (;;) {
    const due = await unsafeAsSystem(
      (db) =>
        db.$queryRaw<{ id: string }[]>`
        SELECT a.id::text FROM lesson_attendance a
          JOIN payment p ON p.enrollment_id = a.enrollment_id AND p.status = 'SUCCEEDED'
         WHERE a.status = 'PENDING' AND a.confirm_due_on < ${today}::date
         ORDER BY a.confirm_due_on, a.id LIMIT ${batch}`,
    );
    if (due.length === 0) return confirmed;
    for (const { id } of due) {
      const done = await unsafeAsSystem(async (db) => {
        const attendance = await lockAttendance(db, id);
        if (attendance?.status !== "PENDING") return false;
        await releaseAttendance(db, attendance, "AUTO_CONFIRMED", { userId: null });
        return true;
      });
      if (done) confirmed += 1;
    }
    if (due.length < batch) return confirmed;
  }
}
