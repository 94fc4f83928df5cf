import { stableId } from "../../../prisma/seed/stable-id.ts";
import { type Expect, get, post, type RouteRow, signedIn } from "./matrix.ts";

// The institution workspace: its own members only. The demo's xihu-swim has no filing open, so
// the wizard's steps send its members back to the overview (302) until one is started.
const OWN = stableId("institution", "xihu-swim");
const FOREIGN = stableId("institution", "yinzhou-football");

const members = (status: number): Expect => ({ ...signedIn(404), institutionAdmin: status, institutionStaff: status });
const nobody = signedIn(404);

export const ROWS: RouteRow[] = [
  {
    files: ["org.$institutionId.tsx", "org.$institutionId._index.tsx"],
    checks: [
      get("own institution", `/org/${OWN}`, members(200)),
      get("foreign institution", `/org/${FOREIGN}`, nobody),
      get("malformed institution id", "/org/not-a-uuid", nobody),
      // `?index`: a form on an index route posts to the index route's action, not its layout's.
      post("start a filing (empty form, own)", `/org/${OWN}?index`, { ...members(400), institutionStaff: 403 }),
      post("start a filing (foreign)", `/org/${FOREIGN}?index`, nobody),
    ],
  },
  {
    files: ["org.$institutionId.filing.tsx", "org.$institutionId.filing._index.tsx"],
    checks: [
      get("filing, none open", `/org/${OWN}/filing`, members(302)),
      get("filing (foreign)", `/org/${FOREIGN}/filing`, nobody),
    ],
  },
  ...(["entity", "venues", "staff", "courses", "documents", "review"] as const).map(
    (step): RouteRow => ({
      files: [`org.$institutionId.filing.${step}.tsx`],
      checks: [
        get(`${step} step, none open`, `/org/${OWN}/filing/${step}`, members(302)),
        get(`${step} step (foreign)`, `/org/${FOREIGN}/filing/${step}`, nobody),
        post(`${step} step (foreign)`, `/org/${FOREIGN}/filing/${step}`, nobody),
      ],
    }),
  ),
];
