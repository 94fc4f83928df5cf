import type { ReactNode } from "react";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { InstitutionCompliance } from "~/modules/compliance/compliance-read.server";
import { GradeBadge, GradeMeaning } from "./grade-badge";

const TRIGGERS = ["approval", "settings", "nightly", "manual"] as const;

/**
 * The facts of one institution's latest evaluation for its regulators: grade and what it means,
 * when it was evaluated and on which day's rules, the standards version and why it ran.
 */
export function ReportSummary({
  compliance,
  registrationLink,
}: {
  compliance: InstitutionCompliance;
  registrationLink: ReactNode;
}) {
  const { t, locale } = useTranslation();
  const { institution, report } = compliance;
  const trigger = report
    ? (TRIGGERS as readonly string[]).includes(report.trigger)
      ? t(`compliance.trigger.${report.trigger as (typeof TRIGGERS)[number]}`)
      : report.trigger
    : "";
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 rounded border border-slate-200 bg-white p-4 text-sm">
      <dt className="text-slate-600">{t("compliance.institution.grade")}</dt>
      <dd className="space-x-2">
        <GradeBadge grade={institution.grade} />
        <span className="text-slate-700">
          <GradeMeaning grade={institution.grade} />
        </span>
      </dd>
      <dt className="text-slate-600">{t("compliance.institution.district")}</dt>
      <dd>{locale === "en" ? institution.district.nameEn : institution.district.name}</dd>
      <dt className="text-slate-600">{t("compliance.institution.registrationNo")}</dt>
      <dd>
        <span className="font-mono">{institution.registrationNo ?? t("compliance.institution.notRegistered")}</span>{" "}
        {registrationLink}
      </dd>
      {report ? (
        <>
          <dt className="text-slate-600">{t("compliance.institution.evaluatedAt")}</dt>
          <dd>{institution.evaluatedAt ? formatDateTime(institution.evaluatedAt, locale) : ""}</dd>
          <dt className="text-slate-600">{t("compliance.institution.reportIssuedAt")}</dt>
          <dd>{formatDateTime(report.evaluatedAt, locale)}</dd>
          <dt className="text-slate-600">{t("compliance.institution.asOf")}</dt>
          <dd>{report.asOf}</dd>
          <dt className="text-slate-600">{t("compliance.institution.standardsVersion")}</dt>
          <dd className="font-mono">{report.standardsVersion}</dd>
          <dt className="text-slate-600">{t("compliance.institution.trigger")}</dt>
          <dd>{trigger}</dd>
          <dt className="text-slate-600">{t("compliance.institution.findings")}</dt>
          <dd>{t("compliance.institution.counts", { fails: report.failCount, warnings: report.warningCount })}</dd>
        </>
      ) : null}
    </dl>
  );
}
