import type {
  AttendanceStatus,
  FundWarningLevel,
  PaymentAccountStatus,
  PayoutStatus,
  RefundOrigin,
  RefundStatus,
} from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import { weekdayOf } from "./lesson-schedule";

/**
 * What an institution sees of its escrow (its members, through row-level security): the money
 * held and paid, its payment account, its trainees' lessons, refunds, payouts and fund warnings.
 * Money is integer fen (numbers: every amount here fits far below 2^53); days are YYYY-MM-DD.
 */

export type EscrowFigures = {
  /** Held for the institution's trainees: escrow plus the risk reserve (监管中). */
  supervisedFen: number;
  /** Recorded lessons waiting for the parent, or disputed (待家长确认). */
  awaitingConfirmationFen: number;
  /** Released and not yet paid out (已结算待付). */
  payableFen: number;
  paidOutFen: number;
  reserveFen: number;
  /** Refunds decided and not yet paid back by the provider (退费中). */
  refundsPayableFen: number;
};

export type PaymentAccountView = {
  institutionStatus: string;
  fundsSupervisionEnabled: boolean;
  account: {
    provider: string;
    status: PaymentAccountStatus;
    chargesEnabled: boolean;
    payoutsEnabled: boolean;
    updatedAt: string;
  } | null;
};

export type RefundView = {
  id: string;
  enrollmentId: string;
  traineeName: string;
  courseName: string;
  origin: RefundOrigin;
  lessons: number;
  amountFen: number;
  reason: string;
  status: RefundStatus;
  requestedAt: string;
  respondBy: string | null;
  institutionResponse: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
};

export type PayoutView = {
  id: string;
  businessDate: string;
  amountFen: number;
  status: PayoutStatus;
  paidAt: string | null;
};

export type FundWarningView = {
  id: string;
  reason: "BALANCE" | "OUTFLOW";
  level: FundWarningLevel;
  raisedAt: string;
  /** BALANCE: the share of what is owed that is held, in percent. */
  heldPercent: number | null;
  heldFen: number | null;
  owedFen: number | null;
  /** OUTFLOW: paid out over the tenant's period. */
  outflowFen: number | null;
};

export type EscrowOverview = {
  figures: EscrowFigures;
  account: PaymentAccountView;
  refundsToAnswer: RefundView[];
  pastRefunds: RefundView[];
  payouts: PayoutView[];
  warnings: FundWarningView[];
};

const PAST_REFUNDS = 30;
const PAYOUTS = 30;

/** The escrow page of an institution: figures, account, refunds, payouts, open warnings. */
export async function escrowOverview(scope: DataScope, institutionId: string): Promise<EscrowOverview> {
  return inScope(scope, async (db) => {
    const [figures, account, refunds, payouts, warnings] = [
      await figuresOf(db, institutionId),
      await accountOf(db, institutionId),
      await refundsOf(db, institutionId),
      await payoutsOf(db, institutionId),
      await warningsOf(db, institutionId),
    ];
    return {
      figures,
      account,
      refundsToAnswer: refunds.filter((r) => r.status === "REQUESTED"),
      pastRefunds: refunds.filter((r) => r.status !== "REQUESTED").slice(0, PAST_REFUNDS),
      payouts,
      warnings,
    };
  });
}

async function figuresOf(db: Db, institutionId: string): Promise<EscrowFigures> {
  const funds = await db.$queryRaw<
    {
      escrow_fen: bigint;
      reserve_fen: bigint;
      payable_fen: bigint;
      paid_out_fen: bigint;
      refunds_payable_fen: bigint;
    }[]
  >`
    SELECT escrow_fen, reserve_fen, payable_fen, paid_out_fen, refunds_payable_fen
      FROM institution_funds WHERE institution_id = ${institutionId}::uuid`;
  const pending = await db.$queryRaw<{ total: bigint }[]>`
    SELECT coalesce(sum(price_fen), 0)::bigint AS total FROM lesson_attendance
     WHERE institution_id = ${institutionId}::uuid AND status IN ('PENDING', 'DISPUTED')`;
  const row = funds[0];
  return {
    supervisedFen: Number(row?.escrow_fen ?? 0n) + Number(row?.reserve_fen ?? 0n),
    awaitingConfirmationFen: Number(pending[0]?.total ?? 0n),
    payableFen: Number(row?.payable_fen ?? 0n),
    paidOutFen: Number(row?.paid_out_fen ?? 0n),
    reserveFen: Number(row?.reserve_fen ?? 0n),
    refundsPayableFen: Number(row?.refunds_payable_fen ?? 0n),
  };
}

