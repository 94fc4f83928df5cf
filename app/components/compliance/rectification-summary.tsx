import type { ReactNode } from "react";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { RectificationOrderDetail } from "~/modules/compliance/rectification-read.server";
import { AWAITING_INSTITUTION_STATUSES } from "~/modules/compliance/rectification-state-machine";
import { RectificationDeadline, RectificationStatusBadge } from "./rectification-status";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What the order is: state, deadline, who issued it and when, and what the institution must do. */
export function RectificationSummary({ detail }: { detail: RectificationOrderDetail }) {
  const { t, locale } = useTranslation();
  const { order, issuingAuthority, issuedBy } = detail;
  const authority = locale === "en" ? issuingAuthority.nameEn : issuingAuthority.name;
  return (
    <section aria-labelledby="rectification-summary" className="space-y-4 rounded border border-slate-200 bg-white p-4">
      <h3 id="rectification-summary" className="sr-only">
        {t("rectification.detail.summary")}
      </h3>
      <dl className="grid gap-3 sm:grid-cols-2">
        <Fact label={t("rectification.detail.status")}>
          <RectificationStatusBadge status={order.status} />
        </Fact>
        <Fact label={t("rectification.detail.deadline")}>
          <RectificationDeadline
            deadline={order.deadline}
            daysLeft={order.daysLeft}
            late={order.late}
            waiting={(AWAITING_INSTITUTION_STATUSES as readonly string[]).includes(order.status)}
          />
        </Fact>
        <Fact label={t("rectification.detail.issuedBy")}>
          {issuedBy ? t("rectification.detail.issuerNamed", { authority, name: issuedBy }) : authority}
        </Fact>
        <Fact label={t("rectification.detail.issuedAt")}>
          <time dateTime={order.issuedAt}>{formatDateTime(order.issuedAt, locale)}</time>
        </Fact>
      </dl>
      <div>
        <p className="text-sm text-slate-600">{t("rectification.detail.instructions")}</p>
        <p className="whitespace-pre-line break-words">{order.instructions}</p>
      </div>
    </section>
  );
}
