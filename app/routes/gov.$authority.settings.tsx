import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useId } from "react";
import type { UseFormReturn } from "react-hook-form";
import { ReevaluationPanel } from "~/components/operations/work-progress";
import { Alert } from "~/components/ui/alert";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import type { DataScope } from "~/lib/db-scope.server";
import { type FieldErrors, parseForm } from "~/lib/forms/parse.server";
import { useValidatedForm } from "~/lib/forms/use-validated-form";
import type { Locale, MessageKey, Translate } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { forbidden, requireAuthorityRole } from "~/modules/identity/guards.server";
import { latestReevaluation } from "~/modules/operations/background-work.server";
import {
  definitionOf,
  type IsoDate,
  isParameterKey,
  type ParameterDefinition,
  type ParameterKey,
  parametersOfRule,
  RULE_FAMILIES,
  RULES,
  type RuleCode,
  rulesOfFamily,
  UNITS,
  WEEKDAYS,
  type Weekday,
} from "~/modules/tenancy/parameters";
import type { SettingSource } from "~/modules/tenancy/resolve-settings";
import {
  cancelScheduledOverride,
  type ParameterOverview,
  removeOverride,
  type SettingsChangeResult,
  type SettingsOverview,
  setOverride,
  settingsOverview,
} from "~/modules/tenancy/settings.server";
import {
  cancelScheduledFormSchema,
  isoDateInChina,
  type OverrideEntry,
  removeOverrideFormSchema,
  type SettingsIntent,
  setOverrideFormSchema,
  valueToFields,
} from "~/modules/tenancy/settings-schema";

// The tenant settings of one authority: every parameter in effect today, where it comes from
// and what is scheduled. Inspectors see them; regulator admins change them from a day on.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, role, scope } = await requireAuthorityRole(request, params.authority, [
    "REGULATOR_ADMIN",
    "INSPECTOR",
  ]);
  const [overview, reevaluation] = await Promise.all([
    settingsOverview(authority.id, isoDateInChina(new Date())),
    latestReevaluation(scope, authority.id),
  ]);
  return {
    authorityId: authority.id,
    canEdit: role === "REGULATOR_ADMIN",
    overview,
    reevaluation,
    progressUrl: `/gov/${authority.slug}/progress.json?of=reevaluation`,
  };
}

type ActionFailure = {
  ok: false;
  intent: SettingsIntent | null;
  key: string | null;
  fieldErrors: FieldErrors;
  formError?: MessageKey;
  conflict?: { name: string; nameEn: string; date: IsoDate };
};
type ActionSuccess = { ok: true; intent: SettingsIntent; key: ParameterKey; notice: MessageKey };

function refused(failure: Omit<ActionFailure, "ok">) {
  return data({ ok: false, ...failure } satisfies ActionFailure, { status: 400 });
}

function answer(intent: SettingsIntent, key: ParameterKey, result: SettingsChangeResult, done: MessageKey) {
  if (!result.ok) {
    return refused({
      intent,
      key,
      fieldErrors: result.fieldErrors,
      formError: result.formError,
      conflict: result.conflict,
    });
  }
  const notice: MessageKey = result.changed ? done : "settings.notice.unchanged";
  return data({ ok: true, intent, key, notice } satisfies ActionSuccess);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { authority, role, scope } = await requireAuthorityRole(request, params.authority, [
    "REGULATOR_ADMIN",
    "INSPECTOR",
  ]);
  if (role !== "REGULATOR_ADMIN") throw forbidden();
  const posted = await request
    .clone()
    .formData()
    .catch(() => null);
  if (!posted) return refused({ intent: null, key: null, fieldErrors: {}, formError: "validation.badForm" });
  const intent = posted.get("intent");
  const rawKey = posted.get("key");
  const key = typeof rawKey === "string" ? rawKey : null;
  if (intent === "set") return setIntent(request, scope, authority.id, key);
  if (intent === "remove") return removeIntent(request, scope, authority.id, key);
  if (intent === "cancel") return cancelIntent(request, scope, authority.id, key);
  return refused({ intent: null, key, fieldErrors: {}, formError: "validation.badForm" });
}

async function setIntent(request: Request, scope: DataScope, authorityId: string, key: string | null) {
  const parsed = await parseForm(request, setOverrideFormSchema);
  if (!parsed.ok) return refused({ intent: "set", key, fieldErrors: parsed.fieldErrors, formError: parsed.formError });
  const result = await setOverride(scope, { authorityId, ...parsed.data });
  return answer("set", parsed.data.key, result, "settings.notice.saved");
}

