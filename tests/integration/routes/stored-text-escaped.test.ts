import path from "node:path";
import type { ComponentType } from "react";
import { Prisma } from "~/generated/prisma/client.ts";
import { seedEscrowDemo } from "../../../prisma/seed/escrow-demo";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import { stableId } from "../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../support/demo-database";
import { callLoader, renderPage } from "../modules/registry/review-fixtures";

// Script and HTML payloads stored in every free-text field people write (an institution's filing:
// names, addresses, representatives, coaches, certificates, safety staff, documents' names; the
// projection tables the regulators read; parents' trainee names, complaints, refund reasons and
// disputes; institutions' answers; regulators' instructions, notes, reasons, decisions and holiday
// names; people's display names), then every page that shows them rendered as its first HTML, for
// the person who sees it. No payload may come out as markup, and each page must show at least one
// of them escaped, so the check cannot pass on a page that showed none.

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const PAYLOADS = [
  `<script>alert("XSS")</script>`,
  `"><img src=x onerror=alert("XSS")>`,
  `javascript:alert("XSS")`,
  `</title><script>alert("XSS")</script>`,
  `'><svg onload=alert("XSS")>`,
];
let next = 0;
const payload = () => PAYLOADS[next++ % PAYLOADS.length] as string;

/** Markup a payload would become if it were not escaped. */
const UNESCAPED = [
  /<script>alert/i,
  /<img src=x/i,
  /<svg onload/i,
  /<\/title><script/i,
  /\s(href|src|action|formaction)\s*=\s*["']?\s*javascript:/i,
];
const ESCAPED = /&lt;(script|img|svg|\/title)|javascript:alert\(&quot;XSS/;

// Keys of registration content (app/modules/registry/content.ts) and of the public profile that
// hold what the applicant typed.
const FREE_TEXT_KEYS = new Set([
  "name",
  "legalRepresentative",
  "contactName",
  "registeredAddress",
  "address",
  "number",
  "safetyOfficerName",
  "certificateNumber",
  "venueName",
  "originalName",
]);

function withPayloads(value: unknown, key = ""): unknown {
  if (typeof value === "string") return FREE_TEXT_KEYS.has(key) && value !== "" ? payload() : value;
  if (Array.isArray(value)) return value.map((v) => withPayloads(v, key));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPayloads(v, k)]));
  }
  return value;
}
const json = (value: unknown) => withPayloads(value) as Prisma.InputJsonValue;

const user = (email: string) => stableId("user", email);
const HANGZHOU_ADMIN = user("hangzhou.admin@tipei.example");
const PARENT = user("parent@tipei.example");
const PLATFORM_ADMIN = user("admin@tipei.example");

/** `quiet`: a page checked for markup that shows no stored text in this data set. */
type Page = { file: string; who: string | null; params: Record<string, string>; search?: string; quiet?: true };
const pages: Page[] = [];

