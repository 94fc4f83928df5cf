import { addDays, isoDateInChina } from "~/lib/china-date";
import { type DataScope, inPublicRegistry, inScope } from "~/lib/db-scope.server";
import type { FieldErrors } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { zhCN } from "~/lib/i18n/zh-CN";
import { logger } from "~/lib/logger.server";
import { isUuid } from "~/lib/uuid";
import { appendAudit } from "~/modules/audit/append.server";
import { isSport, normalizeRegistrationNo } from "~/modules/registry/public-institution.server";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import { type CapRefusal, maxLessonsAllowed, purchaseRefusals } from "./checkout-caps";
import type { CheckoutInput } from "./checkout-form";
import { CONTRACT_VERSION, contractDigest, contractText } from "./contract";
import { lessonDays } from "./lesson-schedule";
import { paymentProvider } from "./providers/provider.server";

/** A course as a parent may buy it: the institution's public facts, the course, and the caps. */
export type CourseOffer = {
  institution: {
    id: string;
    name: string;
    registrationNo: string;
    authorityId: string;
    authorityName: string;
    status: string;
    fundsSupervisionEnabled: boolean;
  };
  course: {
    id: string;
    name: string;
    sport: string;
    lessonMinutes: number;
    pricePerLessonFen: number;
    suggestedLessons: number;
    slotWeekdays: number[];
  };
  /** Why it cannot be sold now (FEE-04, or the institution is not in good standing), or null. */
  notForSale: MessageKey | null;
  maxLessons: number;
  settings: ResolvedSettings;
};

type OfferRow = {
  institution_id: string;
  institution_name: string;
  registration_no: string;
  authority_id: string;
  authority_name: string;
  status: string;
  funds_supervision_enabled: boolean;
  course_id: string;
  course_name: string;
  sport: string;
  lesson_minutes: number;
  price_per_lesson_fen: number;
  lesson_count: number;
  active: boolean;
  weekdays: number[] | null;
};

/** The course of a registered institution, or null when there is no such course to show. */
export async function courseOffer(
  registrationNo: string,
  courseId: string,
  today = isoDateInChina(),
): Promise<CourseOffer | null> {
  // Only well-formed numbers and ids reach the query (a NUL byte or a broken uuid would fail it).
  if (!isUuid(courseId) || normalizeRegistrationNo(registrationNo) !== registrationNo) return null;
  const rows = await inPublicRegistry(
    (db) =>
      db.$queryRaw<OfferRow[]>`
      SELECT i.id::text AS institution_id, i.name AS institution_name, i.registration_no, i.authority_id::text,
             a.name AS authority_name, i.status::text, i.funds_supervision_enabled,
             c.id::text AS course_id, c.name AS course_name, c.sport, c.lesson_minutes, c.price_per_lesson_fen,
             c.lesson_count, c.active,
             (SELECT array_agg(s.weekday ORDER BY s.weekday) FROM schedule_slot s WHERE s.course_id = c.id) AS weekdays
        FROM institution i
        JOIN authority a ON a.id = i.authority_id
        JOIN course c ON c.institution_id = i.id
       WHERE i.registration_no = ${registrationNo} AND c.id = ${courseId}::uuid`,
  );
  const row = rows[0];
  if (!row?.active) return null;
  const settings = await resolveSettingsFor(row.authority_id, today);
  const notForSale: MessageKey | null =
    row.status !== "APPROVED"
      ? "escrow.offer.notInGoodStanding"
      : !row.funds_supervision_enabled
        ? "escrow.offer.noFundsSupervision"
        : null;
  return {
    institution: {
      id: row.institution_id,
      name: row.institution_name,
      registrationNo: row.registration_no,
      authorityId: row.authority_id,
      authorityName: row.authority_name,
      status: row.status,
      fundsSupervisionEnabled: row.funds_supervision_enabled,
    },
    course: {
      id: row.course_id,
      name: row.course_name,
      sport: row.sport,
      lessonMinutes: row.lesson_minutes,
      pricePerLessonFen: row.price_per_lesson_fen,
      suggestedLessons: row.lesson_count,
      slotWeekdays: row.weekdays ?? [],
    },
    notForSale,
    maxLessons: maxLessonsAllowed(settings, row.lesson_minutes, row.price_per_lesson_fen),
    settings,
  };
}

