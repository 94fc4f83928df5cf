import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { DEMO_PLACEHOLDER_KEY_PREFIX } from "~/lib/storage/demo-placeholders";
import { seedEscrowDemo } from "../../../prisma/seed/escrow-demo";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import { stableId } from "../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../support/demo-database";
import { callAction, callLoader } from "../modules/registry/review-fixtures";

// Every route whose URL takes an id, tried by a signed-in person with the id of a record of
// another tenant (Ningbo for Hangzhou, Binjiang for the Xihu inspector, another institution for an
// institution's people) or of another parent. Each loader and action is called on its own, as a
// client-side navigation or a form post would (a layout's 404 does not protect its children's
// loaders there), and must answer 404 with nothing of the record in the body. A route file with a
// $param and no row fails the first test.

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const user = (email: string) => stableId("user", email);
const authority = (code: string) => stableId("authority", code);
const HANGZHOU_ADMIN = user("hangzhou.admin@tipei.example");
const XIHU_INSPECTOR = user("xihu.inspector@tipei.example");
const XIHU_ADMIN = user("xihu.swim@tipei.example");
const XIHU_STAFF = user("xihu.swim.staff@tipei.example");
const PARENT = user("parent@tipei.example");
const OTHER_PARENT = user("parent.en@tipei.example");
const XIHU_SWIM = stableId("institution", "xihu-swim");
const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");
const BINJIANG_CHESS = stableId("institution", "binjiang-chess");
const CANARY = "CANARY-FOREIGN-7f3a";

/** The foreign records, created in beforeAll. */
const ids = {
  ningboComplaint: "",
  otherParentsComplaint: "",
  ningboOrder: "",
  ningboTask: "",
  binjiangTask: "",
  ningboFiling: "",
  binjiangFiling: "",
  ningboFile: "",
  binjiangFile: "",
  otherParentsEnrollment: "",
  otherParentsSession: "",
  sellerNo: "",
  foreignCourse: "",
};

type Attack = { label: string; who: string; url: string; params: Record<string, string> };
type Row = { file: string; attacks: () => Attack[] } | { file: string; exempt: string };

const govRoute = (file: string) => file.startsWith("gov.$authority");
const orgRoute = (file: string) => file.startsWith("org.$institutionId");

/** The path a route file answers, with params filled in (for the Request's URL only). */
function urlOf(file: string, params: Record<string, string>): string {
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, "")
    .replace(/\[(.*?)\]/g, "$1")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? (params[s.slice(1)] ?? s) : s));
  return `/${segments.join("/")}`;
}

/** The extra id a gov or org child route takes, mapped to the foreign record of that kind. */
function foreignChild(file: string, where: "ningbo" | "binjiang"): Record<string, string> {
  const ningbo = where === "ningbo";
  if (file.includes("$complaintId")) return { complaintId: ids.ningboComplaint };
  if (file.includes("$orderId")) return { orderId: ids.ningboOrder };
  if (file.includes("$taskId")) return { taskId: ningbo ? ids.ningboTask : ids.binjiangTask };
  if (file.includes("$filingId")) return { filingId: ningbo ? ids.ningboFiling : ids.binjiangFiling };
  if (file.includes("$institutionId")) return { institutionId: ningbo ? YINZHOU_FOOTBALL : BINJIANG_CHESS };
  return {};
}

function govAttacks(file: string): Attack[] {
  const attack = (label: string, who: string, slug: string, where: "ningbo" | "binjiang"): Attack => {
    const params = { authority: slug, ...foreignChild(file, where) };
    return { label, who, params, url: urlOf(file, params) };
  };
  const attacks = [
    attack("Hangzhou's admin in Ningbo's workspace", HANGZHOU_ADMIN, "ningbo-yinzhou", "ningbo"),
    attack("the Xihu inspector in Binjiang's workspace", XIHU_INSPECTOR, "hangzhou-binjiang", "binjiang"),
  ];
  if (Object.keys(foreignChild(file, "ningbo")).length > 0) {
    // The record of another tenant under the attacker's own workspace.
    attacks.push(
      attack("Hangzhou's admin, a Ningbo record in Hangzhou's workspace", HANGZHOU_ADMIN, "hangzhou", "ningbo"),
    );
    attacks.push(
      attack("the Xihu inspector, a Binjiang record in Xihu's workspace", XIHU_INSPECTOR, "hangzhou-xihu", "binjiang"),
    );
  }
  return attacks;
}

