import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { isoDateInChina } from "~/lib/china-date";
import { type FieldErrors, formFailure, formValues } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  type PoolDayView,
  type PoolOverview,
  poolLogOverview,
  recordPoolLog,
  type SessionView,
} from "~/modules/compliance/pool-safety.server";
import {
  EDITABLE_DAYS,
  HISTORY_DAYS,
  MAX_SESSIONS,
  type PoolLogInput,
  poolLogSchema,
} from "~/modules/compliance/pool-safety-form";
import type { PoolLimits } from "~/modules/compliance/pool-safety-limits";
import { requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";

// The daily safety log of the institution's pools, kept from a phone at the pool: any member
// (admin or staff) records a day; everyone else gets 404 from the guard.

const BLANK_ROWS = 3;

type Selection = { venueId: string; date: string; outOfRange: boolean };

function selectionFrom(pools: PoolOverview[], search: URLSearchParams, today: string): Selection | null {
  const pool = pools.find((p) => p.venueId === search.get("venue")) ?? pools[0];
  if (!pool) return null;
  const asked = search.get("date");
  const day = pool.days.find((d) => d.date === asked);
  return { venueId: pool.venueId, date: day?.date ?? today, outOfRange: asked !== null && !day };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  const today = isoDateInChina();
  const pools = await poolLogOverview(scope, institutionId, today);
  const search = new URL(request.url).searchParams;
  const selection = selectionFrom(pools, search, today);
  const asked = Number(search.get("rows"));
  return {
    institutionId,
    today,
    pools,
    selection,
    rowsWanted: Number.isInteger(asked) && asked > 0 ? Math.min(asked, MAX_SESSIONS) : 0,
    saved: search.get("saved") === "1",
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institutionId = params.institutionId ?? "";
  let posted: Record<string, unknown>;
  try {
    posted = formValues(await request.formData());
  } catch {
    return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  }
  const result = await recordPoolLog(scope, institutionId, posted as PoolLogInput);
  if (!result.ok) {
    // The posted values come back so a page without JavaScript shows what was typed.
    return data({ ok: false as const, fieldErrors: result.fieldErrors, values: posted }, { status: 400 });
  }
  const venue = encodeURIComponent(String(posted.venueId));
  const date = encodeURIComponent(String(posted.logDate));
  return redirect(`/org/${institutionId}/safety-logs?venue=${venue}&date=${date}&saved=1`);
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: MessageKey; values?: Record<string, unknown> } | undefined;

export default function PoolSafetyLogs() {
  const { institutionId, today, pools, selection, rowsWanted, saved } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const pool = pools.find((p) => p.venueId === selection?.venueId);
  const day = pool?.days.find((d) => d.date === selection?.date);
  return (
    <div className="space-y-6">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold">{t("poolSafety.title")}</h2>
        <p className="text-slate-700">{t("poolSafety.lead")}</p>
      </header>
      {!pool || !day || !selection ? (
        <section aria-labelledby="no-pool" className="space-y-2 rounded border border-slate-300 bg-white p-4">
          <h3 id="no-pool" className="font-semibold">
            {t("poolSafety.empty.title")}
          </h3>
          <p className="text-slate-700">{t("poolSafety.empty.body")}</p>
          <Link to={`/org/${institutionId}/filing`} className="text-brand-700 underline">
            {t("poolSafety.empty.link")}
          </Link>
        </section>
      ) : (
        <>
          {saved ? <Alert tone="success">{t("poolSafety.saved", { date: day.date })}</Alert> : null}
          {selection.outOfRange ? (
            <Alert tone="info">{t("poolSafety.pick.outOfRange", { days: HISTORY_DAYS })}</Alert>
          ) : null}
          <DayPicker pools={pools} selection={selection} today={today} />
          <DaySection key={`${pool.venueId}|${day.date}`} pool={pool} day={day} rowsWanted={rowsWanted} />
          <History institutionId={institutionId} pools={pools} selection={selection} today={today} />
        </>
      )}
    </div>
  );
}

function DayPicker({ pools, selection, today }: { pools: PoolOverview[]; selection: Selection; today: string }) {
  const { t } = useTranslation();
  const oldest = pools[0]?.days[pools[0].days.length - 1]?.date ?? today;
  return (
    <Form method="get" className="space-y-3 rounded border border-slate-300 bg-white p-4">
      <h3 className="font-semibold">{t("poolSafety.pick.heading")}</h3>
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem_auto] sm:items-end">
        <SelectField
          name="venue"
          label={t("poolSafety.pick.pool")}
          defaultValue={selection.venueId}
          options={pools.map((p) => ({ value: p.venueId, label: p.name }))}
        />
        <TextField
          name="date"
          type="date"
          label={t("poolSafety.pick.date")}
          defaultValue={selection.date}
          min={oldest}
          max={today}
        />
        <button type="submit" className="rounded border border-slate-400 bg-white px-4 py-2 font-medium">
          {t("poolSafety.pick.open")}
        </button>
      </div>
      <p className="text-sm text-slate-600">{t("poolSafety.pick.hint", { days: EDITABLE_DAYS - 1 })}</p>
    </Form>
  );
}

function weekdayName(t: ReturnType<typeof useTranslation>["t"], weekday: number): string {
  return t(`weekday.${weekday}` as MessageKey);
}

function LimitsNote({ limits, required, area }: { limits: PoolLimits; required: number; area: number | null }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-1 text-sm text-slate-700">
      <p>
        {t("poolSafety.limits.water", {
          chlorineMin: limits.freeChlorineMin,
          chlorineMax: limits.freeChlorineMax,
          phMin: limits.phMin,
          phMax: limits.phMax,
          ureaMax: limits.ureaMax,
        })}
      </p>
      <p>
        {area === null
          ? t("poolSafety.limits.lifeguardsNoArea", { required })
          : t("poolSafety.limits.lifeguards", { area, required })}
      </p>
    </div>
  );
}

