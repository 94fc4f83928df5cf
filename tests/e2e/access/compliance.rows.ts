import { stableId } from "../../../prisma/seed/stable-id.ts";
import { type Expect, foreign, get, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// The compliance screens. "Own" is Xihu district (the inspector's), "above the inspector" its city,
// "foreign" Ningbo's Yinzhou. The demo's xihu-swim has no report yet: its pages answer 200 with
// the empty state (the integration tests cover reports). The institution page is its members' only.
const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
const nobody = signedIn(404);
const members = (status: number): Expect => ({ ...signedIn(404), institutionAdmin: status, institutionStaff: status });

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.compliance._index.tsx"],
    checks: [
      get("compliance list own", "/gov/hangzhou-xihu/compliance", regulatorPage(200)),
      get("compliance list above the inspector", "/gov/hangzhou/compliance", regulatorPage(404)),
      get("compliance list foreign", "/gov/ningbo-yinzhou/compliance", foreign),
    ],
  },
  {
    files: ["gov.$authority.compliance[.csv].ts"],
    checks: [
      get("compliance CSV own", "/gov/hangzhou-xihu/compliance.csv", regulatorPage(200)),
      get("compliance CSV above the inspector", "/gov/hangzhou/compliance.csv", regulatorPage(404)),
      get("compliance CSV foreign", "/gov/ningbo-yinzhou/compliance.csv", foreign),
    ],
  },
  {
    files: ["gov.$authority.compliance.$institutionId.tsx"],
    checks: [
      get("institution compliance own", `/gov/hangzhou-xihu/compliance/${OWN_INSTITUTION}`, regulatorPage(200)),
      get(
        "another city's institution in own workspace",
        `/gov/hangzhou-xihu/compliance/${FOREIGN_INSTITUTION}`,
        nobody,
      ),
      get("institution compliance foreign", `/gov/ningbo-yinzhou/compliance/${FOREIGN_INSTITUTION}`, foreign),
      get("institution compliance, malformed id", "/gov/hangzhou-xihu/compliance/not-a-uuid", nobody),
    ],
  },
  {
    files: ["gov.$authority.standards.tsx"],
    checks: [
      get("standards own", "/gov/hangzhou-xihu/standards", regulatorPage(200)),
      get("standards above the inspector", "/gov/hangzhou/standards", regulatorPage(404)),
      get("standards foreign", "/gov/ningbo-yinzhou/standards", foreign),
    ],
  },
  {
    files: ["org.$institutionId.compliance._index.tsx"],
    checks: [
      get("own compliance", `/org/${OWN_INSTITUTION}/compliance`, members(200)),
      get("own compliance (foreign)", `/org/${FOREIGN_INSTITUTION}/compliance`, nobody),
      get("own compliance, malformed id", "/org/not-a-uuid/compliance", nobody),
    ],
  },
];