function orgAttacks(file: string): Attack[] {
  const attack = (label: string, who: string, params: Record<string, string>): Attack => ({
    label,
    who,
    params,
    url: urlOf(file, params),
  });
  const orderId: Record<string, string> = file.includes("$orderId") ? { orderId: ids.ningboOrder } : {};
  const attacks = [
    attack("Xihu Swim's admin in another institution", XIHU_ADMIN, { institutionId: YINZHOU_FOOTBALL, ...orderId }),
    attack("Xihu Swim's staff in another institution", XIHU_STAFF, { institutionId: YINZHOU_FOOTBALL, ...orderId }),
    attack("a parent in an institution's workspace", PARENT, { institutionId: XIHU_SWIM, ...orderId }),
  ];
  if (file.includes("$orderId")) {
    attacks.push(
      attack("Xihu Swim's admin, another's order under its own id", XIHU_ADMIN, {
        institutionId: XIHU_SWIM,
        ...orderId,
      }),
    );
  }
  return attacks;
}

const single = (label: string, who: string, file: string, params: () => Record<string, string>) => () => [
  { label, who, params: params(), url: urlOf(file, params()) },
];

const ROWS: Row[] = [
  {
    file: "account_.complaints.$complaintId.tsx",
    attacks: single("another parent's complaint", PARENT, "account_.complaints.$complaintId.tsx", () => ({
      complaintId: ids.otherParentsComplaint,
    })),
  },
  {
    file: "account_.enrollments.$enrollmentId.tsx",
    attacks: single("another parent's enrollment", PARENT, "account_.enrollments.$enrollmentId.tsx", () => ({
      enrollmentId: ids.otherParentsEnrollment,
    })),
  },
  {
    file: "pay.simulated.$sessionId.tsx",
    attacks: single("another parent's checkout", PARENT, "pay.simulated.$sessionId.tsx", () => ({
      sessionId: ids.otherParentsSession,
    })),
  },
  {
    file: "files.$fileId.tsx",
    attacks: () =>
      [
        ["Xihu Swim's admin, a Ningbo institution's file", XIHU_ADMIN, ids.ningboFile],
        ["Hangzhou's admin, a Ningbo institution's file", HANGZHOU_ADMIN, ids.ningboFile],
        ["the Xihu inspector, a Binjiang institution's file", XIHU_INSPECTOR, ids.binjiangFile],
        ["a parent, an institution's file", PARENT, ids.ningboFile],
      ].map(([label = "", who = "", fileId = ""]) => ({ label, who, params: { fileId }, url: `/files/${fileId}` })),
  },
  {
    file: "coach-photos.$fileId.tsx",
    attacks: single("a private document through the public photo route", PARENT, "coach-photos.$fileId.tsx", () => ({
      fileId: ids.ningboFile,
    })),
  },
  {
    file: "institutions.$registrationNo_.courses.$courseId.enroll.tsx",
    attacks: single(
      "another institution's course under a registration number",
      PARENT,
      "institutions.$registrationNo_.courses.$courseId.enroll.tsx",
      () => ({ registrationNo: ids.sellerNo, courseId: ids.foreignCourse }),
    ),
  },
  // Public by design: what they show is the public profile of a registered institution. Their
  // own tests (tests/integration/modules/public) prove drafts and private fields never show.
  ...[
    "api.v1.institutions.$registrationNo.ts",
    "i.$registrationNo.ts",
    "institutions.$registrationNo.qr[.svg].ts",
    "institutions.$registrationNo.tsx",
    "institutions.$registrationNo_.complain.tsx",
  ].map((file) => ({ file, exempt: "public registry: the registration number is public, no tenant data" })),
  {
    file: "invitations.$token.tsx",
    exempt:
      "a bearer token, not an id: only its hash is stored (tests/integration/modules/identity/invitations.test.ts)",
  },
  {
    file: "reset-password.$token.tsx",
    exempt:
      "a bearer token, not an id: only its hash is stored (tests/integration/modules/identity/password-reset.test.ts)",
  },
  {
    file: "dev.mail.$id.tsx",
    exempt: "the development mail viewer: off in production (mailViewerEnabled, tests/unit/lib/env.test.ts)",
  },
  { file: "$.tsx", exempt: "the not-found page: its splat is no id" },
];