function DaySection({ pool, day, rowsWanted }: { pool: PoolOverview; day: PoolDayView; rowsWanted: number }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="day-heading" className="space-y-3">
      <h3 id="day-heading" className="text-lg font-semibold">
        {t("poolSafety.day.heading", { pool: pool.name, date: day.date, weekday: weekdayName(t, day.weekday) })}
      </h3>
      <LimitsNote limits={day.limits} required={day.requiredLifeguards} area={pool.waterAreaM2} />
      {day.editable ? (
        <>
          {day.log ? <Alert tone="info">{t("poolSafety.day.existing")}</Alert> : null}
          <RecordForm pool={pool} day={day} rowsWanted={rowsWanted} />
        </>
      ) : (
        <>
          <p className="text-slate-700">{t("poolSafety.day.readOnly")}</p>
          {day.log ? <LoggedSessions day={day} /> : <p className="text-slate-700">{t("poolSafety.day.notLogged")}</p>}
        </>
      )}
    </section>
  );
}

type SessionDefaults = Record<
  "startTime" | "endTime" | "lifeguardsOnDuty" | "lifeguardNames" | "freeChlorineMgL" | "ph" | "ureaMgL",
  string
>;
const EMPTY_SESSION: SessionDefaults = {
  startTime: "",
  endTime: "",
  lifeguardsOnDuty: "",
  lifeguardNames: "",
  freeChlorineMgL: "",
  ph: "",
  ureaMgL: "",
};

function sessionDefaults(s: SessionView): SessionDefaults {
  return {
    startTime: s.startTime,
    endTime: s.endTime,
    lifeguardsOnDuty: String(s.lifeguardsOnDuty),
    lifeguardNames: s.lifeguardNames.join("、"),
    freeChlorineMgL: String(s.freeChlorineMgL),
    ph: String(s.ph),
    ureaMgL: s.ureaMgL === null ? "" : String(s.ureaMgL),
  };
}

/** What was posted, as strings, when the action sent the form back (a page without JavaScript). */
function postedSessions(values: Record<string, unknown> | undefined): SessionDefaults[] | null {
  const rows = values?.sessions;
  if (!Array.isArray(rows)) return null;
  return Array.from(rows, (row: unknown) => {
    const cells = (typeof row === "object" && row !== null ? row : {}) as Record<string, unknown>;
    const text = (key: keyof SessionDefaults) => (typeof cells[key] === "string" ? (cells[key] as string) : "");
    return {
      startTime: text("startTime"),
      endTime: text("endTime"),
      lifeguardsOnDuty: text("lifeguardsOnDuty"),
      lifeguardNames: text("lifeguardNames"),
      freeChlorineMgL: text("freeChlorineMgL"),
      ph: text("ph"),
      ureaMgL: text("ureaMgL"),
    };
  });
}