/** The URL pattern of a route file, for the Remix stub (":param" for "$param"). */
function patternOf(file: string): string {
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, "")
    .split(".")
    .filter((s) => s !== "_index")
    .map((s) => s.replace(/_$/, ""))
    .map((s) => (s.startsWith("$") ? `:${s.slice(1)}` : s));
  return `/${segments.join("/")}`;
}
const urlOf = (page: Page) =>
  patternOf(page.file).replace(/:(\w+)/g, (_, name: string) => page.params[name] ?? "") + (page.search ?? "");

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
  await seedEscrowDemo(owner, "2026-12-03");

  // The escrow demo's seller: registered in Xihu, with enrollments, a dispute and a refund request.
  const enrollment = await owner.enrollment.findFirstOrThrow({ where: { parentUserId: PARENT } });
  const institutionId = enrollment.institutionId;
  const institution = await owner.institution.findUniqueOrThrow({ where: { id: institutionId } });
  const authorityId = institution.authorityId;
  const admin = await owner.membership.findFirstOrThrow({
    where: { institutionId, role: "INSTITUTION_ADMIN" },
    select: { userId: true },
  });

  // What the applicant typed, everywhere it is kept.
  await owner.institution.update({
    where: { id: institutionId },
    data: { name: payload(), publicProfile: json(institution.publicProfile) },
  });
  for (const filing of await owner.filing.findMany({ where: { institutionId } })) {
    await owner.filing.update({
      where: { id: filing.id },
      data: {
        draft: json(filing.draft),
        snapshot: filing.snapshot === null ? undefined : json(filing.snapshot),
        decisionReason: payload(),
        changeRequests: [{ field: "entity.name", comment: payload() }],
      },
    });
  }
  for (const v of await owner.venue.findMany({ where: { institutionId } })) {
    await owner.venue.update({ where: { id: v.id }, data: { name: payload(), address: payload() } });
  }
  for (const c of await owner.coach.findMany({ where: { institutionId } })) {
    await owner.coach.update({ where: { id: c.id }, data: { name: payload() } });
  }
  await owner.coachCertificate.updateMany({ where: { institutionId }, data: { number: payload() } });
  for (const c of await owner.course.findMany({ where: { institutionId } })) {
    await owner.course.update({ where: { id: c.id }, data: { name: payload() } });
  }
  await owner.storedFile.updateMany({ where: { institutionId }, data: { originalName: payload() } });

  // Parents, institutions and regulators on the escrow.
  await owner.enrollment.updateMany({ where: { institutionId }, data: { traineeName: payload() } });
  await owner.lessonAttendance.updateMany({
    where: { institutionId },
    data: { disputeReason: payload(), decisionNote: payload() },
  });
  await owner.refundRequest.updateMany({
    where: { institutionId },
    data: { reason: payload(), institutionResponse: payload(), decisionNote: payload() },
  });
  for (const email of [
    "parent@tipei.example",
    "parent.en@tipei.example",
    "hangzhou.admin@tipei.example",
    "xihu.inspector@tipei.example",
  ]) {
    await owner.user.update({ where: { id: user(email) }, data: { displayName: payload() } });
  }
  await owner.user.update({ where: { id: admin.userId }, data: { displayName: payload() } });

  // A complaint, a rectification order answered, an inspection with notes, a holiday.
  const complaint = await owner.complaint.create({
    data: {
      institutionId,
      authorityId,
      parentUserId: PARENT,
      enrollmentId: enrollment.id,
      category: "SAFETY",
      description: payload(),
      status: "RESOLVED",
      outcome: payload(),
      resolvedAt: new Date(),
    },
  });
  await owner.complaintEvent.create({
    data: {
      complaintId: complaint.id,
      authorityId,
      parentUserId: PARENT,
      event: "resolve",
      toStatus: "RESOLVED",
      actorUserId: HANGZHOU_ADMIN,
      note: payload(),
    },
  });
  const order = await owner.rectificationOrder.create({
    data: {
      institutionId,
      authorityId,
      issuingAuthorityId: authorityId,
      issuedById: HANGZHOU_ADMIN,
      instructions: payload(),
      deadline: new Date("2027-01-31"),
      status: "ANSWERED",
      answeredAt: new Date(),
      items: {
        create: [
          {
            institutionId,
            authorityId,
            position: 1,
            ruleCode: "VEN-01",
            severity: "MAJOR",
            entityType: "venue",
            entityLabel: payload(),
            evidence: {},
          },
        ],
      },
      responses: { create: [{ institutionId, authorityId, text: payload(), respondedById: admin.userId }] },
      events: {
        create: [
          {
            institutionId,
            authorityId,
            event: "issue",
            toStatus: "ISSUED",
            actorUserId: HANGZHOU_ADMIN,
            reason: payload(),
          },
        ],
      },
    },
  });
  const task = await owner.inspectionTask.create({
    data: { institutionId, authorityId, origin: "MANUAL", dueOn: new Date("2027-01-31"), status: "DONE" },
  });
  const inspection = await owner.inspection.create({
    data: {
      taskId: task.id,
      institutionId,
      authorityId,
      inspectorId: user("xihu.inspector@tipei.example"),
      finishedAt: new Date(),
      outcome: "PASSED",
      summary: payload(),
    },
  });
  await owner.inspectionItem.create({
    data: {
      inspectionId: inspection.id,
      institutionId,
      authorityId,
      position: 1,
      ruleCode: "VEN-01",
      result: "FAIL",
      note: payload(),
    },
  });
  await owner.workingCalendarDay.create({
    data: {
      authorityId: stableId("authority", "330100"),
      day: new Date("2027-01-05"),
      working: false,
      name: payload(),
    },
  });

  const parentEnrollment = enrollment.id;
  const payment = await owner.payment.findFirst({ where: { enrollmentId: parentEnrollment } });
  const filing = await owner.filing.findFirstOrThrow({ where: { institutionId, snapshot: { not: Prisma.AnyNull } } });
  // A change filing in progress, so the wizard's pages show the applicant's text as typed.
  await owner.filing.create({
    data: {
      institutionId,
      authorityId,
      kind: "CHANGE",
      status: "DRAFT",
      draft: filing.snapshot ?? {},
      createdById: admin.userId,
    },
  });
  const course = await owner.course.findFirstOrThrow({ where: { institutionId, active: true } });
  const no = institution.registrationNo ?? "";
  const gov = (file: string, extra: Record<string, string> = {}, search?: string, quiet?: true): Page => ({
    file,
    who: HANGZHOU_ADMIN,
    params: { authority: "hangzhou", ...extra },
    search,
    quiet,
  });
  const org = (file: string, extra: Record<string, string> = {}): Page => ({
    file,
    who: admin.userId,
    params: { institutionId, ...extra },
  });
  pages.push(
    { file: "institutions._index.tsx", who: null, params: {}, search: `?q=${encodeURIComponent("<")}` },
    { file: "institutions.$registrationNo.tsx", who: null, params: { registrationNo: no } },
    { file: "institutions.$registrationNo_.complain.tsx", who: PARENT, params: { registrationNo: no } },
    {
      file: "institutions.$registrationNo_.courses.$courseId.enroll.tsx",
      who: PARENT,
      params: { registrationNo: no, courseId: course.id },
    },
    { file: "account.tsx", who: PARENT, params: {} },
    { file: "account_.enrollments._index.tsx", who: PARENT, params: {} },
    { file: "account_.enrollments.$enrollmentId.tsx", who: PARENT, params: { enrollmentId: parentEnrollment } },
    { file: "account_.complaints._index.tsx", who: PARENT, params: {} },
    { file: "account_.complaints.$complaintId.tsx", who: PARENT, params: { complaintId: complaint.id } },
    gov("gov.$authority.tsx", {}, undefined, true),
    gov("gov.$authority._index.tsx", {}, undefined, true),
    gov("gov.$authority.institutions._index.tsx"),
    gov("gov.$authority.institutions.$institutionId.tsx", { institutionId }),
    gov("gov.$authority.reviews._index.tsx", {}, "?status=all"),
    gov("gov.$authority.reviews.$filingId.tsx", { filingId: filing.id }),
    gov("gov.$authority.compliance._index.tsx"),
    gov("gov.$authority.compliance.$institutionId.tsx", { institutionId }),
    gov("gov.$authority.complaints._index.tsx", {}, "?status=ALL"),
    gov("gov.$authority.complaints.$complaintId.tsx", { complaintId: complaint.id }),
    gov("gov.$authority.disputes.tsx"),
    gov("gov.$authority.funds.tsx"),
    gov("gov.$authority.inspections._index.tsx"),
    gov("gov.$authority.inspections.$taskId.tsx", { taskId: task.id }),
    gov("gov.$authority.rectifications._index.tsx"),
    gov("gov.$authority.rectifications.$orderId.tsx", { orderId: order.id }),
    gov("gov.$authority.rectifications.new.tsx", {}, `?institution=${institutionId}`),
    gov("gov.$authority.risk._index.tsx", {}, undefined, true),
    gov("gov.$authority.risk.$institutionId.tsx", { institutionId }),
    gov("gov.$authority.members.tsx"),
    gov("gov.$authority.calendar.tsx", {}, "?year=2027"),
    org("org.$institutionId.tsx"),
    org("org.$institutionId._index.tsx"),
    { ...org("org.$institutionId.filing.tsx"), quiet: true },
    org("org.$institutionId.filing.entity.tsx"),
    org("org.$institutionId.filing.venues.tsx"),
    org("org.$institutionId.filing.staff.tsx"),
    org("org.$institutionId.filing.courses.tsx"),
    org("org.$institutionId.filing.documents.tsx"),
    org("org.$institutionId.filing.review.tsx"),
    org("org.$institutionId.escrow.tsx"),
    org("org.$institutionId.lessons.tsx"),
    { ...org("org.$institutionId.compliance._index.tsx"), quiet: true },
    org("org.$institutionId.compliance.rectifications.$orderId.tsx", { orderId: order.id }),
    { file: "admin.tsx", who: PLATFORM_ADMIN, params: {}, quiet: true },
  );
  if (payment?.checkoutSessionId) {
    pages.push({ file: "pay.simulated.$sessionId.tsx", who: PARENT, params: { sessionId: payment.checkoutSessionId } });
  }
}, 120_000);

