import { Link } from "@remix-run/react";
import { ScrollRegion } from "~/components/ui/scroll-region";
import { formatDate } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RectificationOrderSummary } from "~/modules/compliance/rectification-read.server";
import { AWAITING_INSTITUTION_STATUSES } from "~/modules/compliance/rectification-state-machine";
import { RectificationDeadline, RectificationStatusBadge } from "./rectification-status";

export type { RectificationOrderSummary };

const cell = "border-b border-slate-200 px-2 py-2 align-top";
const head = "border-b border-slate-300 px-2 py-2 text-left font-medium text-slate-700";

/**
 * Rectification orders as a table, late ones first (the loader's order): state, deadline, the
 * rules concerned and when each was issued; each row links to `<basePath>/<order id>`. The
 * institution's compliance page embeds it with `rectificationOrdersOf(scope, institutionId)`
 * (audience "institution"); the regulator's list shows the institution too.
 */
export function RectificationList({
  orders,
  basePath,
  audience,
}: {
  orders: readonly RectificationOrderSummary[];
  basePath: string;
  audience: "institution" | "regulator";
}) {
  const { t, locale } = useTranslation();
  if (orders.length === 0) {
    return (
      <p className="rounded border border-slate-200 bg-white p-4 text-slate-700">
        {audience === "institution" ? t("rectification.list.emptyInstitution") : t("rectification.list.empty")}
      </p>
    );
  }
  return (
    <ScrollRegion>
      <table className="min-w-full border-collapse bg-white text-sm">
        <caption className="sr-only">{t("rectification.list.caption")}</caption>
        <thead>
          <tr>
            <th scope="col" className={head}>
              {audience === "regulator" ? t("rectification.list.institution") : t("rectification.list.order")}
            </th>
            {audience === "regulator" ? (
              <th scope="col" className={head}>
                {t("rectification.list.district")}
              </th>
            ) : null}
            <th scope="col" className={head}>
              {t("rectification.list.status")}
            </th>
            <th scope="col" className={head}>
              {t("rectification.list.deadline")}
            </th>
            <th scope="col" className={head}>
              {t("rectification.list.rules")}
            </th>
            <th scope="col" className={head}>
              {t("rectification.list.issued")}
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => (
            <tr key={order.id} className={order.late ? "bg-red-50" : undefined}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                <Link to={`${basePath}/${order.id}`} className="text-brand-700 underline">
                  {audience === "regulator"
                    ? order.institution.name
                    : t("rectification.list.orderOf", { date: formatDate(order.issuedAt, locale) })}
                </Link>
              </th>
              {audience === "regulator" ? (
                <td className={cell}>{locale === "en" ? order.district.nameEn : order.district.name}</td>
              ) : null}
              <td className={cell}>
                <RectificationStatusBadge status={order.status} />
              </td>
              <td className={cell}>
                <RectificationDeadline
                  deadline={order.deadline}
                  daysLeft={order.daysLeft}
                  late={order.late}
                  waiting={(AWAITING_INSTITUTION_STATUSES as readonly string[]).includes(order.status)}
                />
              </td>
              <td className={cell}>
                {t("rectification.list.ruleCount", { count: order.itemCount, rules: order.ruleCodes.join(", ") })}
              </td>
              <td className={`${cell} whitespace-nowrap`}>
                <time dateTime={order.issuedAt}>{formatDate(order.issuedAt, locale)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