/** The error at a dotted path of react-hook-form's nested errors ("sessions.1.ph"), lists included. */
function localError(errors: unknown, name: string): string | undefined {
  let node: unknown = errors;
  for (const segment of name.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  if (typeof node !== "object" || node === null) return undefined;
  const found = node as { message?: unknown; root?: { message?: unknown } };
  const message = typeof found.message === "string" ? found.message : found.root?.message;
  return typeof message === "string" ? message : undefined;
}

function RecordForm({ pool, day, rowsWanted }: { pool: PoolOverview; day: PoolDayView; rowsWanted: number }) {
  const { t } = useTranslation();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const saved = (day.log?.sessions ?? []).map(sessionDefaults);
  const filled = postedSessions(result?.values) ?? saved;
  // The saved sessions and one empty row at least, three rows at least, more when asked (`?rows=`).
  const rowCount = Math.min(MAX_SESSIONS, Math.max(filled.length + 1, BLANK_ROWS, rowsWanted));
  const rows = Array.from({ length: rowCount }, (_, i) => filled[i] ?? EMPTY_SESSION);
  const notes = typeof result?.values?.notes === "string" ? result.values.notes : (day.log?.notes ?? "");
  const defaults = { venueId: pool.venueId, logDate: day.date, notes, sessions: rows };
  const { form, onSubmit } = useValidatedForm(poolLogSchema, defaults);
  const errorFor = (name: string): MessageKey | undefined => {
    const local = localError(form.formState.errors, name);
    if (local) return (local.startsWith("validation.") ? local : "validation.invalid") as MessageKey;
    return result?.fieldErrors?.[name]?.[0];
  };
  const formError = result?.formError ?? errorFor("venueId") ?? errorFor("logDate");
  const listError = errorFor("sessions");
  const moreRows = Math.min(MAX_SESSIONS, rowCount + BLANK_ROWS);
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="space-y-4">
      {formError ? <Alert tone="error">{t(formError)}</Alert> : null}
      <input type="hidden" {...form.register("venueId")} defaultValue={pool.venueId} />
      <input type="hidden" {...form.register("logDate")} defaultValue={day.date} />
      <fieldset className="space-y-3">
        <legend className="font-medium">{t("poolSafety.sessions.legend")}</legend>
        <p className="text-sm text-slate-600">{t("poolSafety.sessions.hint")}</p>
        {listError ? (
          <p role="alert" className="text-sm text-red-800">
            {t(listError)}
          </p>
        ) : null}
        {rows.map((row, i) => (
          <SessionRow
            // Rows have no identity of their own: their position is what the form posts.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            key={i}
            index={i}
            row={row}
            register={(field) => form.register(`sessions.${i}.${field}` as never)}
            errorFor={(field) => errorFor(`sessions.${i}.${field}`)}
          />
        ))}
        {rowCount < MAX_SESSIONS ? (
          <Link
            to={`?venue=${pool.venueId}&date=${day.date}&rows=${moreRows}`}
            preventScrollReset
            className="inline-block text-brand-700 underline"
          >
            {t("poolSafety.sessions.more")}
          </Link>
        ) : null}
      </fieldset>
      <div>
        <label htmlFor="pool-log-notes" className="block text-sm font-medium text-slate-800">
          {t("poolSafety.notes")}
        </label>
        <textarea
          id="pool-log-notes"
          rows={2}
          defaultValue={notes}
          aria-invalid={errorFor("notes") ? true : undefined}
          aria-describedby={errorFor("notes") ? "pool-log-notes-error" : undefined}
          className="mt-1 block w-full rounded border border-slate-400 bg-white px-3 py-2 text-slate-900"
          {...form.register("notes")}
        />
        {errorFor("notes") ? (
          <p id="pool-log-notes-error" className="mt-1 text-sm text-red-800">
            {t(errorFor("notes") ?? "validation.invalid")}
          </p>
        ) : null}
      </div>
      <SubmitButton pending={navigation.state === "submitting"} className="w-full sm:w-auto">
        {t("poolSafety.save")}
      </SubmitButton>
    </Form>
  );
}

type SessionField = keyof SessionDefaults;

