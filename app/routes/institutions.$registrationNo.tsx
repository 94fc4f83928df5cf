import { type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { CoachList } from "~/components/public/coach-list";
import { ComplianceGrade } from "~/components/public/compliance-grade";
import { CourseList } from "~/components/public/course-list";
import { FundsSupervision } from "~/components/public/funds-supervision";
import { QrCode } from "~/components/public/qr-code";
import { RegistrationFacts } from "~/components/public/registration-facts";
import { RegistrationWarning } from "~/components/public/registration-warning";
import { StatusBadge } from "~/components/public/status-badge";
import { VenueList } from "~/components/public/venue-list";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { appOrigin } from "~/lib/app-origin.server";
import { routeMeta } from "~/lib/i18n/route-meta";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";
import {
  findPublicInstitution,
  normalizeRegistrationNo,
  shanghaiDate,
} from "~/modules/registry/public-institution.server";
import { qrSvgPathFor, shortLinkFor } from "~/modules/registry/qr-code.server";

// The public profile of a registered institution, where the QR code leads: status first (with a
// “do not pay” warning when the registration is not in force), then funds supervision, courses and
// prices, coaches, venues and the registration facts. Only what public-institution.server.ts reads.
// The tab and a shared link name the institution (verification often starts from a chat message).
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const { inherited } = routeMeta(matches);
  return data ? [...inherited, { title: `${data.institution.name} · ${data.institution.registrationNo}` }] : inherited;
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const raw = params.registrationNo ?? "";
  const registrationNo = normalizeRegistrationNo(raw);
  if (!registrationNo) throw notFound();
  // One address per institution: a number typed without dashes or with full-width digits lands here.
  if (registrationNo !== raw) throw redirect(`/institutions/${registrationNo}`);
  const institution = await findPublicInstitution(registrationNo);
  if (!institution) throw notFound();
  const shortLink = shortLinkFor(appOrigin(request), registrationNo);
  return {
    institution: {
      registrationNo,
      name: institution.name,
      status: institution.status,
      fundsSupervisionEnabled: institution.fundsSupervisionEnabled,
      complianceGrade: institution.complianceGrade,
      profileAvailable: institution.profileAvailable,
      facts: {
        registrationNo,
        creditCode: institution.creditCode,
        sports: institution.sports,
        authority: { name: institution.authority.name, nameEn: institution.authority.nameEn },
        registeredOn: institution.registeredAt ? shanghaiDate(institution.registeredAt) : null,
        approvedOn: institution.approvedAt ? shanghaiDate(institution.approvedAt) : null,
      },
      courses: institution.courses,
      coaches: institution.coaches,
      venues: institution.venues,
    },
    shortLink,
    qr: qrSvgPathFor(shortLink),
  };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-xl font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default function InstitutionProfile() {
  const { institution, shortLink, qr } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <article className="space-y-8">
      <header className="space-y-3">
        <p className="text-sm">
          <Link to="/institutions" className="text-brand-700 underline">
            {t("public.profile.backToSearch")}
          </Link>
        </p>
        <div className="flex flex-wrap items-start gap-3">
          <div className="min-w-0 break-words">
            <PageTitle>{institution.name}</PageTitle>
          </div>
          <StatusBadge status={institution.status} />
        </div>
        <RegistrationWarning status={institution.status} />
        {institution.status === "APPROVED" ? <p className="text-slate-700">{t("public.profile.inForce")}</p> : null}
        <FundsSupervision enabled={institution.fundsSupervisionEnabled} />
        <ComplianceGrade grade={institution.complianceGrade} />
        <p className="text-sm">
          <Link to={`/institutions/${institution.registrationNo}/complain`} className="text-brand-700 underline">
            {t("complaints.profile.link")}
          </Link>
        </p>
      </header>

      {institution.profileAvailable ? null : <Alert tone="info">{t("public.profile.detailsUnavailable")}</Alert>}

      <Section id="profile-courses" title={t("public.courses.heading")}>
        <CourseList
          courses={institution.courses}
          enrollBase={institution.status === "APPROVED" ? `/institutions/${institution.registrationNo}/courses` : null}
        />
      </Section>

      <Section id="profile-coaches" title={t("public.coaches.heading")}>
        <CoachList coaches={institution.coaches} />
      </Section>

      <Section id="profile-venues" title={t("public.venues.heading")}>
        <VenueList venues={institution.venues} />
      </Section>

      <Section id="profile-registration" title={t("public.facts.heading")}>
        <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_max-content]">
          <RegistrationFacts facts={institution.facts} />
          <QrCode qr={qr} shortLink={shortLink} svgHref={`/institutions/${institution.registrationNo}/qr.svg`} />
        </div>
      </Section>

      <p className="text-sm text-slate-600">{t("public.profile.disclaimer")}</p>
    </article>
  );
}
