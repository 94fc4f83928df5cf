import type { LoaderFunctionArgs } from "@remix-run/node";
import { appOrigin } from "~/lib/app-origin.server";
import { inScope } from "~/lib/db-scope.server";
import { formatDateTime } from "~/lib/format";
import { isLocale, messagesFor, translator } from "~/lib/i18n/catalog";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { logger } from "~/lib/logger.server";
import { notFound, requireInstitutionRole } from "~/modules/identity/guards.server";
import { INSTITUTION_ROLES } from "~/modules/identity/roles";
import { CertificateGlyphsMissing, findCjkFont, renderCertificatePdf } from "~/modules/registry/certificate-pdf.server";
import { isSport, shanghaiDate } from "~/modules/registry/public-institution.server";
import { shortLinkFor } from "~/modules/registry/qr-code.server";

function plainText(body: string, status: number): Response {
  return new Response(body, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

// GET /org/:institutionId/certificate.pdf : the printable registration certificate with the QR
// code, for the institution's own members. There is none before registration (404), and none is
// issued while the registration is not in force (409): a fresh certificate must not vouch for a
// suspended, revoked or closed institution.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, scope } = await requireInstitutionRole(request, params.institutionId, INSTITUTION_ROLES);
  const institution = await inScope(scope, (db) =>
    db.institution.findUnique({
      where: { id: params.institutionId },
      select: {
        name: true,
        status: true,
        registrationNo: true,
        creditCode: true,
        sports: true,
        registeredAt: true,
        approvedAt: true,
        fundsSupervisionEnabled: true,
        authority: { select: { name: true, nameEn: true } },
      },
    }),
  );
  if (!institution?.registrationNo) throw notFound();
  const locale = isLocale(viewer.user.locale) ? viewer.user.locale : await localeFromRequest(request);
  const t = translator(messagesFor(locale));
  if (institution.status !== "APPROVED") return plainText(t("public.certificate.notInForce"), 409);

  const font = findCjkFont();
  if (!font) {
    logger.error("no CJK font installed for certificates (Debian: fonts-wqy-microhei)");
    return plainText(t("public.certificate.unavailable"), 503);
  }
  const registrationNo = institution.registrationNo;
  const none = t("public.certificate.none");
  try {
    const pdf = await renderCertificatePdf(
      {
        lang: locale,
        title: t("public.certificate.title"),
        subtitle: t("public.certificate.subtitle"),
        institutionName: institution.name,
        fields: [
          { label: t("public.facts.registrationNo"), value: registrationNo },
          { label: t("public.facts.creditCode"), value: institution.creditCode ?? none },
          {
            label: t("public.facts.sports"),
            value:
              institution.sports
                .filter(isSport)
                .map((s) => t(`sport.${s}`))
                .join(t("public.listSeparator")) || none,
          },
          {
            label: t("public.facts.authority"),
            value: locale === "en" ? institution.authority.nameEn : institution.authority.name,
          },
          {
            label: t("public.facts.registeredOn"),
            value: institution.registeredAt ? shanghaiDate(institution.registeredAt) : none,
          },
          {
            label: t("public.facts.approvedOn"),
            value: institution.approvedAt ? shanghaiDate(institution.approvedAt) : none,
          },
          {
            label: t("public.funds.label"),
            value: institution.fundsSupervisionEnabled ? t("public.funds.enabled") : t("public.funds.disabled"),
          },
        ],
        qrText: shortLinkFor(appOrigin(request), registrationNo),
        qrCaption: t("public.certificate.qrCaption"),
        footnote: t("public.certificate.footnote", { issuedAt: formatDateTime(new Date(), locale) }),
      },
      font,
    );
    return new Response(new Uint8Array(pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="tipei-certificate-${registrationNo}.pdf"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (!(error instanceof CertificateGlyphsMissing)) throw error;
    // Refused rather than printed with empty boxes; the code points say which font to add.
    logger.error({ codePoints: error.codePoints, registrationNo }, "certificate font lacks glyphs");
    return plainText(t("public.certificate.unavailable"), 503);
  }
}