export type Parent = { userId: string; displayName: string; email: string };

export type EnrollmentPreview = {
  periodStart: string;
  periodEnd: string;
  amountFen: number;
  reservePercent: number;
  refusals: CapRefusal[];
  contract: string;
  contractSha256: string;
};

/** What buying `input` would be: the period, the amount, the caps it breaks, and the contract to sign. */
export async function previewEnrollment(
  parent: Parent,
  offer: CourseOffer,
  input: CheckoutInput,
  today = isoDateInChina(),
): Promise<EnrollmentPreview> {
  const { settings, course, institution } = offer;
  // Lessons start at the earliest tomorrow: a purchase never covers a lesson already under way.
  const days = lessonDays(addDays(today, 1), course.slotWeekdays, input.lessons);
  const periodStart = days[0] ?? addDays(today, 1);
  const periodEnd = days[days.length - 1] ?? periodStart;
  const current = await currentEnrollment(parent.userId, course.id, input.traineeName);
  const refusals = purchaseRefusals(settings, {
    lessons: input.lessons,
    lessonMinutes: course.lessonMinutes,
    pricePerLessonFen: course.pricePerLessonFen,
    periodStart,
    periodEnd,
    current: current ? { ...current, today } : null,
  });
  const reservePercent = settings.isRuleOn("FEE-07") ? settings.get("FEE-07.reserveSharePercent") : 0;
  const contract = contractText({
    institutionName: institution.name,
    registrationNo: institution.registrationNo,
    authorityName: institution.authorityName,
    parentName: parent.displayName,
    parentEmail: parent.email,
    traineeName: input.traineeName,
    traineeBirthYear: input.traineeBirthYear,
    courseName: course.name,
    // The contract is Chinese in both interface languages (see contract.ts).
    sport: isSport(course.sport) ? zhCN[`sport.${course.sport}`] : course.sport,
    lessons: input.lessons,
    lessonMinutes: course.lessonMinutes,
    pricePerLessonFen: course.pricePerLessonFen,
    periodStart,
    periodEnd,
    autoConfirmWorkingDays: settings.get("ESCROW.autoConfirmWorkingDays"),
    refundDeemedAgreedWorkingDays: settings.get("ESCROW.refundDeemedAgreedWorkingDays"),
    reservePercent,
  });
  return {
    periodStart,
    periodEnd,
    amountFen: input.lessons * course.pricePerLessonFen,
    reservePercent,
    refusals,
    contract,
    contractSha256: await contractDigest(contract),
  };
}

/**
 * The trainee's active enrollment in the course, with what is left of it (FEE-08): the places
 * neither recorded nor given back, as every escrow reader counts them (enrollment_lessons).
 */
export async function currentEnrollment(parentUserId: string, courseId: string, traineeName: string) {
  const scope: DataScope = { userId: parentUserId, authorityId: null, platform: false };
  const rows = await inScope(
    scope,
    (db) =>
      db.$queryRaw<{ lessons_left: number; period_end: string }[]>`
      SELECT l.unrecorded AS lessons_left,
             to_char(e.period_end, 'YYYY-MM-DD') AS period_end
        FROM enrollment e
        CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
       WHERE e.parent_user_id = ${parentUserId}::uuid AND e.course_id = ${courseId}::uuid
         AND e.trainee_name = ${traineeName} AND e.status = 'ACTIVE'
       ORDER BY e.period_end DESC LIMIT 1`,
  );
  const row = rows[0];
  return row ? { lessonsLeft: row.lessons_left, periodEnd: row.period_end } : null;
}

export type StartResult =
  | { ok: true; checkoutUrl: string; enrollmentId: string }
  | { ok: false; fieldErrors?: FieldErrors; formError?: MessageKey; refusals?: CapRefusal[] };