async function accountOf(db: Db, institutionId: string): Promise<PaymentAccountView> {
  const institution = await db.institution.findFirst({
    where: { id: institutionId },
    select: { status: true, fundsSupervisionEnabled: true },
  });
  const account = await db.paymentAccount.findUnique({
    where: { institutionId },
    select: { provider: true, status: true, chargesEnabled: true, payoutsEnabled: true, updatedAt: true },
  });
  return {
    institutionStatus: institution?.status ?? "DRAFT",
    fundsSupervisionEnabled: institution?.fundsSupervisionEnabled ?? false,
    account: account ? { ...account, updatedAt: account.updatedAt.toISOString() } : null,
  };
}

async function refundsOf(db: Db, institutionId: string): Promise<RefundView[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      enrollment_id: string;
      trainee_name: string;
      course_name: string;
      origin: RefundOrigin;
      lessons: number;
      amount_fen: number;
      reason: string;
      status: RefundStatus;
      requested_at: Date;
      respond_by: string | null;
      institution_response: string | null;
      decided_by: string | null;
      decision_note: string | null;
      decided_at: Date | null;
    }[]
  >`
    SELECT r.id::text, r.enrollment_id::text, e.trainee_name, c.name AS course_name, r.origin::text, r.lessons,
           r.amount_fen, r.reason, r.status::text, r.requested_at, r.respond_by::text, r.institution_response,
           r.decided_by, r.decision_note, r.decided_at
      FROM refund_request r
      JOIN enrollment e ON e.id = r.enrollment_id
      JOIN course c ON c.id = e.course_id
     WHERE r.institution_id = ${institutionId}::uuid
     ORDER BY (r.status = 'REQUESTED') DESC, r.respond_by NULLS LAST, r.requested_at DESC, r.id
     LIMIT 200`;
  return rows.map((r) => ({
    id: r.id,
    enrollmentId: r.enrollment_id,
    traineeName: r.trainee_name,
    courseName: r.course_name,
    origin: r.origin,
    lessons: r.lessons,
    amountFen: r.amount_fen,
    reason: r.reason,
    status: r.status,
    requestedAt: r.requested_at.toISOString(),
    respondBy: r.respond_by,
    institutionResponse: r.institution_response,
    decidedBy: r.decided_by,
    decisionNote: r.decision_note,
    decidedAt: r.decided_at?.toISOString() ?? null,
  }));
}

async function payoutsOf(db: Db, institutionId: string): Promise<PayoutView[]> {
  const rows = await db.payout.findMany({
    where: { institutionId },
    orderBy: [{ businessDate: "desc" }, { id: "asc" }],
    take: PAYOUTS,
    select: { id: true, businessDate: true, amountFen: true, status: true, paidAt: true },
  });
  return rows.map((p) => ({
    id: p.id,
    businessDate: p.businessDate.toISOString().slice(0, 10),
    amountFen: Number(p.amountFen),
    status: p.status,
    paidAt: p.paidAt?.toISOString() ?? null,
  }));
}

const numberOr = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value)
    ? value
    : typeof value === "string" && value !== "" && Number.isFinite(Number(value))
      ? Number(value)
      : null;

