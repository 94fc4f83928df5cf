import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useId } from "react";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { isoDateInChina } from "~/lib/china-date";
import { inScope } from "~/lib/db-scope.server";
import { formFailure, parseForm } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { Locale, MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  type CalendarSource,
  type CalendarYearEntry,
  calendarYear,
  removeCalendarDay,
  setCalendarDay,
} from "~/modules/escrow/calendar.server";
import {
  CALENDAR_FIRST_YEAR,
  CALENDAR_LAST_YEAR,
  CALENDAR_NAME_MAX,
  calendarFormSchema,
  setCalendarDaySchema,
} from "~/modules/escrow/calendar-form";
import { type IsoDate, weekdayOf } from "~/modules/escrow/working-days";
import { forbidden, requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";

// The working calendar of one authority (工作日历): the days of a year that break the Monday–
// Friday rule, its own and those it inherits. Inspectors see it; regulator admins change it.

function yearAsked(asked: string | null, thisYear: number): { year: number; outOfRange: boolean } {
  if (asked === null || asked === "") return { year: thisYear, outOfRange: false };
  const year = /^\d{4}$/.test(asked) ? Number(asked) : Number.NaN;
  if (year >= CALENDAR_FIRST_YEAR && year <= CALENDAR_LAST_YEAR) return { year, outOfRange: false };
  return { year: thisYear, outOfRange: true };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, role, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const today = isoDateInChina();
  const thisYear = Number(today.slice(0, 4));
  const { year, outOfRange } = yearAsked(new URL(request.url).searchParams.get("year"), thisYear);
  const calendar = await inScope(scope, (db) => calendarYear(db, authority.id, year));
  return { canEdit: role === "REGULATOR_ADMIN", thisYear, outOfRange, calendar };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { authority, role, scope } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  if (role !== "REGULATOR_ADMIN") throw forbidden();
  const parsed = await parseForm(request, calendarFormSchema);
  if (!parsed.ok) return formFailure(parsed);
  const form = parsed.data;
  const target = { authorityId: authority.id, actorUserId: scope.userId, day: form.day };
  if (form.intent === "set") {
    const { changed } = await inScope(scope, (db) =>
      setCalendarDay(db, { ...target, working: form.working, name: form.name }),
    );
    const notice: MessageKey = changed ? "calendar.notice.saved" : "calendar.notice.unchanged";
    return { ok: true as const, notice, day: form.day, working: form.working, name: form.name };
  }
  const { changed } = await inScope(scope, (db) => removeCalendarDay(db, target));
  const notice: MessageKey = changed ? "calendar.notice.removed" : "calendar.notice.nothingToRemove";
  return { ok: true as const, notice, day: form.day, working: null, name: "" };
}

// ---------------------------------------------------------------------------------------------
// The page

const WEEKDAYS = [
  "calendar.weekday.sun",
  "calendar.weekday.mon",
  "calendar.weekday.tue",
  "calendar.weekday.wed",
  "calendar.weekday.thu",
  "calendar.weekday.fri",
  "calendar.weekday.sat",
] as const satisfies readonly MessageKey[];

const kindOf = (working: boolean): MessageKey => (working ? "calendar.kind.working" : "calendar.kind.off");
const nameOf = (locale: Locale, source: CalendarSource) => (locale === "en" ? source.nameEn : source.name);

export default function WorkingCalendar() {
  const { canEdit, thisYear, outOfRange, calendar } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const { year, entries, workingDays } = calendar;
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{t("calendar.title")}</h2>
        <p className="text-sm text-slate-700">{t("calendar.lead")}</p>
        {canEdit ? null : <Alert tone="info">{t("calendar.readOnly")}</Alert>}
        {outOfRange ? (
          <Alert tone="info">
            {t("calendar.year.outOfRange", { first: CALENDAR_FIRST_YEAR, last: CALENDAR_LAST_YEAR })}
          </Alert>
        ) : null}
      </header>

      <ActionOutcome shownYear={year} />
      <YearPicker year={year} thisYear={thisYear} />

      <section aria-labelledby="calendar-days" className="space-y-3">
        <h3 id="calendar-days" className="text-lg font-semibold">
          {t("calendar.days.heading", { year })}
        </h3>
        <p className="text-sm text-slate-700">{t("calendar.days.summary", { year, count: workingDays })}</p>
        {entries.length === 0 ? (
          <p className="text-slate-700">{t("calendar.days.none", { year })}</p>
        ) : (
          <DaysTable entries={entries} canEdit={canEdit} />
        )}
      </section>

      {canEdit ? <SetDayForm /> : null}
    </div>
  );
}