const ROUTE_FILES = readdirSync(path.resolve("app/routes")).filter((f) => f.includes("$"));
const allRows: Row[] = [
  ...ROWS,
  ...ROUTE_FILES.filter(govRoute).map((file) => ({ file, attacks: () => govAttacks(file) })),
  ...ROUTE_FILES.filter(orgRoute).map((file) => ({ file, attacks: () => orgAttacks(file) })),
];

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
  await seedEscrowDemo(owner, "2026-12-03");
  const yinzhou = authority("330212");
  const binjiang = authority("330108");
  const complaint = (institutionId: string, authorityId: string, parentUserId: string) =>
    owner.complaint.create({
      data: { institutionId, authorityId, parentUserId, category: "SAFETY", description: `${CANARY} complaint` },
    });
  ids.ningboComplaint = (await complaint(YINZHOU_FOOTBALL, yinzhou, OTHER_PARENT)).id;
  ids.otherParentsComplaint = (await complaint(XIHU_SWIM, authority("330106"), OTHER_PARENT)).id;
  ids.ningboOrder = (
    await owner.rectificationOrder.create({
      data: {
        institutionId: YINZHOU_FOOTBALL,
        authorityId: yinzhou,
        issuingAuthorityId: yinzhou,
        instructions: `${CANARY} order`,
        deadline: new Date("2027-01-31"),
      },
    })
  ).id;
  const task = (institutionId: string, authorityId: string) =>
    owner.inspectionTask.create({
      data: { institutionId, authorityId, origin: "MANUAL", dueOn: new Date("2027-01-31") },
    });
  ids.ningboTask = (await task(YINZHOU_FOOTBALL, yinzhou)).id;
  ids.binjiangTask = (await task(BINJIANG_CHESS, binjiang)).id;
  const filing = (institutionId: string, authorityId: string) =>
    owner.filing.create({
      data: {
        institutionId,
        authorityId,
        kind: "INITIAL",
        status: "SUBMITTED",
        draft: { note: CANARY },
        snapshot: { note: CANARY },
        submittedAt: new Date(),
      },
    });
  ids.ningboFiling = (await filing(YINZHOU_FOOTBALL, yinzhou)).id;
  ids.binjiangFiling = (await filing(BINJIANG_CHESS, binjiang)).id;
  const file = (institutionId: string, authorityId: string) =>
    owner.storedFile.create({
      data: {
        institutionId,
        authorityId,
        purpose: "businessLicense",
        originalName: `${CANARY}.pdf`,
        contentType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
        // The demo placeholder is served without a storage backend (app/lib/storage/demo-placeholders.ts).
        storageKey: `${DEMO_PLACEHOLDER_KEY_PREFIX}${randomUUID()}`,
      },
    });
  ids.ningboFile = (await file(YINZHOU_FOOTBALL, yinzhou)).id;
  ids.binjiangFile = (await file(BINJIANG_CHESS, binjiang)).id;

  const enrollment = await owner.enrollment.findFirstOrThrow({
    where: { parentUserId: OTHER_PARENT },
    select: { id: true, institutionId: true, traineeName: true },
  });
  ids.otherParentsEnrollment = enrollment.id;
  const payment = await owner.payment.findFirstOrThrow({ where: { enrollmentId: enrollment.id } });
  ids.otherParentsSession = payment.checkoutSessionId ?? `sim_cs_${randomUUID().replace(/-/g, "")}`;
  if (!payment.checkoutSessionId) {
    await owner.payment.update({ where: { id: payment.id }, data: { checkoutSessionId: ids.otherParentsSession } });
  }
  const seller = await owner.institution.findUniqueOrThrow({ where: { id: enrollment.institutionId } });
  ids.sellerNo = seller.registrationNo ?? "";
  ids.foreignCourse = (
    await owner.course.findFirstOrThrow({ where: { institutionId: { not: seller.id }, active: true } })
  ).id;
}, 120_000);

