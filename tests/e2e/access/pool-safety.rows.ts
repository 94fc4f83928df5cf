import { stableId } from "../../../prisma/seed/stable-id.ts";
import { type Expect, get, post, type RouteRow, signedIn } from "./matrix.ts";

// The pool safety log lives in the institution workspace: its own members only, admin and staff
// alike (the staff keep the log at the pool). Regulators read logs through the compliance pages,
// not here: the workspace answers them 404. The demo's xihu-swim has no approved pool yet, so its
// members see the empty state (200) and an empty post is refused as a form (400).
const OWN = stableId("institution", "xihu-swim");
const FOREIGN = stableId("institution", "yinzhou-football");

const members = (status: number): Expect => ({ ...signedIn(404), institutionAdmin: status, institutionStaff: status });
const nobody = signedIn(404);

export const ROWS: RouteRow[] = [
  {
    files: ["org.$institutionId.safety-logs.tsx"],
    checks: [
      get("pool safety logs (own)", `/org/${OWN}/safety-logs`, members(200)),
      get("pool safety logs, a day (own)", `/org/${OWN}/safety-logs?date=2026-11-20`, members(200)),
      get("pool safety logs (foreign)", `/org/${FOREIGN}/safety-logs`, nobody),
      get("pool safety logs (malformed id)", "/org/not-a-uuid/safety-logs", nobody),
      post("record a log, empty form (own)", `/org/${OWN}/safety-logs`, members(400)),
      post("record a log (foreign)", `/org/${FOREIGN}/safety-logs`, nobody),
    ],
  },
];