function SessionRow(props: {
  index: number;
  row: SessionDefaults;
  register: (field: SessionField) => ReturnType<ReturnType<typeof useValidatedForm>["form"]["register"]>;
  errorFor: (field: SessionField) => MessageKey | undefined;
}) {
  const { index, row, register, errorFor } = props;
  const { t } = useTranslation();
  const field = (name: SessionField) => ({ ...register(name), defaultValue: row[name], error: errorFor(name) });
  return (
    <fieldset className="space-y-3 rounded border border-slate-300 bg-white p-3">
      <legend className="px-1 text-sm font-medium">{t("poolSafety.session.legend", { n: index + 1 })}</legend>
      <div className="grid grid-cols-2 gap-3">
        <TextField type="time" label={t("poolSafety.session.start")} {...field("startTime")} />
        <TextField type="time" label={t("poolSafety.session.end")} {...field("endTime")} />
      </div>
      <div className="grid gap-3 sm:grid-cols-[10rem_1fr]">
        <TextField inputMode="numeric" label={t("poolSafety.session.lifeguards")} {...field("lifeguardsOnDuty")} />
        <TextField
          label={t("poolSafety.session.names")}
          hint={t("poolSafety.session.namesHint")}
          autoComplete="off"
          {...field("lifeguardNames")}
        />
      </div>
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <TextField inputMode="decimal" label={t("poolSafety.session.chlorine")} {...field("freeChlorineMgL")} />
        <TextField inputMode="decimal" label={t("poolSafety.session.ph")} {...field("ph")} />
        <TextField
          inputMode="decimal"
          label={t("poolSafety.session.urea")}
          className="col-span-2 sm:col-span-1"
          {...field("ureaMgL")}
        />
      </div>
    </fieldset>
  );
}

const STATUS_TONE = {
  logged: "text-green-800",
  missing: "font-semibold text-red-800",
  pending: "font-semibold text-amber-800",
  noLessons: "text-slate-600",
} as const;

function History({
  institutionId,
  pools,
  selection,
  today,
}: {
  institutionId: string;
  pools: PoolOverview[];
  selection: Selection;
  today: string;
}) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="history-heading" className="space-y-4">
      <h3 id="history-heading" className="text-lg font-semibold">
        {t("poolSafety.history.heading", { days: HISTORY_DAYS })}
      </h3>
      {pools.map((pool) => (
        <div key={pool.venueId} className="space-y-2">
          <h4 className="font-medium">{pool.name}</h4>
          <ul className="divide-y divide-slate-200 rounded border border-slate-300 bg-white">
            {pool.days.map((day) => {
              const current = pool.venueId === selection.venueId && day.date === selection.date;
              const link = day.editable
                ? day.log
                  ? "poolSafety.history.edit"
                  : "poolSafety.history.record"
                : "poolSafety.history.view";
              return (
                <li key={day.date} className={`space-y-1 p-3 ${current ? "bg-brand-50" : ""}`}>
                  <div className="flex flex-wrap items-baseline justify-between gap-x-3">
                    <span>
                      {day.date} {weekdayName(t, day.weekday)}
                      {day.date === today ? ` · ${t("poolSafety.history.today")}` : ""}
                    </span>
                    <span className={STATUS_TONE[day.status]}>{t(`poolSafety.status.${day.status}`)}</span>
                  </div>
                  {day.log ? <LoggedSessions day={day} /> : null}
                  <Link
                    to={`/org/${institutionId}/safety-logs?venue=${pool.venueId}&date=${day.date}`}
                    aria-current={current ? "page" : undefined}
                    className="text-sm text-brand-700 underline"
                  >
                    {t(link)}
                    <span className="sr-only"> {day.date}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}

function LoggedSessions({ day }: { day: PoolDayView }) {
  const { t } = useTranslation();
  if (!day.log) return null;
  return (
    <ul className="space-y-1 text-sm">
      {day.log.sessions.map((s) => {
        const values = {
          start: s.startTime,
          end: s.endTime,
          lifeguards: s.lifeguardsOnDuty,
          chlorine: s.freeChlorineMgL,
          ph: s.ph,
        };
        const problems = [
          ...s.problems.map((p) => t(`poolSafety.problem.${p.field}.${p.side}`, { value: p.value, limit: p.limit })),
          ...(s.lifeguardsShort > 0
            ? [t("poolSafety.problem.lifeguards", { onDuty: s.lifeguardsOnDuty, required: day.requiredLifeguards })]
            : []),
        ];
        return (
          <li key={s.startTime} className="break-words">
            <p>
              {s.ureaMgL === null
                ? t("poolSafety.session.summary", values)
                : t("poolSafety.session.summaryUrea", { ...values, urea: s.ureaMgL })}
            </p>
            {s.lifeguardNames.length > 0 ? (
              <p className="text-slate-600">
                {t("poolSafety.session.lifeguardNames", { names: s.lifeguardNames.join("、") })}
              </p>
            ) : null}
            {problems.length > 0 ? (
              <p className="font-semibold text-red-800">
                {t("poolSafety.problem.prefix")}
                {problems.join("；")}
              </p>
            ) : null}
          </li>
        );
      })}
      {day.log.notes ? <li className="text-slate-600">{t("poolSafety.log.notes", { notes: day.log.notes })}</li> : null}
    </ul>
  );
}
