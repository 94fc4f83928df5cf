import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useId, useState } from "react";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { addDays, isoDateInChina } from "~/lib/china-date";
import { formatDate, formatFen } from "~/lib/format";
import { type FieldErrors, formValues, validate } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { EscrowRefusal } from "~/modules/escrow/escrow-errors";
import { RECORDABLE_DAYS, recordLessonSchema } from "~/modules/escrow/escrow-forms";
import { weekdayOf } from "~/modules/escrow/lesson-schedule";
import { recordLesson } from "~/modules/escrow/lessons.server";
import {
  type AttendanceView,
  type CourseForLessons,
  type LessonView,
  lessonsOverview,
} from "~/modules/escrow/org-read.server";
import { requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";

// 课时记录: after a lesson, any member (admin or staff, often from a phone at the venue) records
// who attended; each parent then confirms or disputes it before the money is released. The
// recent lessons show where each answer stands. Anyone but the institution's members gets 404.

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  const today = isoDateInChina();
  const { courses, lessons } = await lessonsOverview(scope, institutionId);
  const search = new URL(request.url).searchParams;
  const asked = search.get("course");
  const recorded = Number(search.get("recorded"));
  const recordedOn = search.get("date");
  return {
    institutionId,
    today,
    earliest: addDays(today, -RECORDABLE_DAYS),
    recordableDays: RECORDABLE_DAYS,
    courses,
    lessons,
    selectedCourseId: courses.some((c) => c.id === asked) ? asked : null,
    recorded:
      Number.isInteger(recorded) && recorded > 0 && recordedOn && /^\d{4}-\d{2}-\d{2}$/.test(recordedOn)
        ? { count: recorded, date: recordedOn }
        : null,
  };
}

type ActionFailure = { ok: false; fieldErrors: FieldErrors; formError?: MessageKey; values?: Record<string, unknown> };

