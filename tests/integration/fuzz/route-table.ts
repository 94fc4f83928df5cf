import type { FuzzWorld, Role } from "./fuzz-world";

/**
 * Every route that takes input from the outside, one row each: what to fuzz (its action, or the
 * loader of a JSON API), as whom, with which params, and the names its forms use. A new route is
 * one row; route-table.test.ts fails when a route file with an action is missing here.
 */
export type RouteModule = {
  action?: (args: never) => Promise<unknown> | unknown;
  loader?: (args: never) => Promise<unknown> | unknown;
};

export type RouteRow = {
  /** The file under app/routes. */
  file: string;
  load: () => Promise<RouteModule>;
  /** Which test file runs it (each builds its own world, so they run side by side). */
  area: "gov" | "org" | "public";
  /** `loader`: a GET API whose query string is fuzzed instead of a body. */
  fuzz?: "action" | "loader";
  /** Who posts (null: nobody signed in; the cookie is then fuzzed too). */
  as: Role | null;
  params?: (w: FuzzWorld) => Record<string, string>;
  /** Query string the page's own forms carry (besides a query intent). */
  query?: (w: FuzzWorld) => Record<string, string>;
  fields?: readonly string[];
  intents?: readonly string[];
  /** Where the intent travels: a hidden field (default) or the form's action URL. */
  intentIn?: "body" | "query";
  choices?: readonly string[];
  /** File inputs of the form. */
  files?: readonly string[];
  /**
   * Why a post the fuzzer happens to make well-formed may be accepted and write (e.g. free text
   * that is valid whatever it says). Without it, every case must be refused.
   */
  mayWrite?: string;
  /** Tables a refused post still writes on purpose (e.g. a failed sign-in is audited), and why. */
  refusalWrites?: { tables: readonly string[]; why: string };
  /** Sends a Stripe-Signature header (webhooks). */
  signed?: boolean;
};

const REGISTRATION_CHANGES = ["suspend", "reinstate", "revoke", "close"];
const REVIEW_INTENTS = ["assign", "startReview", "approve", "reject", "requestChanges"];
const CHANGE_ROWS = [1, 2].flatMap((n) => [`field${n}`, `other${n}`, `comment${n}`]);
const hangzhou = () => ({ authority: "hangzhou" });
const draft = (w: FuzzWorld) => ({ institutionId: w.draftInstitutionId });
const seller = (w: FuzzWorld) => ({ institutionId: w.sellerId });