/**
 * Signs the contract and opens the payment: the enrollment (with the contract as read) and its
 * payment are written in one transaction, then the provider's checkout is created. When the
 * provider cannot be reached the enrollment is marked failed and nothing is owed.
 */
export async function startEnrollment(
  parent: Parent,
  offer: CourseOffer,
  input: CheckoutInput & { contractSha256: string },
  origin: string,
  today = isoDateInChina(),
): Promise<StartResult> {
  if (offer.notForSale) return { ok: false, formError: offer.notForSale };
  const preview = await previewEnrollment(parent, offer, input, today);
  if (preview.refusals.length > 0) return { ok: false, refusals: preview.refusals };
  if (preview.contractSha256 !== input.contractSha256)
    return { ok: false, fieldErrors: { contractSha256: ["validation.checkout.contractChanged"] } };
  const scope: DataScope = { userId: parent.userId, authorityId: null, platform: false };
  const { institution, course } = offer;
  const created = await inScope(scope, async (db) => {
    const enrollment = await db.enrollment.create({
      data: {
        institutionId: institution.id,
        authorityId: institution.authorityId,
        courseId: course.id,
        parentUserId: parent.userId,
        traineeName: input.traineeName,
        traineeBirthYear: input.traineeBirthYear,
        lessonCount: input.lessons,
        pricePerLessonFen: course.pricePerLessonFen,
        amountFen: preview.amountFen,
        lessonMinutes: course.lessonMinutes,
        reservePercent: preview.reservePercent,
        contractVersion: CONTRACT_VERSION,
        contractText: preview.contract,
        contractSha256: preview.contractSha256,
        signedAt: new Date(),
        periodStart: new Date(`${preview.periodStart}T00:00:00Z`),
        periodEnd: new Date(`${preview.periodEnd}T00:00:00Z`),
      },
      select: { id: true },
    });
    const payment = await db.payment.create({
      data: {
        enrollmentId: enrollment.id,
        institutionId: institution.id,
        authorityId: institution.authorityId,
        parentUserId: parent.userId,
        provider: paymentProvider().name,
        amountFen: preview.amountFen,
      },
      select: { id: true },
    });
    await appendAudit(db, {
      actorUserId: parent.userId,
      authorityId: institution.authorityId,
      action: "escrow.enrollmentSigned",
      entityType: "enrollment",
      entityId: enrollment.id,
      after: {
        courseId: course.id,
        lessons: input.lessons,
        amountFen: preview.amountFen,
        contractVersion: CONTRACT_VERSION,
        contractSha256: preview.contractSha256,
      },
    });
    return { enrollmentId: enrollment.id, paymentId: payment.id };
  });
  try {
    const session = await paymentProvider().createCheckout({
      paymentId: created.paymentId,
      enrollmentId: created.enrollmentId,
      amountFen: preview.amountFen,
      description: `${institution.name} · ${course.name} × ${input.lessons}`,
      customerEmail: parent.email,
      successUrl: `${origin}/account/enrollments/${created.enrollmentId}?paid=1`,
      cancelUrl: `${origin}/account/enrollments/${created.enrollmentId}`,
    });
    await inScope(scope, (db) =>
      db.payment.update({
        where: { id: created.paymentId },
        data: { checkoutSessionId: session.sessionId, checkoutUrl: session.url },
      }),
    );
    return { ok: true, checkoutUrl: session.url, enrollmentId: created.enrollmentId };
  } catch (error) {
    logger.error({ err: error, paymentId: created.paymentId }, "checkout could not be opened");
    await inScope(scope, async (db) => {
      await db.payment.update({ where: { id: created.paymentId }, data: { status: "FAILED", failedAt: new Date() } });
      await db.enrollment.update({ where: { id: created.enrollmentId }, data: { status: "PAYMENT_FAILED" } });
    });
    return { ok: false, formError: "escrow.checkout.providerUnavailable" };
  }
}