function failure(body: Omit<ActionFailure, "ok">, status: number) {
  return data({ ok: false as const, ...body } satisfies ActionFailure, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  let values: Record<string, unknown>;
  try {
    values = formValues(await request.formData());
  } catch {
    return failure({ fieldErrors: {}, formError: "validation.badForm" }, 400);
  }
  const parsed = validate(recordLessonSchema, values);
  // The posted values come back so the form shows what was chosen (also without JavaScript).
  if (!parsed.ok) return failure({ fieldErrors: parsed.fieldErrors, formError: parsed.formError, values }, 400);
  try {
    const { attendances } = await recordLesson(scope, institutionId, parsed.data);
    const { courseId, lessonDate } = parsed.data;
    return redirect(`/org/${institutionId}/lessons?course=${courseId}&recorded=${attendances}&date=${lessonDate}`);
  } catch (error) {
    if (error instanceof EscrowRefusal)
      return failure({ fieldErrors: {}, formError: error.messageKey, values }, error.status);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The page

export default function InstitutionLessons() {
  const { institutionId, courses, lessons, recorded } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{t("escrowOrg.lessons.title")}</h2>
        <p className="text-sm text-slate-700">{t("escrowOrg.lessons.lead")}</p>
      </header>
      {recorded ? (
        <Alert tone="success">
          {t("escrowOrg.lessons.recorded", { count: recorded.count, date: formatDate(recorded.date, locale) })}
        </Alert>
      ) : null}
      {courses.length === 0 ? (
        <section aria-labelledby="no-courses" className="space-y-2 rounded border border-slate-300 bg-white p-4">
          <h3 id="no-courses" className="font-semibold">
            {t("escrowOrg.lessons.noCourses.title")}
          </h3>
          <p className="text-slate-700">{t("escrowOrg.lessons.noCourses.body")}</p>
          <Link to={`/org/${institutionId}/filing`} className="text-brand-700 underline">
            {t("escrowOrg.lessons.noCourses.link")}
          </Link>
        </section>
      ) : (
        <RecordForm />
      )}
      <RecentLessons lessons={lessons} />
      {courses.length > 0 ? <Trainees courses={courses} /> : null}
    </div>
  );
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const list = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === "string")
    : typeof value === "string"
      ? [value]
      : [];

/** The course's schedule slot on that day's weekday, if it has one (the first, when several). */
function slotOn(course: CourseForLessons | undefined, day: string) {
  if (!course || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  const weekday = weekdayOf(day);
  return course.slots.find((s) => s.weekday === weekday);
}

const recordable = (course: CourseForLessons | undefined) => course?.trainees.filter((tr) => tr.left > 0) ?? [];

function RecordForm() {
  const { today, earliest, recordableDays, courses, selectedCourseId } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const location = useLocation();
  const { t } = useTranslation();
  const posted = result && !result.ok ? result.values : undefined;
  const initialCourse =
    courses.find((c) => c.id === text(posted?.courseId)) ??
    courses.find((c) => c.id === selectedCourseId) ??
    courses.find((c) => recordable(c).length > 0) ??
    courses[0];
  const initialDate = text(posted?.lessonDate) ?? today;
  const initialSlot = slotOn(initialCourse, initialDate);
  const [courseId, setCourseId] = useState(initialCourse?.id ?? "");
  const [lessonDate, setLessonDate] = useState(initialDate);
  const [startTime, setStartTime] = useState(text(posted?.startTime) ?? initialSlot?.startTime ?? "");
  const [endTime, setEndTime] = useState(text(posted?.endTime) ?? initialSlot?.endTime ?? "");
  const course = courses.find((c) => c.id === courseId);
  const trainees = recordable(course);
  const chosen = new Set(list(posted?.enrollmentIds));
  const errors = result && !result.ok ? result.fieldErrors : {};
  const errorOf = (name: string): MessageKey | undefined =>
    errors[name]?.[0] ?? Object.entries(errors).find(([k]) => k.startsWith(`${name}.`))?.[1][0];
  const traineesError = errorOf("enrollmentIds");
  const formError = result && !result.ok ? result.formError : undefined;
  const daySlots = course?.slots.filter((s) => s.weekday === weekdayOf(lessonDate)) ?? [];

  /** Moving to another course or day fills in that day's scheduled times (when there are some). */
  function follow(nextCourse: string, nextDate: string) {
    const slot = slotOn(
      courses.find((c) => c.id === nextCourse),
      nextDate,
    );
    if (slot) {
      setStartTime(slot.startTime);
      setEndTime(slot.endTime);
    }
  }

  return (
    <section aria-labelledby="record-heading" className="space-y-3">
      <h3 id="record-heading" className="text-lg font-semibold">
        {t("escrowOrg.lessons.form.heading")}
      </h3>
      <Form method="post" className="space-y-4 rounded border border-slate-300 bg-white p-4">
        {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
        <SelectField
          name="courseId"
          label={t("escrowOrg.lessons.form.course")}
          value={courseId}
          onChange={(e) => {
            setCourseId(e.currentTarget.value);
            follow(e.currentTarget.value, lessonDate);
          }}
          error={errorOf("courseId")}
          options={courses.map((c) => ({
            value: c.id,
            label: t("escrowOrg.lessons.form.courseOption", { name: c.name, count: recordable(c).length }),
          }))}
        />
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField
            name="lessonDate"
            type="date"
            required
            min={earliest}
            max={today}
            label={t("escrowOrg.lessons.form.date")}
            hint={t("escrowOrg.lessons.form.dateHint", { days: recordableDays })}
            value={lessonDate}
            onChange={(e) => {
              setLessonDate(e.currentTarget.value);
              follow(courseId, e.currentTarget.value);
            }}
            error={errorOf("lessonDate")}
          />
          <TextField
            name="startTime"
            type="time"
            required
            label={t("escrowOrg.lessons.form.start")}
            value={startTime}
            onChange={(e) => setStartTime(e.currentTarget.value)}
            error={errorOf("startTime")}
          />
          <TextField
            name="endTime"
            type="time"
            required
            label={t("escrowOrg.lessons.form.end")}
            value={endTime}
            onChange={(e) => setEndTime(e.currentTarget.value)}
            error={errorOf("endTime")}
          />
        </div>
        {daySlots.length > 0 ? (
          <p className="text-sm text-slate-600">
            {t("escrowOrg.lessons.form.scheduled", {
              times: daySlots.map((s) => `${s.startTime}–${s.endTime}`).join("、"),
            })}
          </p>
        ) : (
          <p className="text-sm text-slate-600">{t("escrowOrg.lessons.form.unscheduled")}</p>
        )}
        <TraineeChoice
          // A new course, or a lesson just recorded, starts with no trainee ticked.
          key={`${courseId}|${location.key}`}
          course={course}
          trainees={trainees}
          chosen={chosen}
          error={traineesError}
        />
        <SubmitButton
          pending={navigation.state !== "idle" && navigation.formMethod === "POST"}
          className="w-full sm:w-auto"
        >
          {t("escrowOrg.lessons.form.submit")}
        </SubmitButton>
      </Form>
    </section>
  );
}

function TraineeChoice(props: {
  course: CourseForLessons | undefined;
  trainees: CourseForLessons["trainees"];
  chosen: Set<string>;
  error: MessageKey | undefined;
}) {
  const { course, trainees, chosen, error } = props;
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <fieldset
      className="space-y-2"
      aria-invalid={error ? true : undefined}
      aria-describedby={error ? errorId : undefined}
    >
      <legend className="text-sm font-medium text-slate-800">{t("escrowOrg.lessons.form.trainees")}</legend>
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
      {trainees.length === 0 ? (
        <p className="text-sm text-slate-700">
          {t("escrowOrg.lessons.form.noTrainees", { course: course?.name ?? "" })}
        </p>
      ) : (
        <ul className="grid gap-2 sm:grid-cols-2">
          {trainees.map((tr) => (
            <li key={tr.enrollmentId}>
              <label className="flex min-h-11 items-center gap-3 rounded border border-slate-300 px-3 py-2">
                <input
                  type="checkbox"
                  name="enrollmentIds"
                  value={tr.enrollmentId}
                  defaultChecked={chosen.has(tr.enrollmentId)}
                  disabled={tr.openRefund}
                  className="h-5 w-5"
                />
                <span className="break-words">
                  {tr.traineeName}
                  <span className="block text-sm text-slate-600">
                    {tr.openRefund
                      ? t("escrowOrg.lessons.form.refundUnderWay")
                      : t("escrowOrg.lessons.form.left", { left: tr.left, total: tr.lessonCount })}
                  </span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

const ATTENDANCE_STATUS: Record<AttendanceView["status"], MessageKey> = {
  PENDING: "escrowOrg.attendance.PENDING",
  CONFIRMED: "escrowOrg.attendance.CONFIRMED",
  AUTO_CONFIRMED: "escrowOrg.attendance.AUTO_CONFIRMED",
  DISPUTED: "escrowOrg.attendance.DISPUTED",
  RELEASED_BY_DECISION: "escrowOrg.attendance.RELEASED_BY_DECISION",
  REFUNDED_BY_DECISION: "escrowOrg.attendance.REFUNDED_BY_DECISION",
};

const ATTENDANCE_TONE: Record<AttendanceView["status"], string> = {
  PENDING: "text-amber-800",
  CONFIRMED: "text-green-800",
  AUTO_CONFIRMED: "text-green-800",
  DISPUTED: "font-semibold text-red-800",
  RELEASED_BY_DECISION: "text-green-800",
  REFUNDED_BY_DECISION: "text-slate-700",
};

function RecentLessons({ lessons }: { lessons: LessonView[] }) {
  const { t, locale } = useTranslation();
  return (
    <section aria-labelledby="recent-lessons" className="space-y-3">
      <h3 id="recent-lessons" className="text-lg font-semibold">
        {t("escrowOrg.lessons.recent.heading")}
      </h3>
      {lessons.length === 0 ? (
        <p className="text-slate-700">{t("escrowOrg.lessons.recent.empty")}</p>
      ) : (
        <ul className="space-y-3">
          {lessons.map((l) => (
            <li key={l.id} className="space-y-2 rounded border border-slate-300 bg-white p-3">
              <p className="font-medium">
                {t("escrowOrg.lessons.recent.lesson", {
                  course: l.courseName,
                  date: formatDate(l.lessonDate, locale),
                  weekday: t(`weekday.${l.weekday}` as MessageKey),
                  start: l.startTime,
                  end: l.endTime,
                })}
              </p>
              <ul className="divide-y divide-slate-100 text-sm">
                {l.attendances.map((a) => (
                  <li key={a.id} className="flex flex-wrap items-baseline justify-between gap-x-3 py-1">
                    <span className="break-words">
                      {a.traineeName} · {formatFen(a.priceFen, locale)}
                    </span>
                    <span className={ATTENDANCE_TONE[a.status]}>
                      {t(ATTENDANCE_STATUS[a.status], { date: formatDate(a.confirmDueOn, locale) })}
                    </span>
                    {a.disputeReason ? (
                      <span className="w-full break-words text-slate-700">
                        {t("escrowOrg.attendance.disputeReason", { reason: a.disputeReason })}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Trainees({ courses }: { courses: CourseForLessons[] }) {
  const { t } = useTranslation();
  const withTrainees = courses.filter((c) => c.trainees.length > 0);
  return (
    <section aria-labelledby="enrolled-trainees" className="space-y-3">
      <h3 id="enrolled-trainees" className="text-lg font-semibold">
        {t("escrowOrg.lessons.trainees.heading")}
      </h3>
      {withTrainees.length === 0 ? (
        <p className="text-slate-700">{t("escrowOrg.lessons.trainees.empty")}</p>
      ) : (
        withTrainees.map((c) => (
          <div key={c.id} className="space-y-2">
            <h4 className="break-words font-medium">{c.name}</h4>
            <ScrollRegion>
              <table className="w-full min-w-[22rem] border-collapse text-sm">
                <caption className="sr-only">{c.name}</caption>
                <thead>
                  <tr className="border-b border-slate-300 text-left">
                    <th scope="col" className="py-2 pr-3">
                      {t("escrowOrg.lessons.trainees.name")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      {t("escrowOrg.lessons.trainees.bought")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      {t("escrowOrg.lessons.trainees.recorded")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right">
                      {t("escrowOrg.lessons.trainees.left")}
                    </th>
                    <th scope="col" className="py-2">
                      {t("escrowOrg.lessons.trainees.refund")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {c.trainees.map((tr) => (
                    <tr key={tr.enrollmentId} className="border-b border-slate-200">
                      <td className="break-words py-2 pr-3">{tr.traineeName}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{tr.lessonCount}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{tr.recorded}</td>
                      <td className="py-2 pr-3 text-right tabular-nums">{tr.left}</td>
                      <td className="py-2">
                        {tr.openRefund
                          ? t("escrowOrg.lessons.trainees.refundOpen")
                          : t("escrowOrg.lessons.trainees.refundNone")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </div>
        ))
      )}
    </section>
  );
}