export const ROUTES: readonly RouteRow[] = [
  // ——— The regulator's pages (a city admin of Hangzhou) ———
  {
    file: "gov.$authority.calendar.tsx",
    load: () => import("~/routes/gov.$authority.calendar"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["day", "working", "name"],
    intents: ["set", "remove"],
    choices: ["yes", "no"],
    mayWrite: "a day and a name of any text are a valid calendar entry",
  },
  {
    file: "gov.$authority.complaints.$complaintId.tsx",
    load: () => import("~/routes/gov.$authority.complaints.$complaintId"),
    area: "gov",
    as: "cityAdmin",
    params: (w) => ({ authority: "hangzhou", complaintId: w.complaintId }),
    fields: ["note", "assigneeId", "outcome"],
    intents: ["triage", "assign", "resolve", "dismiss"],
    mayWrite: "triage takes an optional note of any text",
  },
  {
    file: "gov.$authority.disputes.tsx",
    load: () => import("~/routes/gov.$authority.disputes"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["attendanceId", "refundId", "note"],
    intents: ["releaseLesson", "refundLesson", "approveRefund", "rejectRefund"],
  },
  {
    file: "gov.$authority.draws._index.tsx",
    load: () => import("~/routes/gov.$authority.draws._index"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["periodStart", "periodEnd", "seed"],
    intents: ["run"],
    mayWrite: "two ordered days and any seed run a draw",
  },
  {
    file: "gov.$authority.inspections.$taskId.tsx",
    load: () => import("~/routes/gov.$authority.inspections.$taskId"),
    area: "gov",
    as: "inspector",
    params: (w) => ({ authority: "hangzhou-xihu", taskId: w.taskId }),
    fields: ["itemId", "result", "note", "outcome", "summary", "rectificationDeadline"],
    intents: ["start", "item", "finish"],
    choices: ["PASS", "FAIL", "NOTE", "NOT_CHECKED", "PASSED", "RECTIFICATION", "PENALTY", "SUSPENSION"],
    files: ["photos"],
    mayWrite: "starting an inspection takes no field; a summary of any text finishes it",
  },
  {
    file: "gov.$authority.inspections._index.tsx",
    load: () => import("~/routes/gov.$authority.inspections._index"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["institutionId", "dueOn", "assignedToId"],
    intents: ["createTask"],
    mayWrite: "a supervised institution and a day open a task",
  },
  {
    file: "gov.$authority.institutions.$institutionId.tsx",
    load: () => import("~/routes/gov.$authority.institutions.$institutionId"),
    area: "gov",
    as: "cityAdmin",
    params: (w) => ({ authority: "hangzhou", institutionId: w.sellerId }),
    fields: ["reason"],
    intents: REGISTRATION_CHANGES,
    mayWrite: "a reason of any text suspends, revokes or closes a registration",
  },
  {
    file: "gov.$authority.members.tsx",
    load: () => import("~/routes/gov.$authority.members"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["email", "role", "invitationId"],
    intents: ["invite", "revoke"],
    intentIn: "query",
    choices: ["REGULATOR_ADMIN", "INSPECTOR"],
    mayWrite: "a well-formed address and role are invited",
  },
  {
    file: "gov.$authority.rectifications.$orderId.tsx",
    load: () => import("~/routes/gov.$authority.rectifications.$orderId"),
    area: "gov",
    as: "cityAdmin",
    params: (w) => ({ authority: "hangzhou", orderId: w.orderId }),
    fields: ["acceptNote", "rejectReason", "withdrawReason"],
    intents: ["accept", "reject", "withdraw"],
    mayWrite: "a reason of any text withdraws an order",
  },
  {
    file: "gov.$authority.rectifications.new.tsx",
    load: () => import("~/routes/gov.$authority.rectifications.new"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    query: (w) => ({ institution: w.draftInstitutionId }),
    fields: ["findingIds", "deadline", "instructions"],
    mayWrite: "a real finding, a day in range and any instructions issue an order",
  },
  {
    file: "gov.$authority.reviews.$filingId.tsx",
    load: () => import("~/routes/gov.$authority.reviews.$filingId"),
    area: "gov",
    as: "cityAdmin",
    params: (w) => ({ authority: "hangzhou", filingId: w.submittedFilingId }),
    fields: ["reviewerId", "rejectReason", "reason", ...CHANGE_ROWS],
    intents: REVIEW_INTENTS,
    mayWrite: "assigning a real reviewer or starting a review takes no free text",
  },
  {
    file: "gov.$authority.reviews._index.tsx",
    load: () => import("~/routes/gov.$authority.reviews._index"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["filingId", "reviewerId"],
    intents: ["assign"],
    mayWrite: "a real filing and reviewer are an assignment",
  },
  {
    file: "gov.$authority.settings.tsx",
    load: () => import("~/routes/gov.$authority.settings"),
    area: "gov",
    as: "cityAdmin",
    params: hangzhou,
    fields: ["key", "effectiveFrom", "value", "days", "from", "to"],
    intents: ["set", "remove", "cancel"],
    choices: ["FEE-03.maxAmountFen", "FEE-01.maxMonths", "FEE-07.enabled", "VEN-03.enabled", "on", "off"],
    mayWrite: "a known parameter, a future day and a value in range are an override",
  },
  {
    file: "admin_.queues.tsx",
    load: () => import("~/routes/admin_.queues"),
    area: "gov",
    as: "platformAdmin",
    fields: ["queue", "jobId"],
    intents: ["retry"],
    choices: ["maintenance", "notifications", "compliance", "escrow", "risk"],
  },

  // ——— The institution's pages (the admin of a draft filing, and of a registered seller) ———
  {
    file: "org.$institutionId._index.tsx",
    load: () => import("~/routes/org.$institutionId._index"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    fields: ["kind"],
    choices: ["INITIAL", "CHANGE", "ANNUAL"],
  },
  {
    file: "org.$institutionId.filing.entity.tsx",
    load: () => import("~/routes/org.$institutionId.filing.entity"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    fields: ["name", "creditCode", "legalRepresentative", "contactName", "contactPhone", "registeredAddress", "sports"],
    choices: ["swimming", "football", "chess"],
    mayWrite: "a draft saves any well-formed step",
  },
  {
    file: "org.$institutionId.filing.venues.tsx",
    load: () => import("~/routes/org.$institutionId.filing.venues"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    fields: [
      "id",
      "name",
      "address",
      "trainingAreaM2",
      "floor",
      "underground",
      "residential",
      "isPool",
      "poolWaterAreaM2",
      "poolDepthMinM",
      "poolDepthMaxM",
      "aed",
    ],
    intents: ["remove"],
    intentIn: "query",
    choices: ["on"],
    files: ["fireSafetyFile"],
    mayWrite: "a draft saves any well-formed step",
  },
  {
    file: "org.$institutionId.filing.staff.tsx",
    load: () => import("~/routes/org.$institutionId.filing.staff"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    fields: [
      "id",
      "name",
      "fullTime",
      "certificates.0.id",
      "certificates.0.type",
      "certificates.0.number",
      "certificates.0.expiresOn",
      "safetyOfficerName",
      "safetyOfficerPhone",
      "firstAid.0.name",
      "firstAid.0.certificateNumber",
      "firstAid.0.expiresOn",
    ],
    intents: ["remove", "safety"],
    intentIn: "query",
    choices: ["on", "COACH_LEVEL_1", "LIFEGUARD"],
    files: ["photo", "scan.x"],
    mayWrite: "a draft saves any well-formed step",
  },
  {
    file: "org.$institutionId.filing.courses.tsx",
    load: () => import("~/routes/org.$institutionId.filing.courses"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    fields: [
      "id",
      "name",
      "sport",
      "ageMin",
      "ageMax",
      "classSize",
      "coachesPerClass",
      "lessonMinutes",
      "lessonCount",
      "priceYuan",
      "online",
      "slots.0.id",
      "slots.0.weekday",
      "slots.0.startTime",
      "slots.0.endTime",
      "slots.0.venueId",
    ],
    intents: ["remove"],
    intentIn: "query",
    choices: ["swimming", "on"],
    mayWrite: "a draft saves any well-formed step",
  },
  {
    file: "org.$institutionId.filing.documents.tsx",
    load: () => import("~/routes/org.$institutionId.filing.documents"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    fields: ["insuranceExpiresOn", "permits.0.sport", "permits.0.number", "permits.0.expiresOn"],
    choices: ["swimming", "diving"],
    files: ["businessLicense", "venueLease", "fireSafetyAcceptance", "insurancePolicy", "permitFile.0"],
    mayWrite: "a draft saves any well-formed step",
  },
  {
    file: "org.$institutionId.compliance.rectifications.$orderId.tsx",
    load: () => import("~/routes/org.$institutionId.compliance.rectifications.$orderId"),
    area: "org",
    as: "draftAdmin",
    params: (w) => ({ institutionId: w.draftInstitutionId, orderId: w.orderId }),
    fields: ["text"],
    files: ["evidence"],
    mayWrite: "an answer of any text is an answer",
  },
  {
    file: "org.$institutionId.escrow.tsx",
    load: () => import("~/routes/org.$institutionId.escrow"),
    area: "org",
    as: "sellerAdmin",
    params: seller,
    fields: ["refundId", "response"],
    intents: ["enableFundsSupervision", "acceptRefund", "contestRefund"],
    mayWrite: "enabling funds supervision takes no field",
  },
  {
    file: "org.$institutionId.lessons.tsx",
    load: () => import("~/routes/org.$institutionId.lessons"),
    area: "org",
    as: "sellerAdmin",
    params: seller,
    fields: ["courseId", "lessonDate", "startTime", "endTime", "enrollmentIds"],
    mayWrite: "a real course and enrollment on a recent day record a lesson",
  },
  {
    file: "org.$institutionId.safety-logs.tsx",
    load: () => import("~/routes/org.$institutionId.safety-logs"),
    area: "org",
    as: "sellerAdmin",
    params: seller,
    fields: [
      "venueId",
      "logDate",
      "notes",
      "sessions.0.startTime",
      "sessions.0.endTime",
      "sessions.0.lifeguardsOnDuty",
      "sessions.0.lifeguardNames",
      "sessions.0.freeChlorineMgL",
      "sessions.0.ph",
      "sessions.0.ureaMgL",
    ],
    mayWrite: "a pool of the institution and readings in range are a log",
  },
  // Last of its file: a withdrawal ends the draft the rows above post to.
  {
    file: "org.$institutionId.filing.review.tsx",
    load: () => import("~/routes/org.$institutionId.filing.review"),
    area: "org",
    as: "draftAdmin",
    params: draft,
    intents: ["withdraw"],
    intentIn: "query",
    mayWrite: "withdrawing a draft takes no field",
  },

  // ——— Public, parent and sign-in pages, and the APIs ———
  {
    file: "account.tsx",
    load: () => import("~/routes/account"),
    area: "public",
    as: "parent",
    intents: ["signOutOthers"],
    mayWrite: "signing out the other sessions takes no field",
  },
  {
    file: "account_.enrollments.$enrollmentId.tsx",
    load: () => import("~/routes/account_.enrollments.$enrollmentId"),
    area: "public",
    as: "parent",
    params: (w) => ({ enrollmentId: w.enrollmentId }),
    fields: ["attendanceId", "reason"],
    intents: ["confirm", "dispute", "requestRefund"],
    mayWrite: "a refund request needs only a reason of two characters",
  },
  {
    file: "institutions.$registrationNo_.complain.tsx",
    load: () => import("~/routes/institutions.$registrationNo_.complain"),
    area: "public",
    as: "parent",
    params: (w) => ({ registrationNo: w.registrationNo }),
    fields: ["category", "description", "enrollmentId"],
    choices: ["SAFETY", "FALSE_ADVERTISING", "FEES_REFUNDS", "OTHER"],
    files: ["photos"],
    mayWrite: "a category and ten characters of any text are a complaint",
  },
  {
    file: "institutions.$registrationNo_.courses.$courseId.enroll.tsx",
    load: () => import("~/routes/institutions.$registrationNo_.courses.$courseId.enroll"),
    area: "public",
    as: "parent",
    params: (w) => ({ registrationNo: w.registrationNo, courseId: w.courseId }),
    fields: ["traineeName", "traineeBirthYear", "lessons", "contractSha256", "acceptContract"],
    intents: ["preview", "pay"],
    choices: ["on"],
  },
  {
    file: "pay.simulated.$sessionId.tsx",
    load: () => import("~/routes/pay.simulated.$sessionId"),
    area: "public",
    as: "parent",
    params: (w) => ({ sessionId: w.checkoutSessionId }),
    intents: ["succeed", "fail"],
    mayWrite: "the simulated checkout is answered by its intent alone",
  },
  {
    file: "locale.ts",
    load: () => import("~/routes/locale"),
    area: "public",
    as: "parent",
    fields: ["lng", "redirectTo"],
    choices: ["zh-CN", "en"],
    mayWrite: "a known language is saved on the account",
  },
  {
    file: "logout.ts",
    load: () => import("~/routes/logout"),
    area: "public",
    as: null,
  },
  {
    file: "login.tsx",
    load: () => import("~/routes/login"),
    area: "public",
    as: null,
    fields: ["email", "password", "redirectTo"],
    refusalWrites: { tables: ["audit_event"], why: "a failed sign-in to a known account is audited" },
  },
  {
    file: "forgot-password.tsx",
    load: () => import("~/routes/forgot-password"),
    area: "public",
    as: null,
    fields: ["email"],
    mayWrite: "a known address is sent a reset link",
  },
  {
    file: "reset-password.$token.tsx",
    load: () => import("~/routes/reset-password.$token"),
    area: "public",
    as: null,
    params: () => ({ token: "A".repeat(43) }),
    fields: ["password", "confirmPassword"],
  },
  {
    file: "invitations.$token.tsx",
    load: () => import("~/routes/invitations.$token"),
    area: "public",
    as: null,
    params: (w) => ({ token: w.invitationToken }),
    fields: ["displayName", "password", "confirmPassword"],
  },
  {
    file: "signup.parent.tsx",
    load: () => import("~/routes/signup.parent"),
    area: "public",
    as: null,
    fields: ["email", "displayName", "password", "confirmPassword"],
    mayWrite: "a new address, a name and a strong password are an account",
  },
  {
    file: "signup.institution.tsx",
    load: () => import("~/routes/signup.institution"),
    area: "public",
    as: null,
    fields: ["email", "displayName", "password", "confirmPassword", "institutionName", "authorityId"],
    mayWrite: "a new address, a name, a strong password and a district are an account",
  },
  {
    file: "webhooks.stripe.ts",
    load: () => import("~/routes/webhooks.stripe"),
    area: "public",
    as: null,
    fields: ["id", "type", "data"],
    signed: true,
  },
  {
    file: "api.v1.institutions._index.ts",
    load: () => import("~/routes/api.v1.institutions._index"),
    area: "public",
    fuzz: "loader",
    as: null,
    fields: ["q", "sport", "district", "page", "pageSize", "status"],
    choices: ["swimming", "football"],
  },
  {
    file: "api.v1.institutions.$registrationNo.ts",
    load: () => import("~/routes/api.v1.institutions.$registrationNo"),
    area: "public",
    fuzz: "loader",
    as: null,
    params: (w) => ({ registrationNo: w.registrationNo }),
    fields: ["include", "lang"],
  },
  {
    file: "api.v1.openapi[.json].ts",
    load: () => import("~/routes/api.v1.openapi[.json]"),
    area: "public",
    fuzz: "loader",
    as: null,
    fields: ["format"],
  },
];

/** The URL of a route file with its params filled in (Remix's flat-routes naming). */
export function routePath(file: string, params: Record<string, string>): string {
  const name = file.replace(/\.(tsx|ts)$/, "");
  const segments = name.match(/(\[[^\]]*\]|[^.[\]]+)+/g) ?? [];
  const parts: string[] = [];
  for (const raw of segments) {
    const segment = raw.replace(/\[([^\]]*)\]/g, "$1").replace(/_$/, "");
    if (segment === "_index" || segment === "" || segment.startsWith("_")) continue;
    if (segment.startsWith("$")) {
      const key = segment.slice(1);
      parts.push(encodeURIComponent(params[key] ?? ""));
    } else parts.push(segment);
  }
  return `/${parts.join("/")}`;
}
