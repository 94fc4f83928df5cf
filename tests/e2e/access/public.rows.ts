import { stableId } from "../../../prisma/seed/stable-id.ts";
import { all, get, type RouteRow, signedIn } from "./matrix.ts";

const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
// Well-formed, but no institution will ever hold it (the sequence starts at 0001 each year).
const UNKNOWN_NO = "330106-2099-0000";

// The public registry is the same for everyone: signed in or not, any role, any tenant. Only the
// certificate belongs to the institution's own members, and only once it is registered: the demo
// institutions are drafts, so even their own members get a 404 (a registered one gets the PDF,
// see tests/integration/modules/public/certificate.test.ts).
export const ROWS: RouteRow[] = [
  {
    files: ["institutions._index.tsx"],
    checks: [
      get("registry search", "/institutions", all(200)),
      get("registry search by name", `/institutions?q=${encodeURIComponent("浪花")}&sport=SWIMMING`, all(200)),
      get("registry search, bad filter", "/institutions?sport=CURLING", all(400)),
    ],
  },
  {
    files: ["institutions.$registrationNo.tsx"],
    checks: [
      get("public profile, unknown number", `/institutions/${UNKNOWN_NO}`, all(404)),
      get("public profile, not a number", "/institutions/not-a-number", all(404)),
    ],
  },
  { files: ["i.$registrationNo.ts"], checks: [get("QR short link", `/i/${UNKNOWN_NO}`, all(302))] },
  {
    files: ["institutions.$registrationNo.qr[.svg].ts"],
    checks: [get("QR code of an unknown number", `/institutions/${UNKNOWN_NO}/qr.svg`, all(404))],
  },
  {
    files: ["org.$institutionId.certificate[.pdf].ts"],
    checks: [
      get("certificate, own institution (not registered)", `/org/${OWN_INSTITUTION}/certificate.pdf`, signedIn(404)),
      get("certificate, foreign institution", `/org/${FOREIGN_INSTITUTION}/certificate.pdf`, signedIn(404)),
    ],
  },
  {
    files: ["api.v1.institutions._index.ts"],
    checks: [
      get("API search", "/api/v1/institutions", all(200)),
      get("API search, bad parameter", "/api/v1/institutions?page=0", all(400)),
    ],
  },
  {
    files: ["api.v1.institutions.$registrationNo.ts"],
    checks: [
      get("API profile, unknown number", `/api/v1/institutions/${UNKNOWN_NO}`, all(404)),
      get("API profile, not a number", "/api/v1/institutions/not-a-number", all(400)),
    ],
  },
  { files: ["api.v1.openapi[.json].ts"], checks: [get("OpenAPI document", "/api/v1/openapi.json", all(200))] },
];
