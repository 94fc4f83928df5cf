import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { normalizeRegistrationNo } from "~/modules/registry/public-institution.server";

// GET /i/:registrationNo : the short link the QR code (一码通) encodes. It is printed on walls and
// certificates for good, so it only ever redirects (temporarily: the page's address may change,
// the printed link may not) to the public profile, which answers 404 for an unknown number.
export function loader({ params }: LoaderFunctionArgs) {
  const raw = params.registrationNo ?? "";
  const registrationNo = normalizeRegistrationNo(raw) ?? raw;
  return redirect(`/institutions/${encodeURIComponent(registrationNo)}`, {
    headers: { "Cache-Control": "public, max-age=3600" },
  });
}