async function warningsOf(db: Db, institutionId: string): Promise<FundWarningView[]> {
  const rows = await db.fundWarning.findMany({
    where: { institutionId, clearedAt: null },
    orderBy: [{ raisedAt: "desc" }, { id: "asc" }],
    select: { id: true, reason: true, level: true, raisedAt: true, measured: true },
  });
  return rows.map((w) => {
    const measured = (typeof w.measured === "object" && w.measured !== null ? w.measured : {}) as Record<
      string,
      unknown
    >;
    return {
      id: w.id,
      reason: w.reason === "OUTFLOW" ? "OUTFLOW" : "BALANCE",
      level: w.level,
      raisedAt: w.raisedAt.toISOString(),
      heldPercent: numberOr(measured.heldPercent),
      heldFen: numberOr(measured.heldFen),
      owedFen: numberOr(measured.owedFen),
      outflowFen: numberOr(measured.outflowFen),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Lessons

export type EnrolledTrainee = {
  enrollmentId: string;
  traineeName: string;
  lessonCount: number;
  /** Lessons recorded, whatever became of them (one refunded on a dispute decision used its place too). */
  recorded: number;
  /** Lessons neither recorded nor refunded: what can still be recorded. */
  left: number;
  openRefund: boolean;
};

export type ScheduleSlotView = { weekday: number; startTime: string; endTime: string };

export type CourseForLessons = {
  id: string;
  name: string;
  lessonMinutes: number;
  slots: ScheduleSlotView[];
  trainees: EnrolledTrainee[];
};

export type AttendanceView = {
  id: string;
  traineeName: string;
  status: AttendanceStatus;
  confirmDueOn: string;
  priceFen: number;
  disputeReason: string | null;
};

export type LessonView = {
  id: string;
  courseName: string;
  lessonDate: string;
  weekday: number;
  startTime: string;
  endTime: string;
  recordedAt: string;
  attendances: AttendanceView[];
};

export type LessonsOverview = { courses: CourseForLessons[]; lessons: LessonView[] };

const RECENT_LESSONS = 30;

/** The lessons page: the institution's active courses with their actively enrolled trainees, and recent lessons. */
export async function lessonsOverview(scope: DataScope, institutionId: string): Promise<LessonsOverview> {
  return inScope(scope, async (db) => {
    const courses = await db.course.findMany({
      where: { institutionId, active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: {
        id: true,
        name: true,
        lessonMinutes: true,
        slots: {
          select: { weekday: true, startTime: true, endTime: true },
          orderBy: [{ weekday: "asc" }, { startTime: "asc" }],
        },
      },
    });
    const trainees = await activeEnrollments(db, institutionId);
    const lessons = await recentLessons(db, institutionId);
    // A course that is no longer offered still shows while trainees are enrolled in it.
    const known = new Set(courses.map((c) => c.id));
    const retired = [...new Set(trainees.filter((t) => !known.has(t.courseId)).map((t) => t.courseId))];
    const extra = retired.length
      ? await db.course.findMany({
          where: { id: { in: retired }, institutionId },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          select: {
            id: true,
            name: true,
            lessonMinutes: true,
            slots: { select: { weekday: true, startTime: true, endTime: true } },
          },
        })
      : [];
    return {
      courses: [...courses, ...extra].map((c) => ({
        id: c.id,
        name: c.name,
        lessonMinutes: c.lessonMinutes,
        slots: c.slots.map((s) => ({ weekday: s.weekday, startTime: s.startTime.trim(), endTime: s.endTime.trim() })),
        trainees: trainees.filter((t) => t.courseId === c.id).map(({ courseId: _, ...t }) => t),
      })),
      lessons,
    };
  });
}

async function activeEnrollments(db: Db, institutionId: string): Promise<(EnrolledTrainee & { courseId: string })[]> {
  const rows = await db.$queryRaw<
    {
      id: string;
      course_id: string;
      trainee_name: string;
      lesson_count: number;
      recorded: number;
      unrecorded: number;
      open_refund: boolean;
    }[]
  >`
    SELECT e.id::text, e.course_id::text, e.trainee_name, e.lesson_count,
           l.recorded, l.unrecorded, l.open_refund
      FROM enrollment e
      CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
     WHERE e.institution_id = ${institutionId}::uuid AND e.status = 'ACTIVE'
     ORDER BY e.trainee_name, e.created_at, e.id`;
  return rows.map((r) => ({
    enrollmentId: r.id,
    courseId: r.course_id,
    traineeName: r.trainee_name,
    lessonCount: r.lesson_count,
    recorded: r.recorded,
    left: r.unrecorded,
    openRefund: r.open_refund,
  }));
}

async function recentLessons(db: Db, institutionId: string): Promise<LessonView[]> {
  const lessons = await db.$queryRaw<
    { id: string; course_name: string; lesson_date: string; start_time: string; end_time: string; recorded_at: Date }[]
  >`
    SELECT l.id::text, c.name AS course_name, l.lesson_date::text, l.start_time, l.end_time, l.recorded_at
      FROM lesson l JOIN course c ON c.id = l.course_id
     WHERE l.institution_id = ${institutionId}::uuid
     ORDER BY l.lesson_date DESC, l.start_time DESC, l.id
     LIMIT ${RECENT_LESSONS}`;
  if (lessons.length === 0) return [];
  const ids = lessons.map((l) => l.id);
  const attendances = await db.$queryRaw<
    {
      id: string;
      lesson_id: string;
      trainee_name: string;
      status: AttendanceStatus;
      confirm_due_on: string;
      price_fen: number;
      dispute_reason: string | null;
    }[]
  >`
    SELECT a.id::text, a.lesson_id::text, e.trainee_name, a.status::text, a.confirm_due_on::text, a.price_fen, a.dispute_reason
      FROM lesson_attendance a JOIN enrollment e ON e.id = a.enrollment_id
     WHERE a.lesson_id = ANY(${ids}::uuid[])
     ORDER BY e.trainee_name, a.id`;
  return lessons.map((l) => ({
    id: l.id,
    courseName: l.course_name,
    lessonDate: l.lesson_date,
    weekday: weekdayOf(l.lesson_date),
    startTime: l.start_time.trim(),
    endTime: l.end_time.trim(),
    recordedAt: l.recorded_at.toISOString(),
    attendances: attendances
      .filter((a) => a.lesson_id === l.id)
      .map((a) => ({
        id: a.id,
        traineeName: a.trainee_name,
        status: a.status,
        confirmDueOn: a.confirm_due_on,
        priceFen: a.price_fen,
        disputeReason: a.dispute_reason,
      })),
  }));
}