function ActionOutcome({ shownYear }: { shownYear: number }) {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  if (!actionData) return null;
  if (!actionData.ok) {
    return <Alert tone="error">{t(actionData.formError ?? "calendar.error.failed")}</Alert>;
  }
  const year = Number(actionData.day.slice(0, 4));
  return (
    <Alert tone="success">
      <p>
        {t(actionData.notice, {
          day: actionData.day,
          kind: actionData.working === null ? "" : t(kindOf(actionData.working)),
          name: actionData.name,
        })}{" "}
        {year === shownYear ? null : (
          <Link to={`?year=${year}`} className="underline">
            {t("calendar.notice.showYear", { year })}
          </Link>
        )}
      </p>
    </Alert>
  );
}

function YearPicker({ year, thisYear }: { year: number; thisYear: number }) {
  const { t } = useTranslation();
  const first = Math.max(CALENDAR_FIRST_YEAR, Math.min(year, thisYear - 5));
  const last = Math.min(CALENDAR_LAST_YEAR, Math.max(year, thisYear + 2));
  const years = Array.from({ length: last - first + 1 }, (_, i) => String(first + i));
  return (
    <nav aria-label={t("calendar.year.nav")} className="flex flex-wrap items-end gap-4">
      <Form method="get" className="flex items-end gap-2">
        <SelectField
          name="year"
          label={t("calendar.year.label")}
          defaultValue={String(year)}
          options={years.map((y) => ({ value: y, label: t("calendar.year.option", { year: y }) }))}
        />
        <button type="submit" className="rounded border border-slate-400 bg-white px-4 py-2 font-medium">
          {t("calendar.year.show")}
        </button>
      </Form>
      <p className="flex gap-4 pb-2 text-sm">
        {year > CALENDAR_FIRST_YEAR ? (
          <Link to={`?year=${year - 1}`} className="text-brand-700 underline">
            {t("calendar.year.previous", { year: year - 1 })}
          </Link>
        ) : null}
        {year < CALENDAR_LAST_YEAR ? (
          <Link to={`?year=${year + 1}`} className="text-brand-700 underline">
            {t("calendar.year.next", { year: year + 1 })}
          </Link>
        ) : null}
      </p>
    </nav>
  );
}

