import type { LoaderFunctionArgs } from "@remix-run/node";
import { isoDateInChina } from "~/lib/china-date";
import { isLocale, type Locale, messagesFor, type Translate, translator } from "~/lib/i18n/catalog";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { CSV_BOM, csvDateTime, csvLine } from "~/modules/compliance/compliance-csv.server";
import { requireAuthorityRole } from "~/modules/identity/guards.server";
import { REGULATOR_ROLES } from "~/modules/identity/roles";
import { parseRiskQuery, type RiskRow, riskExportRows } from "~/modules/risk/gov-read.server";
import { factorText, topReasons } from "~/modules/risk/model";

function riskCsv(rows: readonly RiskRow[], t: Translate, locale: Locale): string {
  const header = csvLine([
    t("risk.csv.institution"),
    t("risk.csv.registrationNo"),
    t("risk.csv.district"),
    t("risk.csv.score"),
    t("risk.csv.level"),
    t("risk.csv.grade"),
    t("risk.csv.reasons"),
    t("risk.csv.assessedAt"),
  ]);
  const lines = rows.map((row) =>
    csvLine([
      row.name,
      row.registrationNo ?? "",
      locale === "en" ? row.districtNameEn : row.districtName,
      String(row.score),
      t(`risk.level.${row.level}`),
      row.grade,
      topReasons(row.factors)
        .map((f) => factorText(t, f))
        .join("; "),
      csvDateTime(row.assessedAt),
    ]),
  );
  return `${CSV_BOM}${header}${lines.join("")}`;
}

// GET /gov/:authority/risk.csv : the ranking with the list's filters (all pages), for the
// jurisdiction's regulators; the same guard and filters as the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { authority, scope, viewer } = await requireAuthorityRole(request, params.authority, REGULATOR_ROLES);
  const locale = isLocale(viewer.user.locale) ? viewer.user.locale : await localeFromRequest(request);
  const t = translator(messagesFor(locale));
  const rows = await riskExportRows(scope, parseRiskQuery(new URL(request.url).searchParams));
  const base = `${authority.slug}-${isoDateInChina()}`;
  return new Response(riskCsv(rows, t, locale), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="risk-${base}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