describe("stored text", () => {
  it("is rendered escaped on every page that shows it, in both languages", async () => {
    const problems: string[] = [];
    for (const page of pages) {
      const mod = (await import(path.resolve("app/routes", page.file))) as {
        default: ComponentType;
        loader: Parameters<typeof callLoader>[0];
      };
      const url = urlOf(page);
      const loaded = await callLoader(mod.loader, url, page.params, page.who).catch((error: unknown) => ({
        status: 500,
        body: String(error).slice(0, 200),
      }));
      if (loaded.status !== 200) {
        problems.push(`${url}: loader answered ${loaded.status} ${loaded.status === 500 ? loaded.body : ""}`);
        continue;
      }
      for (const locale of ["zh-CN", "en"] as const) {
        const html = renderPage(mod.default, patternOf(page.file), url, loaded.body, locale);
        for (const pattern of UNESCAPED) {
          const found = pattern.exec(html);
          if (found)
            problems.push(
              `${url} (${locale}): unescaped ${found[0]} …${html.slice(found.index - 60, found.index + 60)}`,
            );
        }
        if (!page.quiet && !ESCAPED.test(html)) problems.push(`${url} (${locale}): shows none of the stored payloads`);
      }
    }
    expect(problems).toEqual([]);
    expect(pages.length).toBeGreaterThan(40);
  }, 180_000);
});
