import { stableId } from "../../../prisma/seed/stable-id.ts";
import { foreign, get, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// The risk screens. "Own" is Xihu district (the inspector's), "above the inspector" its city,
// "foreign" Ningbo's Yinzhou. The demo's xihu-swim may have no assessment yet: its page answers 200
// with the empty state (the integration tests cover assessments).
const OWN_INSTITUTION = stableId("institution", "xihu-swim");
const FOREIGN_INSTITUTION = stableId("institution", "yinzhou-football");
const nobody = signedIn(404);

export const ROWS: RouteRow[] = [
  {
    files: ["gov.$authority.risk._index.tsx"],
    checks: [
      get("risk ranking own", "/gov/hangzhou-xihu/risk", regulatorPage(200)),
      get("risk ranking above the inspector", "/gov/hangzhou/risk", regulatorPage(404)),
      get("risk ranking foreign", "/gov/ningbo-yinzhou/risk", foreign),
    ],
  },
  {
    files: ["gov.$authority.risk[.csv].ts"],
    checks: [
      get("risk CSV own", "/gov/hangzhou-xihu/risk.csv", regulatorPage(200)),
      get("risk CSV above the inspector", "/gov/hangzhou/risk.csv", regulatorPage(404)),
      get("risk CSV foreign", "/gov/ningbo-yinzhou/risk.csv", foreign),
    ],
  },
  {
    files: ["gov.$authority.risk.$institutionId.tsx"],
    checks: [
      get("institution risk own", `/gov/hangzhou-xihu/risk/${OWN_INSTITUTION}`, regulatorPage(200)),
      get("another city's institution in own risk workspace", `/gov/hangzhou-xihu/risk/${FOREIGN_INSTITUTION}`, nobody),
      get("institution risk foreign", `/gov/ningbo-yinzhou/risk/${FOREIGN_INSTITUTION}`, foreign),
      get("institution risk, malformed id", "/gov/hangzhou-xihu/risk/not-a-uuid", nobody),
    ],
  },
];
