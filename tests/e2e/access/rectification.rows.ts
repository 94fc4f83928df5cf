import { stableId } from "../../../prisma/seed/stable-id.ts";
import { foreign, get, post, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// Rectification orders. "Own" is Xihu district (the inspector's, below the admin's Hangzhou),
// "foreign" Ningbo's Yinzhou. The demo has no order, so order pages are asked for an id that is
// not there (404 for everyone; the integration tests cover real orders and every role on them);
// an empty issue form is a 400 for those who may issue at all.
const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
const SOME_ORDER = "00000000-0000-4000-8000-000000000000";
const nobody = signedIn(404);
const emptyForm = { ...regulatorPage(400), platformAdmin: 400, regulatorAdmin: 400 };

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.rectifications._index.tsx"],
    checks: [
      get("rectification orders own", "/gov/hangzhou-xihu/rectifications", regulatorPage(200)),
      get("rectification orders above the inspector", "/gov/hangzhou/rectifications", regulatorPage(404)),
      get("rectification orders foreign", "/gov/ningbo-yinzhou/rectifications", foreign),
    ],
  },
  {
    files: ["gov.$authority.rectifications.new.tsx"],
    checks: [
      get("new order, no institution chosen", "/gov/hangzhou-xihu/rectifications/new", regulatorPage(200)),
      get(
        "new order for an own institution",
        `/gov/hangzhou-xihu/rectifications/new?institution=${OWN_INSTITUTION}`,
        regulatorPage(200),
      ),
      get(
        "new order for another city's institution in own workspace",
        `/gov/hangzhou-xihu/rectifications/new?institution=${FOREIGN_INSTITUTION}`,
        nobody,
      ),
      get("new order foreign", `/gov/ningbo-yinzhou/rectifications/new?institution=${FOREIGN_INSTITUTION}`, foreign),
      get("new order, malformed institution id", "/gov/hangzhou-xihu/rectifications/new?institution=x", nobody),
      post(
        "issue (empty form, own)",
        `/gov/hangzhou-xihu/rectifications/new?institution=${OWN_INSTITUTION}`,
        emptyForm,
      ),
      post("issue without an institution", "/gov/hangzhou-xihu/rectifications/new", nobody),
      post("issue (empty form, foreign)", `/gov/ningbo-yinzhou/rectifications/new?institution=${FOREIGN_INSTITUTION}`, {
        ...foreign,
        platformAdmin: 400,
      }),
    ],
  },
  {
    files: ["gov.$authority.rectifications.$orderId.tsx"],
    checks: [
      get("order of an unknown id", `/gov/hangzhou-xihu/rectifications/${SOME_ORDER}`, nobody),
      get("order, malformed id", "/gov/hangzhou-xihu/rectifications/not-a-uuid", nobody),
      get("order foreign", `/gov/ningbo-yinzhou/rectifications/${SOME_ORDER}`, nobody),
      post("decide an unknown order", `/gov/hangzhou-xihu/rectifications/${SOME_ORDER}`, nobody),
      post("decide, malformed id", "/gov/hangzhou-xihu/rectifications/not-a-uuid", nobody),
    ],
  },
  {
    files: ["org.$institutionId.compliance.rectifications.$orderId.tsx"],
    checks: [
      get("own institution, unknown order", `/org/${OWN_INSTITUTION}/compliance/rectifications/${SOME_ORDER}`, nobody),
      get("own institution, malformed order id", `/org/${OWN_INSTITUTION}/compliance/rectifications/x`, nobody),
      get("foreign institution's order", `/org/${FOREIGN_INSTITUTION}/compliance/rectifications/${SOME_ORDER}`, nobody),
      post("answer an unknown order", `/org/${OWN_INSTITUTION}/compliance/rectifications/${SOME_ORDER}`, nobody),
      post("answer (foreign)", `/org/${FOREIGN_INSTITUTION}/compliance/rectifications/${SOME_ORDER}`, nobody),
    ],
  },
];
