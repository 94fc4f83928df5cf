import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { inScope } from "~/lib/db-scope.server";
import type { FieldErrors } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import {
  AUDIT_FILTER_FIELDS,
  type AuditChange,
  checkAuditChain,
  hasAuditFilter,
  listAuditEvents,
  listVisibleAuthorities,
  parseAuditQuery,
} from "~/modules/audit/browse.server";
import { requireAuthorityRole } from "~/modules/identity/guards.server";

type FilterField = (typeof AUDIT_FILTER_FIELDS)[number];
type FilterValues = Record<FilterField, string>;

// The authority's audit trail, for its regulator admins (and platform admins). Row-level security
// limits the events to this authority and its descendants; the filters only narrow that.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { scope } = await requireAuthorityRole(request, params.authority, ["REGULATOR_ADMIN"]);
  const search = new URL(request.url).searchParams;
  const query = parseAuditQuery(search);
  const locale = await localeFromRequest(request);
  const { authorities, chain, page } = await inScope(scope, async (db) => ({
    authorities: await listVisibleAuthorities(db),
    chain: await checkAuditChain(db),
    page: query.ok ? await listAuditEvents(db, query.data, { cursor: query.data.cursor }) : null,
  }));

  // Times are formatted here, once, so server and browser render the same text.
  const time = new Intl.DateTimeFormat(locale, {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "medium",
    hourCycle: "h23",
  });
  const fieldErrors: FieldErrors = query.ok ? {} : query.fieldErrors;
  const values = Object.fromEntries(AUDIT_FILTER_FIELDS.map((f) => [f, search.get(f) ?? ""])) as FilterValues;
  return data(
    {
      values,
      filtered: query.ok ? hasAuditFilter(query.data) : true,
      paged: Boolean(search.get("cursor")?.trim()),
      fieldErrors,
      authorities,
      chain,
      events: (page?.events ?? []).map((e) => ({
        ...e,
        occurredAt: e.occurredAt.toISOString(),
        occurredAtText: time.format(e.occurredAt),
      })),
      nextCursor: page?.nextCursor ?? null,
    },
    { status: query.ok ? 200 : 400 },
  );
}

/** The current filters as a query string, with or without a cursor. */
function queryString(values: FilterValues, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [field, value] of Object.entries(values)) if (value) params.set(field, value);
  if (cursor) params.set("cursor", cursor);
  const text = params.toString();
  return text ? `?${text}` : "";
}