async function removeIntent(request: Request, scope: DataScope, authorityId: string, key: string | null) {
  const parsed = await parseForm(request, removeOverrideFormSchema);
  if (!parsed.ok)
    return refused({ intent: "remove", key, fieldErrors: parsed.fieldErrors, formError: parsed.formError });
  const { key: parameter, effectiveFrom } = parsed.data;
  const result = await removeOverride(scope, { authorityId, key: parameter, effectiveFrom });
  return answer("remove", parameter, result, "settings.notice.removed");
}

async function cancelIntent(request: Request, scope: DataScope, authorityId: string, key: string | null) {
  const parsed = await parseForm(request, cancelScheduledFormSchema);
  if (!parsed.ok)
    return refused({ intent: "cancel", key, fieldErrors: parsed.fieldErrors, formError: parsed.formError });
  const { key: parameter, effectiveFrom } = parsed.data;
  const result = await cancelScheduledOverride(scope, { authorityId, key: parameter, effectiveFrom });
  return answer("cancel", parameter, result, "settings.notice.cancelled");
}

// ---------------------------------------------------------------------------------------------
// Showing values

type ChainAuthority = SettingsOverview["chain"][number];
type ActionData = ActionFailure | ActionSuccess | undefined;

function formatNumber(locale: Locale, value: number, maximumFractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits }).format(value);
}

/** A value as people read it, in the current language, with its unit. */
function formatValue(t: Translate, locale: Locale, definition: ParameterDefinition, value: unknown): string {
  switch (definition.kind) {
    case "integer":
    case "percent":
      return t(UNITS[definition.unit], { value: formatNumber(locale, Number(value)) });
    case "decimal":
      return t(UNITS[definition.unit], { value: formatNumber(locale, Number(value), definition.decimals) });
    case "money":
      return t(UNITS.yuan, {
        value: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
          Number(value) / 100,
        ),
      });
    case "time":
      return String(value);
    case "switch":
      return t(value === true ? "settings.switch.on" : "settings.switch.off");
    case "enum": {
      const label = definition.optionLabels[String(value)];
      return label ? t(label) : String(value);
    }
    case "weekdayWindow": {
      const window = value as { days: readonly Weekday[]; from: string; to: string };
      const days = window.days.map((d) => t(`settings.weekday.${d}`)).join(t("settings.window.separator"));
      return t("settings.window", { days, from: window.from, to: window.to });
    }
  }
}

function rangeOf(t: Translate, locale: Locale, definition: ParameterDefinition): string | undefined {
  if (definition.kind === "time") return t("settings.range", { min: definition.min, max: definition.max });
  if (definition.kind === "switch" || definition.kind === "enum" || definition.kind === "weekdayWindow")
    return undefined;
  return t("settings.range", {
    min: formatValue(t, locale, definition, definition.min),
    max: formatValue(t, locale, definition, definition.max),
  });
}

function labelOf(t: Translate, key: ParameterKey): string {
  const definition = definitionOf(key);
  const label = t(definition.label);
  return definition.band ? t("settings.bandLabel", { band: t(`settings.band.${definition.band}`), label }) : label;
}

function authorityName(locale: Locale, authority: ChainAuthority | undefined): string {
  if (!authority) return "";
  return locale === "en" ? authority.nameEn : authority.name;
}

function originOf(
  t: Translate,
  locale: Locale,
  chain: readonly ChainAuthority[],
  selfId: string,
  source: SettingSource,
  effectiveFrom: IsoDate | null,
): string {
  if (source.kind === "default") return t("settings.origin.default");
  const date = effectiveFrom ?? "";
  if (source.authorityId === selfId) return t("settings.origin.here", { date });
  const authority = chain.find((a) => a.id === source.authorityId);
  return t("settings.origin.inherited", { authority: authorityName(locale, authority), date });
}

// ---------------------------------------------------------------------------------------------
// The page

