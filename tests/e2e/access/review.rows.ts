import { stableId } from "../../../prisma/seed/stable-id.ts";
import { foreign, get, post, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// The regulator's side of registration: the review queue and page, the institutions. "Own" is
// Xihu district, "foreign" Ningbo's Yinzhou. The demo has no submitted filing, so a review page
// is only ever asked for an id that is not there (404 for everyone; the integration tests cover
// real filings); an empty form is a 400 for those who may post at all.
const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
const SOME_FILING = "00000000-0000-4000-8000-000000000000";
const nobody = signedIn(404);
const emptyForm = { ...regulatorPage(400), platformAdmin: 400, regulatorAdmin: 400 };

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.reviews._index.tsx"],
    checks: [
      get("review queue own", "/gov/hangzhou-xihu/reviews", regulatorPage(200)),
      get("review queue above the inspector", "/gov/hangzhou/reviews", regulatorPage(404)),
      get("review queue foreign", "/gov/ningbo-yinzhou/reviews", foreign),
      post("assign (empty form, own)", "/gov/hangzhou-xihu/reviews?index", emptyForm),
      post("assign (empty form, foreign)", "/gov/ningbo-yinzhou/reviews?index", { ...foreign, platformAdmin: 400 }),
    ],
  },
  {
    files: ["gov.$authority.reviews.$filingId.tsx"],
    checks: [
      get("review of an unknown filing", `/gov/hangzhou-xihu/reviews/${SOME_FILING}`, nobody),
      get("review, malformed filing id", "/gov/hangzhou-xihu/reviews/not-a-uuid", nobody),
      get("review foreign", `/gov/ningbo-yinzhou/reviews/${SOME_FILING}`, nobody),
      post("decide an unknown filing", `/gov/hangzhou-xihu/reviews/${SOME_FILING}`, nobody),
      post("decide, malformed filing id", "/gov/hangzhou-xihu/reviews/not-a-uuid", nobody),
    ],
  },
  {
    files: ["gov.$authority.institutions._index.tsx"],
    checks: [
      get("institutions own", "/gov/hangzhou-xihu/institutions", regulatorPage(200)),
      get("institutions foreign", "/gov/ningbo-yinzhou/institutions", foreign),
    ],
  },
  {
    files: ["gov.$authority.institutions.$institutionId.tsx"],
    checks: [
      get("institution own", `/gov/hangzhou-xihu/institutions/${OWN_INSTITUTION}`, regulatorPage(200)),
      get(
        "another city's institution in own workspace",
        `/gov/hangzhou-xihu/institutions/${FOREIGN_INSTITUTION}`,
        nobody,
      ),
      get("institution foreign", `/gov/ningbo-yinzhou/institutions/${FOREIGN_INSTITUTION}`, foreign),
      get("institution, malformed id", "/gov/hangzhou-xihu/institutions/not-a-uuid", nobody),
      post("registration action (empty form, own)", `/gov/hangzhou-xihu/institutions/${OWN_INSTITUTION}`, {
        ...regulatorPage(403),
        platformAdmin: 400,
        regulatorAdmin: 400,
      }),
      post("registration action (foreign)", `/gov/ningbo-yinzhou/institutions/${FOREIGN_INSTITUTION}`, {
        ...foreign,
        platformAdmin: 400,
      }),
    ],
  },
];
