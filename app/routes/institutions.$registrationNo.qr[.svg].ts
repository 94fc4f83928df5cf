import type { LoaderFunctionArgs } from "@remix-run/node";
import { appOrigin } from "~/lib/app-origin.server";
import { conditionalResponse } from "~/lib/http-cache.server";
import { messagesFor, translator } from "~/lib/i18n/catalog";
import { localeFromRequest } from "~/lib/i18n/locale.server";
import { normalizeRegistrationNo, publicRegistrationExists } from "~/modules/registry/public-institution.server";
import { qrSvgDocument, shortLinkFor } from "~/modules/registry/qr-code.server";

// GET /institutions/:registrationNo/qr.svg : the institution's QR code as an SVG file, to print
// or to put on a website. Only registered institutions have one.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const registrationNo = normalizeRegistrationNo(params.registrationNo ?? "");
  if (!registrationNo || registrationNo !== params.registrationNo || !(await publicRegistrationExists(registrationNo)))
    return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const t = translator(messagesFor(await localeFromRequest(request)));
  const svg = qrSvgDocument(shortLinkFor(appOrigin(request), registrationNo), t("public.qr.title", { registrationNo }));
  return conditionalResponse(request, svg, {
    headers: {
      "Content-Type": "image/svg+xml; charset=utf-8",
      "Content-Disposition": `inline; filename="tipei-qr-${registrationNo}.svg"`,
      // The title follows the visitor's language cookie, so shared caches must not keep it.
      "Cache-Control": "private, max-age=3600",
    },
  });
}
