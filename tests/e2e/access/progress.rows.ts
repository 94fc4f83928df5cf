import { stableId } from "../../../prisma/seed/stable-id.ts";
import { type Expect, foreign, get, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// The progress the panels poll: a jurisdiction's re-evaluation and an institution's closure refunds.
// "Own" is Xihu district (the inspector's), "above the inspector" its city, "foreign" Ningbo's
// Yinzhou. An institution outside the workspace's jurisdiction answers 404 like its pages; the
// institution's own progress is its members' only.
const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
const nobody = signedIn(404);
const members = (status: number): Expect => ({ ...signedIn(404), institutionAdmin: status, institutionStaff: status });

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.progress[.json].ts"],
    checks: [
      get("re-evaluation progress own", "/gov/hangzhou-xihu/progress.json?of=reevaluation", regulatorPage(200)),
      get(
        "re-evaluation progress above the inspector",
        "/gov/hangzhou/progress.json?of=reevaluation",
        regulatorPage(404),
      ),
      get("re-evaluation progress foreign", "/gov/ningbo-yinzhou/progress.json?of=reevaluation", foreign),
      get(
        "closure progress own",
        `/gov/hangzhou-xihu/progress.json?of=closure&institution=${OWN_INSTITUTION}`,
        regulatorPage(200),
      ),
      get(
        "closure progress of another city's institution in own workspace",
        `/gov/hangzhou-xihu/progress.json?of=closure&institution=${FOREIGN_INSTITUTION}`,
        nobody,
      ),
      get("progress, unknown kind", "/gov/hangzhou-xihu/progress.json?of=everything", nobody),
      get("closure progress, malformed id", "/gov/hangzhou-xihu/progress.json?of=closure&institution=x", nobody),
    ],
  },
  {
    files: ["org.$institutionId.progress[.json].ts"],
    checks: [
      get("closure progress (own)", `/org/${OWN_INSTITUTION}/progress.json`, members(200)),
      get("closure progress (foreign)", `/org/${FOREIGN_INSTITUTION}/progress.json`, nobody),
      get("closure progress (malformed id)", "/org/not-a-uuid/progress.json", nobody),
    ],
  },
];