export default function AuditTrail() {
  const { values, filtered, paged, fieldErrors, authorities, chain, events, nextCursor } =
    useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  const location = useLocation();
  const navigation = useNavigation();
  const pending = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  const errorFor = (field: string): MessageKey | undefined => fieldErrors[field]?.[0];
  const invalid = Object.keys(fieldErrors).length > 0;
  const badFilter = Object.keys(fieldErrors).some((field) => field !== "cursor");

  return (
    <div className="space-y-6">
      <header className="space-y-1">
        <h2 className="text-xl font-semibold text-slate-900">{t("audit.title")}</h2>
        <p className="text-sm text-slate-700">{t("audit.lead")}</p>
      </header>

      <section aria-labelledby="audit-chain-heading" className="space-y-2">
        <h3 id="audit-chain-heading" className="text-lg font-semibold">
          {t("audit.chain.heading")}
        </h3>
        {chain.intact ? (
          <Alert tone="success">
            <p>
              <span aria-hidden="true">✓ </span>
              {t("audit.chain.intact", { count: chain.visibleEvents })}
            </p>
          </Alert>
        ) : (
          <Alert tone="error">
            <p className="font-semibold">
              <span aria-hidden="true">✗ </span>
              {t("audit.chain.broken", { id: chain.brokenId })}
            </p>
            {chain.brokenVisible ? null : <p>{t("audit.chain.brokenOutsideScope")}</p>}
            <p>{t("audit.chain.brokenNext")}</p>
          </Alert>
        )}
      </section>

      <section aria-labelledby="audit-filter-heading" className="space-y-3">
        <h3 id="audit-filter-heading" className="text-lg font-semibold">
          {t("audit.filter.heading")}
        </h3>
        {badFilter ? <Alert tone="error">{t("audit.filter.invalid")}</Alert> : null}
        {errorFor("cursor") ? (
          <Alert tone="error">
            {t("validation.audit.cursor")}{" "}
            <Link to={queryString(values)} className="text-brand-700 underline">
              {t("audit.page.first")}
            </Link>
          </Alert>
        ) : null}
        {/* Keyed by the query so the fields show what was searched after back/forward navigation. */}
        <Form method="get" noValidate key={location.search} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <TextField
            label={t("audit.filter.action")}
            name="action"
            defaultValue={values.action}
            maxLength={100}
            hint={t("audit.filter.actionHint")}
            error={errorFor("action")}
          />
          <TextField
            label={t("audit.filter.entityType")}
            name="entityType"
            defaultValue={values.entityType}
            maxLength={64}
            error={errorFor("entityType")}
          />
          <TextField
            label={t("audit.filter.entityId")}
            name="entityId"
            defaultValue={values.entityId}
            maxLength={64}
            error={errorFor("entityId")}
          />
          <TextField
            label={t("audit.filter.actor")}
            name="actor"
            defaultValue={values.actor}
            maxLength={254}
            autoComplete="off"
            error={errorFor("actor")}
          />
          <SelectField
            label={t("audit.filter.authority")}
            name="authority"
            defaultValue={values.authority}
            placeholder={t("audit.filter.anyAuthority")}
            options={authorities.map((a) => ({ value: a.id, label: locale === "en" ? a.nameEn : a.name }))}
            error={errorFor("authority")}
          />
          <TextField
            label={t("audit.filter.from")}
            name="from"
            type="date"
            defaultValue={values.from}
            hint={t("audit.filter.dateHint")}
            error={errorFor("from")}
          />
          <TextField
            label={t("audit.filter.to")}
            name="to"
            type="date"
            defaultValue={values.to}
            hint={t("audit.filter.dateHint")}
            error={errorFor("to")}
          />
          <div className="flex items-end gap-4 sm:col-span-2 lg:col-span-3">
            <SubmitButton pending={pending}>{t("audit.filter.submit")}</SubmitButton>
            {filtered || paged ? (
              <Link to="." className="text-brand-700 underline">
                {t("audit.filter.clear")}
              </Link>
            ) : null}
          </div>
        </Form>
      </section>

      <section aria-busy={pending || undefined} className="space-y-3">
        {events.length === 0 ? (
          invalid ? null : (
            <Alert tone="info">
              {paged ? t("audit.empty.endOfTrail") : filtered ? t("audit.empty.filtered") : t("audit.empty.none")}
            </Alert>
          )
        ) : (
          <ScrollRegion>
            <table className="min-w-full border-collapse text-left text-sm">
              <caption className="sr-only">{t("audit.table.caption")}</caption>
              <thead className="border-b border-slate-300 text-slate-700">
                <tr>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("audit.table.time")}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("audit.table.actor")}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("audit.table.authority")}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("audit.table.action")}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("audit.table.entity")}
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    {t("audit.table.changes")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {events.map((event) => (
                  <tr key={event.id} className="border-b border-slate-200 align-top">
                    <td className="whitespace-nowrap px-2 py-2">
                      <time dateTime={event.occurredAt}>{event.occurredAtText}</time>
                      <div className="text-xs text-slate-600">{t("audit.table.eventId", { id: event.id })}</div>
                    </td>
                    <td className="px-2 py-2">
                      {event.actor === null ? (
                        t("audit.actor.system")
                      ) : event.actor.displayName === null ? (
                        t("audit.actor.unknown", { id: event.actor.id })
                      ) : (
                        <>
                          <div>{event.actor.displayName}</div>
                          <div className="text-xs text-slate-600">{event.actor.email}</div>
                        </>
                      )}
                    </td>
                    <td className="px-2 py-2">
                      {event.authority
                        ? locale === "en"
                          ? event.authority.nameEn
                          : event.authority.name
                        : t("audit.authority.none")}
                    </td>
                    <td className="px-2 py-2">
                      <code className="break-all">{event.action}</code>
                    </td>
                    <td className="px-2 py-2">
                      <div>{event.entityType}</div>
                      <code className="break-all text-xs text-slate-600">{event.entityId}</code>
                    </td>
                    <td className="px-2 py-2">
                      <ChangeList changes={event.changes} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
        {nextCursor || paged ? (
          <nav aria-label={t("audit.page.label")} className="flex gap-6">
            {paged ? (
              <Link to={queryString(values)} className="text-brand-700 underline">
                {t("audit.page.first")}
              </Link>
            ) : null}
            {nextCursor ? (
              <Link to={queryString(values, nextCursor)} className="text-brand-700 underline">
                {t("audit.page.next")}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </section>
    </div>
  );
}

/** Before → after of each changed key, as plain text (React escapes it; nothing is parsed as HTML). */
function ChangeList({ changes }: { changes: AuditChange[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <span className="text-slate-600">{t("audit.diff.none")}</span>;
  return (
    <ul className="space-y-1">
      {changes.map((change) => (
        <li key={change.key} className="break-all">
          <code className="font-semibold">{change.key || t("audit.diff.value")}</code>:{" "}
          {change.redacted ? (
            t("audit.diff.redacted")
          ) : (
            <>
              <span className="text-slate-700">{change.before ?? t("audit.diff.absent")}</span>{" "}
              <span aria-hidden="true">→</span>
              <span className="sr-only">{t("audit.diff.arrow")}</span>{" "}
              <span>{change.after ?? t("audit.diff.absent")}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
