import { stableId } from "../../../prisma/seed/stable-id.ts";
import { all, type Expect, get, post, type RouteRow, signedIn } from "./matrix.ts";

// The parent's side of the escrow. Enrolling: the course of a registered institution is public,
// so an unknown institution or course is 404 for everyone; a real one sends the signed-out to
// sign in, is the parents' (200; an empty post is refused as a form, 400) and 403 for every other
// account. The registry demo's 330106-05 (registered as 330106-2024-0001, funds supervision on) sells
// its first course. The demo seed has no enrollments: 我的报名 is each signed-in person's own list
// (empty, 200); an enrollment or a checkout session that is not theirs is 404, as is an unknown one.
const REGISTRATION_NO = "330106-2024-0001";
const COURSE = stableId("course", "registry-demo:330106-05:0");
const ENROLL = `/institutions/${REGISTRATION_NO}/courses/${COURSE}/enroll`;
const UNKNOWN_COURSE = `/institutions/${REGISTRATION_NO}/courses/${stableId("course", "no-such-course")}/enroll`;
const UNKNOWN_NO = `/institutions/330106-2099-0000/courses/${COURSE}/enroll`;
const UNKNOWN_ENROLLMENT = `/account/enrollments/${stableId("enrollment", "no-such-enrollment")}`;
const UNKNOWN_SESSION = "/pay/simulated/sim_cs_00000000000000000000000000000000";

const parentsOnly = (status: number): Expect => ({ ...signedIn(403), parent: status });

export const ROWS: RouteRow[] = [
  {
    files: ["institutions.$registrationNo_.courses.$courseId.enroll.tsx"],
    checks: [
      get("enroll in a course", ENROLL, parentsOnly(200)),
      post("enroll in a course, empty form", ENROLL, parentsOnly(400)),
      get("enroll, unknown course", UNKNOWN_COURSE, all(404)),
      get("enroll, unknown registration number", UNKNOWN_NO, all(404)),
      get("enroll, malformed course id", `/institutions/${REGISTRATION_NO}/courses/not-a-uuid/enroll`, all(404)),
      post("enroll, unknown course", UNKNOWN_COURSE, all(404)),
    ],
  },
  {
    files: ["pay.simulated.$sessionId.tsx"],
    checks: [
      get("simulated checkout, unknown session", UNKNOWN_SESSION, signedIn(404)),
      post("simulated checkout, unknown session", UNKNOWN_SESSION, signedIn(404)),
    ],
  },
  {
    files: ["account_.enrollments._index.tsx"],
    checks: [get("my enrollments", "/account/enrollments", signedIn(200))],
  },
  {
    files: ["account_.enrollments.$enrollmentId.tsx"],
    checks: [
      get("an enrollment, unknown", UNKNOWN_ENROLLMENT, signedIn(404)),
      get("an enrollment, malformed id", "/account/enrollments/not-a-uuid", signedIn(404)),
      post("answer on an enrollment, unknown", UNKNOWN_ENROLLMENT, signedIn(404)),
    ],
  },
];
