import { stableId } from "../../../prisma/seed/stable-id.ts";
import { type Expect, get, post, type RouteRow, signedIn } from "./matrix.ts";

// The institution's side of the escrow lives in its workspace: its own members only. Both read
// 资金监管 (funds supervision); only the admin posts there (enable the account, answer refunds), so
// the staff gets 403 before the form is read and the admin's empty form is refused with 400. Any
// member records lessons (课时记录): an empty form is 400 for both. Everyone else gets 404,
// regulators and the platform admin included (they read escrow through their own pages).
const OWN = stableId("institution", "xihu-swim");
const FOREIGN = stableId("institution", "yinzhou-football");

const members = (status: number): Expect => ({ ...signedIn(404), institutionAdmin: status, institutionStaff: status });
const nobody = signedIn(404);

export const ROWS: RouteRow[] = [
  {
    files: ["org.$institutionId.escrow.tsx"],
    checks: [
      get("funds supervision (own)", `/org/${OWN}/escrow`, members(200)),
      get("funds supervision, after onboarding (own)", `/org/${OWN}/escrow?notice=return`, members(200)),
      get("funds supervision (foreign)", `/org/${FOREIGN}/escrow`, nobody),
      get("funds supervision (malformed id)", "/org/not-a-uuid/escrow", nobody),
      post("funds supervision, empty form (own)", `/org/${OWN}/escrow`, {
        ...members(400),
        institutionStaff: 403,
      }),
      post("funds supervision (foreign)", `/org/${FOREIGN}/escrow`, nobody),
    ],
  },
  {
    files: ["org.$institutionId.lessons.tsx"],
    checks: [
      get("lessons (own)", `/org/${OWN}/lessons`, members(200)),
      get("lessons, a course asked (own)", `/org/${OWN}/lessons?course=${FOREIGN}`, members(200)),
      get("lessons (foreign)", `/org/${FOREIGN}/lessons`, nobody),
      get("lessons (malformed id)", "/org/not-a-uuid/lessons", nobody),
      post("record a lesson, empty form (own)", `/org/${OWN}/lessons`, members(400)),
      post("record a lesson (foreign)", `/org/${FOREIGN}/lessons`, nobody),
    ],
  },
];
