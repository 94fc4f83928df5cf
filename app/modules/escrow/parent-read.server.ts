import { isoDateInChina } from "~/lib/china-date";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import { isSport } from "~/modules/registry/public-institution.server";
import type { Sport } from "~/modules/registry/sports";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";

/**
 * What a parent reads of their own enrollments: the list, one enrollment in detail, and the
 * payment behind a checkout session. Row-level security does the isolation (a parent's scope
 * sees only rows with their user id); the public-registry flag adds the names of the registered
 * institutions and courses, which are public anyway. Dates are ISO strings (China time).
 */
const parentScope = (userId: string): DataScope => ({
  userId,
  authorityId: null,
  platform: false,
  publicRegistry: true,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type EnrollmentStatusName = "PENDING_PAYMENT" | "ACTIVE" | "PAYMENT_FAILED" | "COMPLETED" | "CLOSED";
export type PaymentStatusName = "PENDING" | "PROCESSING" | "SUCCEEDED" | "FAILED" | "DISPUTED";
export type AttendanceStatusName =
  | "PENDING"
  | "CONFIRMED"
  | "AUTO_CONFIRMED"
  | "DISPUTED"
  | "RELEASED_BY_DECISION"
  | "REFUNDED_BY_DECISION";
export type RefundStatusName = "REQUESTED" | "CONTESTED" | "APPROVED" | "SUCCEEDED" | "FAILED" | "REJECTED";
export type RefundOriginName = "PARENT" | "CLOSURE" | "DISPUTE";

/** The money of one enrollment, in fen, from the ledger (view enrollment_funds). */
export type EnrollmentFigures = {
  paidFen: number;
  /** Still in escrow: recorded lessons awaiting release and lessons not given yet. */
  heldFen: number;
  /** Lessons released (confirmed, auto-confirmed, or decided for the institution). */
  consumedFen: number;
  /** Of what was consumed, kept back as the risk reserve (FEE-07) until the course ends. */
  reserveFen: number;
  /** Of what was consumed, what the institution has been credited with. */
  settledFen: number;
  /** Approved refunds (taken out of escrow), paid back or on their way. */
  refundedFen: number;
  /** Approved refunds the provider has not paid back yet. */
  refundInProgressFen: number;
  /** What a refund request would cover now (lessons neither recorded nor refunded). */
  refundableFen: number;
};

export type EnrollmentProgressView = {
  lessonCount: number;
  /** Recorded by the institution (any answer), less those refunded on a dispute decision. */
  recorded: number;
  /** Awaiting the parent's answer. */
  awaitingAnswer: number;
  disputed: number;
  /** Given back by refunds of unconsumed lessons. */
  refundedLessons: number;
  /** Neither recorded nor refunded. */
  unrecorded: number;
  openRefund: boolean;
};

export type EnrollmentSummary = {
  id: string;
  status: EnrollmentStatusName;
  institutionName: string;
  registrationNo: string | null;
  courseName: string;
  sport: Sport | null;
  traineeName: string;
  pricePerLessonFen: number;
  amountFen: number;
  periodStart: string;
  periodEnd: string;
  createdAt: string;
  paymentStatus: PaymentStatusName | null;
  progress: EnrollmentProgressView;
  figures: EnrollmentFigures;
};

export type AttendanceView = {
  id: string;
  status: AttendanceStatusName;
  lessonDate: string;
  startTime: string;
  endTime: string;
  priceFen: number;
  /** The last day to answer; confirmed automatically after it. */
  confirmDueOn: string;
  answeredAt: string | null;
  disputeReason: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
};

export type RefundView = {
  id: string;
  origin: RefundOriginName;
  status: RefundStatusName;
  lessons: number;
  amountFen: number;
  reason: string;
  requestedAt: string;
  /** The institution's last day to answer (silence counts as acceptance). */
  respondBy: string | null;
  institutionResponse: string | null;
  decidedBy: string | null;
  decisionNote: string | null;
  decidedAt: string | null;
  completedAt: string | null;
};

export type EnrollmentDetail = EnrollmentSummary & {
  traineeBirthYear: number;
  lessonMinutes: number;
  reservePercent: number;
  contract: { version: string; text: string; sha256: string; signedAt: string };
  payment: {
    status: PaymentStatusName;
    amountFen: number;
    provider: string;
    /** Where to pay while the payment is still open. */
    checkoutUrl: string | null;
    succeededAt: string | null;
    failedAt: string | null;
  } | null;
  attendances: AttendanceView[];
  refunds: RefundView[];
  /** A refund may be asked for now (active, lessons left, none under way). */
  refundable: boolean;
  /** Working days the institution has to answer a refund request (the tenant's setting today). */
  refundAnswerWorkingDays: number;
};

type SummaryRow = {
  id: string;
  status: EnrollmentStatusName;
  institution_name: string | null;
  registration_no: string | null;
  course_name: string | null;
  sport: string | null;
  trainee_name: string;
  trainee_birth_year: number;
  lesson_count: number;
  lesson_minutes: number;
  price_per_lesson_fen: number;
  amount_fen: number;
  reserve_percent: number;
  authority_id: string;
  period_start: string;
  period_end: string;
  created_at: Date;
  payment_status: PaymentStatusName | null;
  recorded: number;
  awaiting: number;
  disputed: number;
  refunded_lessons: number;
  unrecorded: number;
  open_refund: boolean;
  paid_fen: bigint | null;
  held_fen: bigint | null;
  consumed_fen: bigint | null;
  reserve_fen: bigint | null;
  refunded_fen: bigint | null;
  refund_in_progress_fen: bigint | null;
};

/** The enrollments visible in this transaction (the parent's), newest first; one when `id` is given. */
async function summaryRows(db: Db, parentUserId: string, id: string | null): Promise<SummaryRow[]> {
  return db.$queryRaw<SummaryRow[]>`
    SELECT e.id::text, e.status::text AS status, i.name AS institution_name, i.registration_no,
           c.name AS course_name, c.sport, e.trainee_name, e.trainee_birth_year, e.lesson_count, e.lesson_minutes,
           e.price_per_lesson_fen, e.amount_fen, e.reserve_percent, e.authority_id::text,
           to_char(e.period_start, 'YYYY-MM-DD') AS period_start, to_char(e.period_end, 'YYYY-MM-DD') AS period_end,
           e.created_at, p.status::text AS payment_status,
           l.recorded, l.awaiting, l.disputed, l.refunded + l.refund_failed AS refunded_lessons, l.unrecorded,
           l.open_refund,
           f.paid_fen, f.held_fen, f.consumed_fen, f.reserve_fen, f.refunded_fen, f.refund_in_progress_fen
      FROM enrollment e
      LEFT JOIN institution i ON i.id = e.institution_id
      LEFT JOIN course c ON c.id = e.course_id
      LEFT JOIN payment p ON p.enrollment_id = e.id
      LEFT JOIN enrollment_funds f ON f.enrollment_id = e.id
      CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
     WHERE e.parent_user_id = ${parentUserId}::uuid
       AND (${id}::uuid IS NULL OR e.id = ${id}::uuid)
     ORDER BY e.created_at DESC, e.id`;
}

function summaryOf(row: SummaryRow): EnrollmentSummary {
  const fen = (value: bigint | null) => Number(value ?? 0n);
  const unrecorded = row.unrecorded;
  const consumedFen = fen(row.consumed_fen);
  const reserveFen = fen(row.reserve_fen);
  return {
    id: row.id,
    status: row.status,
    institutionName: row.institution_name ?? "—",
    registrationNo: row.registration_no,
    courseName: row.course_name ?? "—",
    sport: row.sport && isSport(row.sport) ? row.sport : null,
    traineeName: row.trainee_name,
    pricePerLessonFen: row.price_per_lesson_fen,
    amountFen: row.amount_fen,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    createdAt: row.created_at.toISOString(),
    paymentStatus: row.payment_status,
    progress: {
      lessonCount: row.lesson_count,
      recorded: row.recorded,
      awaitingAnswer: row.awaiting,
      disputed: row.disputed,
      refundedLessons: row.refunded_lessons,
      unrecorded,
      openRefund: row.open_refund,
    },
    figures: {
      paidFen: fen(row.paid_fen),
      heldFen: fen(row.held_fen),
      consumedFen,
      reserveFen,
      settledFen: Math.max(0, consumedFen - reserveFen),
      refundedFen: fen(row.refunded_fen),
      refundInProgressFen: fen(row.refund_in_progress_fen),
      refundableFen: row.status === "ACTIVE" ? unrecorded * row.price_per_lesson_fen : 0,
    },
  };
}

/** The parent's enrollments, newest first. */
export async function listParentEnrollments(parentUserId: string): Promise<EnrollmentSummary[]> {
  const rows = await inScope(parentScope(parentUserId), (db) => summaryRows(db, parentUserId, null));
  return rows.map(summaryOf);
}

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : null);
const instant = (value: Date | null) => (value ? value.toISOString() : null);

/** One of the parent's enrollments with its contract, payment, lessons and refunds; null when not theirs. */
export async function parentEnrollmentDetail(
  parentUserId: string,
  enrollmentId: string,
  today = isoDateInChina(),
): Promise<EnrollmentDetail | null> {
  if (!UUID.test(enrollmentId)) return null;
  const found = await inScope(parentScope(parentUserId), async (db) => {
    const [row] = await summaryRows(db, parentUserId, enrollmentId);
    if (!row) return null;
    const enrollment = await db.enrollment.findFirst({
      where: { id: enrollmentId, parentUserId },
      select: { contractVersion: true, contractText: true, contractSha256: true, signedAt: true },
    });
    const payment = await db.payment.findFirst({
      where: { enrollmentId, parentUserId },
      select: {
        status: true,
        amountFen: true,
        provider: true,
        checkoutUrl: true,
        succeededAt: true,
        failedAt: true,
      },
    });
    const attendances = await db.$queryRaw<
      {
        id: string;
        status: AttendanceStatusName;
        lesson_date: string;
        start_time: string;
        end_time: string;
        price_fen: number;
        confirm_due_on: string;
        answered_at: Date | null;
        dispute_reason: string | null;
        decision_note: string | null;
        decided_at: Date | null;
      }[]
    >`
      SELECT a.id::text, a.status::text AS status, to_char(l.lesson_date, 'YYYY-MM-DD') AS lesson_date,
             l.start_time, l.end_time, a.price_fen, to_char(a.confirm_due_on, 'YYYY-MM-DD') AS confirm_due_on,
             a.answered_at, a.dispute_reason, a.decision_note, a.decided_at
        FROM lesson_attendance a
        JOIN lesson l ON l.id = a.lesson_id
       WHERE a.enrollment_id = ${enrollmentId}::uuid AND a.parent_user_id = ${parentUserId}::uuid
       ORDER BY l.lesson_date DESC, l.start_time DESC, a.id`;
    const refunds = await db.refundRequest.findMany({
      where: { enrollmentId, parentUserId },
      orderBy: [{ requestedAt: "desc" }, { id: "asc" }],
      select: {
        id: true,
        origin: true,
        status: true,
        lessons: true,
        amountFen: true,
        reason: true,
        requestedAt: true,
        respondBy: true,
        institutionResponse: true,
        decidedBy: true,
        decisionNote: true,
        decidedAt: true,
        completedAt: true,
      },
    });
    return { row, enrollment, payment, attendances, refunds };
  });
  if (!found?.enrollment) return null;
  const { row, enrollment, payment, attendances, refunds } = found;
  const summary = summaryOf(row);
  const settings = await resolveSettingsFor(row.authority_id, today);
  return {
    ...summary,
    traineeBirthYear: row.trainee_birth_year,
    lessonMinutes: row.lesson_minutes,
    reservePercent: row.reserve_percent,
    contract: {
      version: enrollment.contractVersion,
      text: enrollment.contractText,
      sha256: enrollment.contractSha256,
      signedAt: enrollment.signedAt.toISOString(),
    },
    payment: payment
      ? {
          status: payment.status,
          amountFen: payment.amountFen,
          provider: payment.provider,
          checkoutUrl: payment.status === "PENDING" ? payment.checkoutUrl : null,
          succeededAt: instant(payment.succeededAt),
          failedAt: instant(payment.failedAt),
        }
      : null,
    attendances: attendances.map((a) => ({
      id: a.id,
      status: a.status,
      lessonDate: a.lesson_date,
      startTime: a.start_time,
      endTime: a.end_time,
      priceFen: a.price_fen,
      confirmDueOn: a.confirm_due_on,
      answeredAt: instant(a.answered_at),
      disputeReason: a.dispute_reason,
      decisionNote: a.decision_note,
      decidedAt: instant(a.decided_at),
    })),
    refunds: refunds.map((r) => ({
      id: r.id,
      origin: r.origin,
      status: r.status,
      lessons: r.lessons,
      amountFen: r.amountFen,
      reason: r.reason,
      requestedAt: r.requestedAt.toISOString(),
      respondBy: day(r.respondBy),
      institutionResponse: r.institutionResponse,
      decidedBy: r.decidedBy,
      decisionNote: r.decisionNote,
      decidedAt: instant(r.decidedAt),
      completedAt: instant(r.completedAt),
    })),
    refundable: summary.status === "ACTIVE" && summary.progress.unrecorded > 0 && !summary.progress.openRefund,
    refundAnswerWorkingDays: settings.get("ESCROW.refundDeemedAgreedWorkingDays"),
  };
}

/** Whether the enrollment is the parent's (for actions, before they call the domain). */
export async function isParentEnrollment(parentUserId: string, enrollmentId: string): Promise<boolean> {
  if (!UUID.test(enrollmentId)) return false;
  const count = await inScope(parentScope(parentUserId), (db) =>
    db.enrollment.count({ where: { id: enrollmentId, parentUserId } }),
  );
  return count > 0;
}

export type CheckoutSubject = {
  paymentId: string;
  enrollmentId: string;
  status: PaymentStatusName;
  amountFen: number;
  institutionName: string;
  courseName: string;
  traineeName: string;
  lessons: number;
};

/** The payment a checkout session is for, when it is this parent's; null otherwise. */
export async function parentCheckoutSubject(parentUserId: string, sessionId: string): Promise<CheckoutSubject | null> {
  if (!/^[\w-]{1,255}$/.test(sessionId)) return null;
  const rows = await inScope(
    parentScope(parentUserId),
    (db) =>
      db.$queryRaw<
        {
          payment_id: string;
          enrollment_id: string;
          status: PaymentStatusName;
          amount_fen: number;
          institution_name: string | null;
          course_name: string | null;
          trainee_name: string;
          lesson_count: number;
        }[]
      >`
      SELECT p.id::text AS payment_id, e.id::text AS enrollment_id, p.status::text AS status, p.amount_fen,
             i.name AS institution_name, c.name AS course_name, e.trainee_name, e.lesson_count
        FROM payment p
        JOIN enrollment e ON e.id = p.enrollment_id
        LEFT JOIN institution i ON i.id = e.institution_id
        LEFT JOIN course c ON c.id = e.course_id
       WHERE p.checkout_session_id = ${sessionId} AND p.parent_user_id = ${parentUserId}::uuid`,
  );
  const row = rows[0];
  if (!row) return null;
  return {
    paymentId: row.payment_id,
    enrollmentId: row.enrollment_id,
    status: row.status,
    amountFen: row.amount_fen,
    institutionName: row.institution_name ?? "—",
    courseName: row.course_name ?? "—",
    traineeName: row.trainee_name,
    lessons: row.lesson_count,
  };
}