export default function AuthoritySettings() {
  const { authorityId, canEdit, overview, reevaluation, progressUrl } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const byKey = new Map(overview.parameters.map((p) => [p.key, p]));
  const families = RULE_FAMILIES.map((family) => ({ family, headingId: `settings-family-${family}` }));

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h2 className="text-xl font-semibold text-slate-900">{t("settings.title")}</h2>
        <p className="text-sm text-slate-700">{t("settings.lead")}</p>
        <p className="text-sm text-slate-700">{t("settings.asOf", { date: overview.today })}</p>
        {canEdit ? null : <Alert tone="info">{t("settings.readOnly")}</Alert>}
      </header>

      <ActionOutcome actionData={actionData} />
      {/* A saved change re-evaluates the jurisdiction: its progress, kept current while it runs. */}
      <ReevaluationPanel initial={reevaluation} pollUrl={progressUrl} />

      <nav aria-label={t("settings.familyNav")}>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {families.map(({ family, headingId }) => (
            <li key={family}>
              <a href={`#${headingId}`} className="text-brand-700 underline">
                {t(`settings.family.${family}`)}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      {families.map(({ family, headingId }) => (
        <section key={family} aria-labelledby={headingId} className="space-y-4">
          <h3 id={headingId} className="border-b border-slate-200 pb-1 text-lg font-semibold">
            {t(`settings.family.${family}`)}
          </h3>
          {rulesOfFamily(family).map((rule) => (
            <RuleSection
              key={rule}
              rule={rule}
              parameters={parametersOfRule(rule).flatMap((key) => byKey.get(key) ?? [])}
              chain={overview.chain}
              selfId={authorityId}
              today={overview.today}
              canEdit={canEdit}
              actionData={actionData}
            />
          ))}
        </section>
      ))}
    </div>
  );
}

/** The page-level message after a post (the parameter's own box repeats it next to its form). */
function ActionOutcome({ actionData }: { actionData: ActionData }) {
  const { t, locale } = useTranslation();
  if (!actionData) return null;
  const label = actionData.key && isParameterKey(actionData.key) ? labelOf(t, actionData.key) : null;
  const goTo = label ? (
    <a href={`#param-${actionData.key}`} className="underline">
      {t("settings.goToParameter")}
    </a>
  ) : null;
  if (actionData.ok)
    return (
      <Alert tone="success">
        <p>
          {t(actionData.notice, { label: label ?? "" })} {goTo}
        </p>
      </Alert>
    );
  return (
    <Alert tone="error">
      <p>
        {label ? t("settings.error.failed", { label }) : t(actionData.formError ?? "validation.invalid")} {goTo}
      </p>
      {label && actionData.formError ? <p>{t(actionData.formError)}</p> : null}
      {actionData.conflict ? (
        <p>
          {t("settings.error.conflictWith", {
            authority: locale === "en" ? actionData.conflict.nameEn : actionData.conflict.name,
            date: actionData.conflict.date,
          })}
        </p>
      ) : null}
    </Alert>
  );
}

type SectionProps = {
  chain: readonly ChainAuthority[];
  selfId: string;
  today: IsoDate;
  canEdit: boolean;
  actionData: ActionData;
};

function RuleSection({
  rule,
  parameters,
  ...props
}: SectionProps & { rule: RuleCode; parameters: ParameterOverview[] }) {
  const { t } = useTranslation();
  const definition = RULES[rule];
  const headingId = `settings-rule-${rule}`;
  // Families of platform settings, not rules of the standards: they have no code to show.
  const showCode = !["ESCROW", "WARN", "RISK", "INSPECT", "DRAW"].includes(definition.family);
  return (
    <article aria-labelledby={headingId} className="space-y-3 rounded border border-slate-200 bg-white p-4">
      <header className="space-y-1">
        <h4 id={headingId} className="font-semibold text-slate-900">
          {showCode ? (
            <span className="mr-2 font-mono text-sm text-slate-700">{t("settings.ruleCode", { code: rule })}</span>
          ) : null}
          {t(definition.title)}
        </h4>
        <p className="text-sm text-slate-700">
          {t(`settings.applicability.${definition.applicability}`)} ·{" "}
          {t("settings.sources", {
            sources: definition.sources.map((s) => t(`settings.source.${s}`)).join(t("settings.window.separator")),
          })}
        </p>
      </header>
      {parameters.length === 0 ? (
        <p className="text-sm text-slate-700">{t("settings.noParameters")}</p>
      ) : (
        <ul className="space-y-3">
          {parameters.map((parameter) => (
            <li key={parameter.key}>
              <ParameterBox parameter={parameter} {...props} />
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

function ParameterBox({
  parameter,
  chain,
  selfId,
  today,
  canEdit,
  actionData,
}: SectionProps & {
  parameter: ParameterOverview;
}) {
  const { t, locale } = useTranslation();
  const { key, current, upcoming, own } = parameter;
  const definition = definitionOf(key);
  const headingId = `param-${key}`;
  const label = labelOf(t, key);
  const mine = actionData?.key === key ? actionData : undefined;
  const overriding =
    (current.source.kind === "authority" && current.source.authorityId === selfId) ||
    own.some((e) => e.effectiveFrom > today);
  return (
    <section aria-labelledby={headingId} className="space-y-2 rounded border border-slate-200 p-3">
      <h5 id={headingId} className="font-medium text-slate-900">
        {label}
      </h5>
      <p className="text-sm text-slate-600">{t(definition.help)}</p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t("settings.inEffect")}</dt>
        <dd className="font-semibold text-slate-900">{formatValue(t, locale, definition, current.value)}</dd>
        <dt className="text-slate-600">{t("settings.origin")}</dt>
        <dd>{originOf(t, locale, chain, selfId, current.source, current.effectiveFrom)}</dd>
      </dl>
      <p className="text-sm text-slate-600">
        {t("settings.defaultValue", { value: formatValue(t, locale, definition, definition.default) })}
      </p>

      {upcoming.length > 0 ? (
        <div className="space-y-1 text-sm">
          <p className="font-medium text-slate-800">{t("settings.scheduled")}</p>
          <ul className="space-y-1">
            {upcoming.map((change) => (
              <li key={change.date} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span>
                  {t("settings.scheduled.item", {
                    date: change.date,
                    value: formatValue(t, locale, definition, change.parameter.value),
                    by: change.scheduledHere
                      ? t("settings.scheduled.byHere")
                      : scheduledBy(t, locale, chain, change.parameter.source),
                  })}
                </span>
                {canEdit && change.scheduledHere ? <CancelForm parameterKey={key} date={change.date} /> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {mine ? <ParameterOutcome outcome={mine} label={label} /> : null}

      {canEdit ? (
        <details open={mine !== undefined && !mine.ok} className="rounded bg-slate-50 p-3">
          <summary className="cursor-pointer text-sm font-medium text-brand-700">
            {t("settings.edit.summary", { label })}
          </summary>
          <div className="mt-3 space-y-4">
            <SetValueForm parameterKey={key} value={current.value} today={today} actionData={mine} />
            {overriding ? <RemoveForm parameterKey={key} today={today} actionData={mine} /> : null}
            {own.length > 0 ? <OwnHistory definition={definition} own={own} /> : null}
          </div>
        </details>
      ) : null}
    </section>
  );
}

/** Fields each form shows its own errors next to; other errors are listed with the outcome. */
const FIELDS_SHOWN: Record<SettingsIntent, readonly string[]> = {
  set: ["value", "days", "from", "to", "effectiveFrom"],
  remove: ["effectiveFrom"],
  cancel: [],
};

/** What became of the last post for this parameter, next to it (the page top has it too). */
function ParameterOutcome({ outcome, label }: { outcome: ActionFailure | ActionSuccess; label: string }) {
  const { t, locale } = useTranslation();
  if (outcome.ok)
    return (
      <p className="text-sm text-green-900">
        {t(outcome.notice, { label })}{" "}
        {outcome.notice === "settings.notice.unchanged" ? null : (
          <a href="#reevaluation-progress" className="underline">
            {t("progress.reevaluation.link")}
          </a>
        )}
      </p>
    );
  const shown = outcome.intent ? FIELDS_SHOWN[outcome.intent] : [];
  const others = Object.entries(outcome.fieldErrors)
    .filter(([field]) => !shown.includes(field))
    .flatMap(([, messages]) => messages);
  const messages = [...new Set([...(outcome.formError ? [outcome.formError] : []), ...others])];
  return (
    <div className="space-y-1 text-sm text-red-800">
      <p className="font-medium">{t("settings.error.failed", { label })}</p>
      {messages.map((message) => (
        <p key={message}>{t(message)}</p>
      ))}
      {outcome.conflict ? (
        <p>
          {t("settings.error.conflictWith", {
            authority: locale === "en" ? outcome.conflict.nameEn : outcome.conflict.name,
            date: outcome.conflict.date,
          })}
        </p>
      ) : null}
    </div>
  );
}

function scheduledBy(t: Translate, locale: Locale, chain: readonly ChainAuthority[], source: SettingSource): string {
  if (source.kind === "default") return t("settings.scheduled.backToDefault");
  return t("settings.scheduled.byParent", {
    authority: authorityName(
      locale,
      chain.find((a) => a.id === source.authorityId),
    ),
  });
}

function OwnHistory({ definition, own }: { definition: ParameterDefinition; own: readonly OverrideEntry[] }) {
  const { t, locale } = useTranslation();
  return (
    <div className="text-sm">
      <p className="font-medium text-slate-800">{t("settings.ownHistory")}</p>
      <ul className="list-inside list-disc text-slate-700">
        {own.map((entry) => (
          <li key={entry.effectiveFrom}>
            {"value" in entry
              ? t("settings.ownHistory.value", {
                  date: entry.effectiveFrom,
                  value: formatValue(t, locale, definition, entry.value),
                })
              : t("settings.ownHistory.inherit", { date: entry.effectiveFrom })}
          </li>
        ))}
      </ul>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Forms

/** Errors of one form: the browser's check first, else the server's answer to this very form. */
function errorsOf(
  form: UseFormReturn<Record<string, unknown>>,
  actionData: ActionData,
  intent: SettingsIntent,
): (field: string) => MessageKey | undefined {
  return (field) => {
    const local = (form.formState.errors as Record<string, { message?: string } | undefined>)[field]?.message;
    if (local) return (local.startsWith("validation.") ? local : "validation.invalid") as MessageKey;
    if (actionData && !actionData.ok && actionData.intent === intent) return actionData.fieldErrors[field]?.[0];
    return undefined;
  };
}

function usePendingFor(intent: SettingsIntent, key: ParameterKey, date?: IsoDate): boolean {
  const navigation = useNavigation();
  const posted = navigation.formData;
  return (
    navigation.state === "submitting" &&
    posted?.get("intent") === intent &&
    posted.get("key") === key &&
    (date === undefined || posted.get("effectiveFrom") === date)
  );
}

type FormProps = { parameterKey: ParameterKey; today: IsoDate; actionData: ActionData };

function SetValueForm({ parameterKey, value, today, actionData }: FormProps & { value: unknown }) {
  const { t, locale } = useTranslation();
  const definition = definitionOf(parameterKey);
  const fields = valueToFields(parameterKey, value);
  const { form, onSubmit } = useValidatedForm(setOverrideFormSchema, {
    intent: "set",
    key: parameterKey,
    effectiveFrom: today,
    ...fields,
  });
  const errorFor = errorsOf(form as unknown as UseFormReturn<Record<string, unknown>>, actionData, "set");
  const pending = usePendingFor("set", parameterKey);
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t("settings.edit.legend")}</legend>
        {/* Default values are in the markup too, so the form works before (or without) JavaScript. */}
        <input type="hidden" defaultValue="set" {...form.register("intent")} />
        <input type="hidden" defaultValue={parameterKey} {...form.register("key")} />
        <ValueInputs
          definition={definition}
          form={form}
          fields={fields}
          errorFor={errorFor}
          range={rangeOf(t, locale, definition)}
        />
        <TextField
          label={t("settings.edit.effectiveFrom")}
          type="date"
          min={today}
          defaultValue={today}
          hint={t("settings.edit.effectiveFromHint")}
          error={errorFor("effectiveFrom")}
          {...form.register("effectiveFrom")}
        />
        <SubmitButton pending={pending}>{t("settings.edit.submit")}</SubmitButton>
      </fieldset>
    </Form>
  );
}

type SetForm = ReturnType<typeof useValidatedForm<typeof setOverrideFormSchema>>["form"];

type ValueFields = ReturnType<typeof valueToFields>;

function ValueInputs({
  definition,
  form,
  fields,
  errorFor,
  range,
}: {
  definition: ParameterDefinition;
  form: SetForm;
  fields: ValueFields;
  errorFor: (field: string) => MessageKey | undefined;
  range: string | undefined;
}) {
  const { t } = useTranslation();
  switch (definition.kind) {
    case "integer":
    case "percent":
    case "decimal":
    case "money":
      return (
        <TextField
          label={t("settings.edit.valueIn", { unit: t(`settings.unitName.${definition.unit}`) })}
          inputMode={definition.kind === "integer" || definition.kind === "percent" ? "numeric" : "decimal"}
          autoComplete="off"
          hint={range}
          error={errorFor("value")}
          defaultValue={fields.value}
          {...form.register("value")}
        />
      );
    case "time":
      return (
        <TextField
          label={t("settings.edit.value")}
          type="time"
          min={definition.min}
          max={definition.max}
          hint={range}
          error={errorFor("value")}
          defaultValue={fields.value}
          {...form.register("value")}
        />
      );
    case "switch":
      return (
        <Choices
          legend={t("settings.edit.value")}
          options={[
            { value: "on", label: t("settings.switch.on") },
            { value: "off", label: t("settings.switch.off") },
          ]}
          form={form}
          checked={fields.value}
          error={errorFor("value")}
        />
      );
    case "enum":
      return (
        <Choices
          legend={t("settings.edit.value")}
          options={definition.options.map((option) => {
            const label = definition.optionLabels[option];
            return { value: option, label: label ? t(label) : option };
          })}
          form={form}
          checked={fields.value}
          error={errorFor("value")}
        />
      );
    case "weekdayWindow":
      return <WindowInputs form={form} fields={fields} errorFor={errorFor} />;
  }
}

/** Radio buttons in a fieldset whose legend names the choice. */
function Choices({
  legend,
  options,
  form,
  checked,
  error,
}: {
  legend: string;
  options: { value: string; label: string }[];
  form: SetForm;
  checked: string;
  error: MessageKey | undefined;
}) {
  const { t } = useTranslation();
  const errorId = useId();
  return (
    <fieldset aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="mt-1 flex flex-wrap gap-4">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              value={option.value}
              defaultChecked={option.value === checked}
              aria-invalid={error ? true : undefined}
              {...form.register("value")}
            />
            {option.label}
          </label>
        ))}
      </div>
      {error ? (
        <p id={errorId} className="mt-1 text-sm text-red-800">
          {t(error)}
        </p>
      ) : null}
    </fieldset>
  );
}

function WindowInputs({
  form,
  fields,
  errorFor,
}: {
  form: SetForm;
  fields: ValueFields;
  errorFor: (field: string) => MessageKey | undefined;
}) {
  const { t } = useTranslation();
  const daysErrorId = useId();
  const daysError = errorFor("days");
  return (
    <div className="space-y-3">
      <fieldset aria-describedby={daysError ? daysErrorId : undefined}>
        <legend className="text-sm font-medium text-slate-800">{t("settings.window.days")}</legend>
        <div className="mt-1 flex flex-wrap gap-4">
          {WEEKDAYS.map((day) => (
            <label key={day} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                value={String(day)}
                defaultChecked={fields.days.includes(String(day))}
                aria-invalid={daysError ? true : undefined}
                {...form.register("days")}
              />
              {t(`settings.weekday.${day}`)}
            </label>
          ))}
        </div>
        {daysError ? (
          <p id={daysErrorId} className="mt-1 text-sm text-red-800">
            {t(daysError)}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label={t("settings.window.from")}
          type="time"
          defaultValue={fields.from}
          error={errorFor("from")}
          {...form.register("from")}
        />
        <TextField
          label={t("settings.window.to")}
          type="time"
          defaultValue={fields.to}
          error={errorFor("to")}
          {...form.register("to")}
        />
      </div>
    </div>
  );
}

function RemoveForm({ parameterKey, today, actionData }: FormProps) {
  const { t } = useTranslation();
  const { form, onSubmit } = useValidatedForm(removeOverrideFormSchema, {
    intent: "remove",
    key: parameterKey,
    effectiveFrom: today,
  });
  const errorFor = errorsOf(form as unknown as UseFormReturn<Record<string, unknown>>, actionData, "remove");
  const pending = usePendingFor("remove", parameterKey);
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-900">{t("settings.remove.legend")}</legend>
        <p className="text-sm text-slate-700">{t("settings.remove.hint")}</p>
        <input type="hidden" defaultValue="remove" {...form.register("intent")} />
        <input type="hidden" defaultValue={parameterKey} {...form.register("key")} />
        <TextField
          label={t("settings.edit.effectiveFrom")}
          type="date"
          min={today}
          defaultValue={today}
          error={errorFor("effectiveFrom")}
          {...form.register("effectiveFrom")}
        />
        <SubmitButton pending={pending} tone="secondary">
          {t("settings.remove.submit")}
        </SubmitButton>
      </fieldset>
    </Form>
  );
}

/** Withdraws one change this authority scheduled: only hidden fields, checked again by the action. */
function CancelForm({ parameterKey, date }: { parameterKey: ParameterKey; date: IsoDate }) {
  const { t } = useTranslation();
  const pending = usePendingFor("cancel", parameterKey, date);
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="cancel" />
      <input type="hidden" name="key" value={parameterKey} />
      <input type="hidden" name="effectiveFrom" value={date} />
      <SubmitButton pending={pending} tone="secondary" className="px-2 py-1 text-sm">
        {t("settings.cancel.submit", { date })}
      </SubmitButton>
    </Form>
  );
}
