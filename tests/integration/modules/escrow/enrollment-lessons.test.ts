import { isoDateInChina } from "~/lib/china-date";
import { inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { currentEnrollment } from "~/modules/escrow/checkout.server";
import { enrollmentProgress } from "~/modules/escrow/enrollment-progress.server";
import { recordLesson } from "~/modules/escrow/lessons.server";
import { lessonsOverview } from "~/modules/escrow/org-read.server";
import { listParentEnrollments } from "~/modules/escrow/parent-read.server";
import { ownerClient } from "../../../support/demo-database";
import { buyLessons, memberScope, PARENT, parentScope, SELLER, setUpSeller } from "./escrow-fixtures";

// The SQL function enrollment_lessons is the one definition of how an enrollment's lessons are counted
// (every reader and writer of the escrow module reads it). These tests walk one attendance and one
// refund through every status the database knows and pin the bucket each falls in: a status added
// to an enum fails here until it is given a bucket, and no status can count twice.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

const LESSONS = 10;
const today = isoDateInChina();

type AttendanceBucket = "awaiting" | "disputed" | "released" | "refunded_on_decision";
const ATTENDANCE_BUCKETS: AttendanceBucket[] = ["awaiting", "disputed", "released", "refunded_on_decision"];
const ATTENDANCE_BUCKET_OF: Record<string, AttendanceBucket> = {
  PENDING: "awaiting",
  DISPUTED: "disputed",
  CONFIRMED: "released",
  AUTO_CONFIRMED: "released",
  RELEASED_BY_DECISION: "released",
  REFUNDED_BY_DECISION: "refunded_on_decision",
};

type RefundBucket = "refunded" | "refund_failed";
/** Where a refund's lessons count, by status, unless it is of origin DISPUTE (its lesson counts instead). */
const REFUND_BUCKET_OF: Record<string, RefundBucket | null> = {
  REQUESTED: null,
  CONTESTED: null,
  APPROVED: "refunded",
  SUCCEEDED: "refunded",
  FAILED: "refund_failed",
  REJECTED: null,
};
const OPEN_REFUND = new Set(["REQUESTED", "CONTESTED"]);

type Counts = {
  lesson_count: number;
  awaiting: number;
  disputed: number;
  released: number;
  refunded_on_decision: number;
  recorded: number;
  pending: number;
  refunded: number;
  refund_failed: number;
  open_refund: boolean;
  unrecorded: number;
};

let enrollmentId = "";
let attendanceId = "";

async function counts(): Promise<Counts> {
  const rows = await owner.$queryRaw<Counts[]>`
    SELECT e.lesson_count, l.awaiting, l.disputed, l.released, l.refunded_on_decision, l.recorded, l.pending,
           l.refunded, l.refund_failed, l.open_refund, l.unrecorded
      FROM enrollment e CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
     WHERE e.id = ${enrollmentId}::uuid`;
  const row = rows[0];
  if (!row) throw new Error("the enrollment has no enrollment_lessons row");
  return row;
}

async function enumValues(type: "AttendanceStatus" | "RefundStatus" | "RefundOrigin"): Promise<string[]> {
  const rows = await owner.$queryRawUnsafe<{ value: string }[]>(
    `SELECT unnest(enum_range(NULL::"${type}"))::text AS value`,
  );
  return rows.map((r) => r.value);
}

/**
 * What the writers (under their lock), the parent's page, the institution's lessons page and
 * checkout's renewal rule (FEE-08) make of the enrollment now.
 */
async function readers() {
  const progress = await unsafeAsSystem((db) => enrollmentProgress(db, enrollmentId));
  const summary = (await listParentEnrollments(PARENT.userId)).find((s) => s.id === enrollmentId);
  const lessons = await lessonsOverview(memberScope(SELLER.adminEmail), SELLER.id);
  const trainee = lessons.courses.flatMap((c) => c.trainees).find((t) => t.enrollmentId === enrollmentId);
  const renewal = await currentEnrollment(PARENT.userId, SELLER.courseId, "小桶");
  return {
    progress,
    parent: summary?.progress,
    institution: trainee && { recorded: trainee.recorded, left: trainee.left },
    lessonsLeftForRenewal: renewal?.lessonsLeft,
  };
}

beforeAll(async () => {
  await setUpSeller(owner);
  ({ enrollmentId } = await buyLessons(LESSONS, { trainee: "小桶" }));
  await recordLesson(memberScope(SELLER.adminEmail), SELLER.id, {
    courseId: SELLER.courseId,
    lessonDate: today,
    startTime: "07:00",
    endTime: "08:00",
    enrollmentIds: [enrollmentId],
  });
  const attendance = await owner.lessonAttendance.findFirstOrThrow({ where: { enrollmentId }, select: { id: true } });
  attendanceId = attendance.id;
  // Every status with a decision needs a reason; set once so the walk below may visit any of them.
  await owner.lessonAttendance.update({ where: { id: attendanceId }, data: { disputeReason: "教练未到场" } });
});

describe("how an enrollment's lessons are counted (enrollment_lessons)", () => {
  it("counts an attendance of every status in exactly one bucket, and as recorded", async () => {
    const statuses = await enumValues("AttendanceStatus");
    expect(statuses.sort()).toEqual(Object.keys(ATTENDANCE_BUCKET_OF).sort());
    for (const status of statuses) {
      await owner.$executeRawUnsafe(
        `UPDATE lesson_attendance SET status = $1::"AttendanceStatus" WHERE id = $2::uuid`,
        status,
        attendanceId,
      );
      const c = await counts();
      const expected = Object.fromEntries(
        ATTENDANCE_BUCKETS.map((b) => [b, b === ATTENDANCE_BUCKET_OF[status] ? 1 : 0]),
      );
      expect({ status, ...pick(c, ATTENDANCE_BUCKETS) }).toEqual({ status, ...expected });
      expect({ status, recorded: c.recorded, pending: c.pending, unrecorded: c.unrecorded }).toEqual({
        status,
        recorded: 1,
        pending: status === "PENDING" || status === "DISPUTED" ? 1 : 0,
        // Whatever became of a recorded lesson, its place is used: never free again.
        unrecorded: LESSONS - 1,
      });
      const { progress, parent, institution, lessonsLeftForRenewal } = await readers();
      // The institution is offered no place the server would refuse, and a renewal is judged on
      // the same count (both once left a lesson refunded on a decision free).
      expect({ status, institution, lessonsLeftForRenewal }).toEqual({
        status,
        institution: { recorded: 1, left: LESSONS - 1 },
        lessonsLeftForRenewal: LESSONS - 1,
      });
      expect({ status, ...progress }).toMatchObject({
        status,
        lessonCount: LESSONS,
        recorded: 1,
        pending: c.pending,
        refunded: 0,
        unrecorded: LESSONS - 1,
        openRefund: false,
      });
      expect({ status, ...parent }).toMatchObject({
        status,
        recorded: 1,
        awaitingAnswer: c.awaiting,
        disputed: c.disputed,
        unrecorded: LESSONS - 1,
      });
    }
  });

  it("counts a refund's lessons once by its status, and none for a refund decided on a dispute", async () => {
    await owner.$executeRaw`UPDATE lesson_attendance SET status = 'CONFIRMED' WHERE id = ${attendanceId}::uuid`;
    const refundLessons = 3;
    const refund = await owner.refundRequest.create({
      data: {
        enrollmentId,
        institutionId: SELLER.id,
        authorityId: (await owner.enrollment.findUniqueOrThrow({ where: { id: enrollmentId } })).authorityId,
        parentUserId: PARENT.userId,
        origin: "PARENT",
        lessons: refundLessons,
        amountFen: refundLessons * SELLER.priceFen,
        reason: "搬家",
        idempotencyKey: `enrollment-lessons-test:${enrollmentId}`,
      },
      select: { id: true },
    });
    const statuses = await enumValues("RefundStatus");
    expect(statuses.sort()).toEqual(Object.keys(REFUND_BUCKET_OF).sort());
    for (const origin of await enumValues("RefundOrigin")) {
      for (const status of statuses) {
        await owner.$executeRawUnsafe(
          `UPDATE refund_request SET origin = $1::"RefundOrigin", status = $2::"RefundStatus" WHERE id = $3::uuid`,
          origin,
          status,
          refund.id,
        );
        const bucket = origin === "DISPUTE" ? null : REFUND_BUCKET_OF[status];
        const givenBack = bucket ? refundLessons : 0;
        const c = await counts();
        expect({ origin, status, ...pick(c, ["refunded", "refund_failed", "open_refund", "unrecorded"]) }).toEqual({
          origin,
          status,
          refunded: bucket === "refunded" ? refundLessons : 0,
          refund_failed: bucket === "refund_failed" ? refundLessons : 0,
          open_refund: OPEN_REFUND.has(status),
          unrecorded: LESSONS - 1 - givenBack,
        });
        const { progress, parent, institution, lessonsLeftForRenewal } = await readers();
        expect({ origin, status, institution, lessonsLeftForRenewal }).toEqual({
          origin,
          status,
          institution: { recorded: 1, left: LESSONS - 1 - givenBack },
          lessonsLeftForRenewal: LESSONS - 1 - givenBack,
        });
        expect({ origin, status, ...progress }).toMatchObject({
          origin,
          status,
          recorded: 1,
          refunded: givenBack,
          unrecorded: LESSONS - 1 - givenBack,
          openRefund: OPEN_REFUND.has(status),
        });
        expect({ origin, status, ...parent }).toMatchObject({
          origin,
          status,
          refundedLessons: givenBack,
          unrecorded: LESSONS - 1 - givenBack,
          openRefund: OPEN_REFUND.has(status),
        });
      }
    }
  });

  it("counts only what row-level security lets the reader see", async () => {
    const own = await inScope(
      parentScope(),
      (db) =>
        db.$queryRaw<{ recorded: number }[]>`
        SELECT l.recorded FROM enrollment e CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
         WHERE e.id = ${enrollmentId}::uuid`,
    );
    expect(own).toEqual([{ recorded: 1 }]);
    const stranger = await inScope(
      parentScope({ ...PARENT, userId: "00000000-0000-4000-8000-000000000001" }),
      (db) =>
        db.$queryRaw<{ recorded: number }[]>`
        SELECT l.recorded FROM enrollment e CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
         WHERE e.id = ${enrollmentId}::uuid`,
    );
    expect(stranger).toEqual([]);
  });
});

function pick<T extends object, K extends keyof T>(value: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, value[k]])) as Pick<T, K>;
}