describe("routes that take an id", () => {
  it("each has a row: tried with foreign ids, or exempt with a reason", () => {
    const covered = new Set(allRows.map((r) => r.file));
    expect(ROUTE_FILES.filter((f) => !covered.has(f))).toEqual([]);
    expect([...covered].filter((f) => !ROUTE_FILES.includes(f))).toEqual([]);
  });

  it("answer 404 to another tenant's and another parent's ids, from the loader and the action alike", async () => {
    const leaks: string[] = [];
    let tried = 0;
    const auditBefore = await owner.auditEvent.count();
    for (const row of allRows) {
      if ("exempt" in row) continue;
      const mod = (await import(path.resolve("app/routes", row.file))) as {
        loader?: Parameters<typeof callLoader>[0];
        action?: Parameters<typeof callAction>[0];
      };
      for (const attack of row.attacks()) {
        for (const value of Object.values(attack.params)) expect(value, `${row.file}: ${attack.label}`).not.toBe("");
        const answers = [];
        if (mod.loader)
          answers.push(["GET", await callLoader(mod.loader, attack.url, attack.params, attack.who)] as const);
        if (mod.action) {
          answers.push([
            "POST",
            await callAction(mod.action, attack.url, attack.params, attack.who, { intent: "start" }),
          ] as const);
        }
        for (const [method, answer] of answers) {
          tried++;
          const body = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? "");
          if (answer.status !== 404 || body.includes(CANARY)) {
            leaks.push(`${method} ${row.file} (${attack.label}): ${answer.status} ${body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(100);
    // A refused post changes nothing, so it records nothing either.
    expect(await owner.auditEvent.count()).toBe(auditBefore);
  }, 120_000);

  // The control: the same ids in their own tenant's hands open the page, so the 404s above come
  // from the tenancy checks and not from ids or params the routes cannot read.
  it("open for their own tenant and parent with the same ids", async () => {
    const NINGBO_ADMIN = user("ningbo.admin@tipei.example");
    const YINZHOU_ADMIN = user("yinzhou.football@tipei.example");
    const owners: [string, string, Record<string, string>][] = [
      [
        "gov.$authority.complaints.$complaintId.tsx",
        NINGBO_ADMIN,
        { authority: "ningbo-yinzhou", complaintId: ids.ningboComplaint },
      ],
      [
        "gov.$authority.rectifications.$orderId.tsx",
        NINGBO_ADMIN,
        { authority: "ningbo-yinzhou", orderId: ids.ningboOrder },
      ],
      ["gov.$authority.inspections.$taskId.tsx", NINGBO_ADMIN, { authority: "ningbo-yinzhou", taskId: ids.ningboTask }],
      [
        "gov.$authority.institutions.$institutionId.tsx",
        NINGBO_ADMIN,
        { authority: "ningbo-yinzhou", institutionId: YINZHOU_FOOTBALL },
      ],
      [
        "gov.$authority.reviews.$filingId.tsx",
        NINGBO_ADMIN,
        { authority: "ningbo-yinzhou", filingId: ids.ningboFiling },
      ],
      [
        "org.$institutionId.compliance.rectifications.$orderId.tsx",
        YINZHOU_ADMIN,
        { institutionId: YINZHOU_FOOTBALL, orderId: ids.ningboOrder },
      ],
      ["org.$institutionId.filing.tsx", YINZHOU_ADMIN, { institutionId: YINZHOU_FOOTBALL }],
      ["files.$fileId.tsx", NINGBO_ADMIN, { fileId: ids.ningboFile }],
      ["account_.complaints.$complaintId.tsx", OTHER_PARENT, { complaintId: ids.otherParentsComplaint }],
      ["account_.enrollments.$enrollmentId.tsx", OTHER_PARENT, { enrollmentId: ids.otherParentsEnrollment }],
      ["pay.simulated.$sessionId.tsx", OTHER_PARENT, { sessionId: ids.otherParentsSession }],
    ];
    const statuses: string[] = [];
    for (const [file, who, params] of owners) {
      const mod = (await import(path.resolve("app/routes", file))) as { loader: Parameters<typeof callLoader>[0] };
      const answer = await callLoader(mod.loader, urlOf(file, params), params, who);
      statuses.push(`${file}: ${answer.status}`);
    }
    expect(statuses).toEqual(owners.map(([file]) => `${file}: 200`));
  });
});
