import type { LoaderFunctionArgs } from "@remix-run/node";
import { isoDateInChina } from "~/lib/china-date";
import { validate } from "~/lib/forms/parse.server";
import { isLocale, messagesFor, translator } from "~/lib/i18n/catalog";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { complianceCsv } from "~/modules/compliance/compliance-csv.server";
import { complianceListQuerySchema, complianceRowsForExport } from "~/modules/compliance/compliance-read.server";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { queryValues } from "~/modules/registry/review-forms";

// GET /gov/:authority/compliance.csv : every institution of the list's filter (all pages) as a
// spreadsheet, for the jurisdiction's regulators; the same guard and filters as the list.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope, viewer } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const locale = isLocale(viewer.user.locale) ? viewer.user.locale : await localeFromRequest(request);
  const t = translator(messagesFor(locale));
  const query = validate(complianceListQuerySchema, queryValues(new URL(request.url).searchParams));
  if (!query.ok) {
    return new Response(t("compliance.csv.invalid"), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { grade, rule, district } = query.data;
  const rows = await complianceRowsForExport(scope, { grade, rule, district });
  // ASCII fallback name for old clients, the localized one (RFC 5987) for the rest.
  const base = `${authority.slug}-${isoDateInChina()}`;
  const localized = encodeURIComponent(`${t("compliance.csv.filename")}-${base}.csv`);
  return new Response(complianceCsv(rows, t, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="compliance-${base}.csv"; filename*=UTF-8''${localized}`,
      "Cache-Control": "private, no-store",
    },
  });
}
