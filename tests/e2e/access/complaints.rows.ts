import { stableId } from "../../../prisma/seed/stable-id.ts";
import { all, type Expect, foreign, get, post, type RouteRow, regulatorPage, signedIn } from "./matrix.ts";

// Complaints and the queue dashboard. Complaining: the public profile of a registered institution
// is public, so an unknown registration number is 404 for everyone; a real one sends the signed-out
// to sign in, is the parents' (200; an empty post is refused as a form, 400) and 403 for every other
// account. The e2e database holds no complaint: 我的投诉 is each signed-in person's own list (200),
// an unknown complaint is 404 on both sides (also for a post). The regulators' queue is for every
// regulator of the authority or above. The queue dashboard is the platform admin's (404 for others).
const REGISTRATION_NO = "330106-2024-0001";
const COMPLAIN = `/institutions/${REGISTRATION_NO}/complain`;
const UNKNOWN_COMPLAINT = stableId("complaint", "no-such-complaint");

const parentsOnly = (status: number): Expect => ({ ...signedIn(403), parent: status });
const platformOnly = (status: number): Expect => ({ ...signedIn(404), platformAdmin: status });

export const ROWS: RouteRow[] = [
  {
    files: ["institutions.$registrationNo_.complain.tsx"],
    checks: [
      get("complain about an institution", COMPLAIN, parentsOnly(200)),
      post("complain, empty form", COMPLAIN, parentsOnly(400)),
      get("complain, unknown registration number", "/institutions/330106-2099-0000/complain", all(404)),
      post("complain, unknown registration number", "/institutions/330106-2099-0000/complain", all(404)),
    ],
  },
  {
    files: ["account_.complaints._index.tsx"],
    checks: [get("my complaints", "/account/complaints", signedIn(200))],
  },
  {
    files: ["account_.complaints.$complaintId.tsx"],
    checks: [
      get("a complaint, unknown", `/account/complaints/${UNKNOWN_COMPLAINT}`, signedIn(404)),
      get("a complaint, malformed id", "/account/complaints/not-a-uuid", signedIn(404)),
    ],
  },
  {
    files: ["gov.$authority.complaints._index.tsx"],
    checks: [
      get("complaints own", "/gov/hangzhou-xihu/complaints", regulatorPage(200)),
      get(
        "complaints own, filtered",
        "/gov/hangzhou-xihu/complaints?status=ALL&category=SAFETY&q=x",
        regulatorPage(200),
      ),
      get("complaints above the inspector", "/gov/hangzhou/complaints", regulatorPage(404)),
      get("complaints foreign", "/gov/ningbo-yinzhou/complaints", foreign),
    ],
  },
  {
    files: ["gov.$authority.complaints.$complaintId.tsx"],
    checks: [
      get("a complaint own, unknown", `/gov/hangzhou-xihu/complaints/${UNKNOWN_COMPLAINT}`, signedIn(404)),
      get("a complaint own, malformed id", "/gov/hangzhou-xihu/complaints/not-a-uuid", signedIn(404)),
      post("handle a complaint, unknown", `/gov/hangzhou-xihu/complaints/${UNKNOWN_COMPLAINT}`, signedIn(404)),
      get("a complaint foreign, unknown", `/gov/ningbo-yinzhou/complaints/${UNKNOWN_COMPLAINT}`, signedIn(404)),
    ],
  },
  {
    files: ["admin_.queues.tsx"],
    checks: [
      get("queue dashboard", "/admin/queues", platformOnly(200)),
      post("retry a job, empty form", "/admin/queues", platformOnly(400)),
    ],
  },
];