function DaysTable({ entries, canEdit }: { entries: readonly CalendarYearEntry[]; canEdit: boolean }) {
  const { t } = useTranslation();
  return (
    <ScrollRegion>
      <table className="w-full border-collapse bg-white text-left text-sm">
        <thead>
          <tr className="border-b border-slate-300">
            <th className="p-2">{t("calendar.column.day")}</th>
            <th className="p-2">{t("calendar.column.weekday")}</th>
            <th className="p-2">{t("calendar.column.kind")}</th>
            <th className="p-2">{t("calendar.column.name")}</th>
            <th className="p-2">{t("calendar.column.source")}</th>
            {canEdit ? <th className="p-2">{t("calendar.column.actions")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.day} className="border-b border-slate-200">
              <td className="p-2 font-mono whitespace-nowrap">{entry.day}</td>
              <td className="p-2 whitespace-nowrap">{t(WEEKDAYS[weekdayOf(entry.day)] ?? "calendar.weekday.sun")}</td>
              <td className={`p-2 font-medium ${entry.working ? "text-slate-900" : "text-red-800"}`}>
                {t(kindOf(entry.working))}
              </td>
              <td className="p-2">{entry.name}</td>
              <td className="p-2">
                <SourceOf entry={entry} />
              </td>
              {canEdit ? <td className="p-2">{entry.own ? <RemoveDayButton day={entry.day} /> : null}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SourceOf({ entry }: { entry: CalendarYearEntry }) {
  const { t, locale } = useTranslation();
  if (!entry.own) return <>{t("calendar.source.inherited", { authority: nameOf(locale, entry.source) })}</>;
  return (
    <>
      {t("calendar.source.own")}
      {entry.replaces ? (
        <span className="block text-slate-600">
          {t("calendar.source.replaces", {
            authority: nameOf(locale, entry.replaces.source),
            name: entry.replaces.name,
            kind: t(kindOf(entry.replaces.working)),
          })}
        </span>
      ) : null}
    </>
  );
}

function usePosting(intent: "set" | "remove", day?: IsoDate): boolean {
  const navigation = useNavigation();
  const posted = navigation.formData;
  return (
    navigation.state === "submitting" &&
    posted?.get("intent") === intent &&
    (day === undefined || posted.get("day") === day)
  );
}

/** Only hidden fields, checked again by the action. */
function RemoveDayButton({ day }: { day: IsoDate }) {
  const { t } = useTranslation();
  const pending = usePosting("remove", day);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="remove" />
      <input type="hidden" name="day" value={day} />
      <SubmitButton
        pending={pending}
        tone="secondary"
        className="px-2 py-1 text-sm"
        aria-label={t("calendar.remove.label", { day })}
      >
        {t("calendar.remove.submit")}
      </SubmitButton>
    </Form>
  );
}

function SetDayForm() {
  const { t } = useTranslation();
  const { form, onSubmit, errorFor } = useValidatedForm(setCalendarDaySchema, {
    intent: "set",
    day: "",
    working: "no",
    name: "",
  });
  const pending = usePosting("set");
  const actionData = useActionData<typeof action>();
  // A saved day is listed above; an emptied form is ready for the next one.
  useEffect(() => {
    if (actionData?.ok) form.reset();
  }, [actionData, form]);
  const workingError = errorFor("working");
  const workingErrorId = useId();
  return (
    <section aria-labelledby="calendar-set" className="max-w-xl space-y-3 rounded border border-slate-200 bg-white p-4">
      <h3 id="calendar-set" className="text-lg font-semibold">
        {t("calendar.set.heading")}
      </h3>
      <p className="text-sm text-slate-700">{t("calendar.set.lead")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
        <input type="hidden" defaultValue="set" {...form.register("intent")} />
        <TextField
          label={t("calendar.set.day")}
          type="date"
          min={`${CALENDAR_FIRST_YEAR}-01-01`}
          max={`${CALENDAR_LAST_YEAR}-12-31`}
          error={errorFor("day")}
          {...form.register("day")}
        />
        <fieldset aria-describedby={workingError ? workingErrorId : undefined}>
          <legend className="text-sm font-medium text-slate-800">{t("calendar.set.kind")}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {(["no", "yes"] as const).map((choice) => (
              <label key={choice} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  value={choice}
                  defaultChecked={choice === "no"}
                  aria-invalid={workingError ? true : undefined}
                  {...form.register("working")}
                />
                {t(choice === "yes" ? "calendar.set.kindWorking" : "calendar.set.kindOff")}
              </label>
            ))}
          </div>
          {workingError ? (
            <p id={workingErrorId} className="mt-1 text-sm text-red-800">
              {t(workingError)}
            </p>
          ) : null}
        </fieldset>
        <TextField
          label={t("calendar.set.name")}
          maxLength={CALENDAR_NAME_MAX}
          autoComplete="off"
          hint={t("calendar.set.nameHint", { max: CALENDAR_NAME_MAX })}
          error={errorFor("name")}
          {...form.register("name")}
        />
        <SubmitButton pending={pending}>{t("calendar.set.submit")}</SubmitButton>
      </Form>
    </section>
  );
}
