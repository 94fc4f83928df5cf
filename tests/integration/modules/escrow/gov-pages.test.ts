import { unsafeAsSystem } from "~/lib/db-scope.server";
import { capturePayment } from "~/modules/escrow/payments.server";
import DisputesPage, { action as disputesAction, loader as disputesLoader } from "~/routes/gov.$authority.disputes";
import FundsPage, { loader as fundsLoader } from "~/routes/gov.$authority.funds";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  authorityId,
  callAction,
  callLoader,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  renderPage,
  userId,
  XIHU_INSPECTOR,
} from "../registry/review-fixtures";

// The regulator's side of the escrow, through the route modules as the demo regulators: the
// funds of the jurisdiction (never another city's) and the dispute queue with its decisions.

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const XIHU = authorityId("330106");
const BINJIANG = authorityId("330108");
const YINZHOU = authorityId("330212");
const PARENT = userId("parent@tipei.example");
const PRICE = 15_000;
const LESSONS = 10;

type Escrow = { institutionId: string; name: string; authorityId: string; courseId: string; enrollmentId: string };

/** An approved registry-demo institution of the district with a course, an enrollment and its captured payment. */
async function paidEnrollment(district: string, trainee: string): Promise<Escrow> {
  const course = await owner.course.findFirstOrThrow({
    where: { authorityId: district, institution: { status: "APPROVED" } },
    orderBy: { id: "asc" },
    select: { id: true, institution: { select: { id: true, name: true } } },
  });
  const amountFen = PRICE * LESSONS;
  const enrollment = await owner.enrollment.create({
    data: {
      institutionId: course.institution.id,
      authorityId: district,
      courseId: course.id,
      parentUserId: PARENT,
      traineeName: trainee,
      traineeBirthYear: 2016,
      lessonCount: LESSONS,
      pricePerLessonFen: PRICE,
      amountFen,
      lessonMinutes: 60,
      reservePercent: 0,
      contractVersion: "test",
      contractText: "测试合同",
      contractSha256: "0".repeat(64),
      signedAt: new Date(),
      periodStart: new Date("2026-11-01T00:00:00Z"),
      periodEnd: new Date("2027-04-30T00:00:00Z"),
    },
  });
  const payment = await owner.payment.create({
    data: {
      enrollmentId: enrollment.id,
      institutionId: course.institution.id,
      authorityId: district,
      parentUserId: PARENT,
      provider: "simulated",
      amountFen,
    },
  });
  await unsafeAsSystem((db) =>
    capturePayment(db, { paymentId: payment.id, paymentIntentId: `pi_test_${payment.id}`, amountFen }),
  );
  return {
    institutionId: course.institution.id,
    name: course.institution.name,
    authorityId: district,
    courseId: course.id,
    enrollmentId: enrollment.id,
  };
}

let lessonDay = 0;
/** A recorded lesson of the enrollment that the parent disputed `daysAgo` days ago. */
async function disputedLesson(escrow: Escrow, reason: string, daysAgo = 0): Promise<string> {
  lessonDay += 1;
  const day = new Date(Date.UTC(2026, 10, lessonDay));
  const lesson = await owner.lesson.create({
    data: {
      institutionId: escrow.institutionId,
      authorityId: escrow.authorityId,
      courseId: escrow.courseId,
      lessonDate: day,
      startTime: "09:00",
      endTime: "10:00",
    },
  });
  const attendance = await owner.lessonAttendance.create({
    data: {
      lessonId: lesson.id,
      enrollmentId: escrow.enrollmentId,
      institutionId: escrow.institutionId,
      authorityId: escrow.authorityId,
      parentUserId: PARENT,
      priceFen: PRICE,
      status: "DISPUTED",
      confirmDueOn: day,
      disputeReason: reason,
      answeredAt: new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000),
    },
  });
  return attendance.id;
}

/** The parent asked for `lessons` back and the institution contested it. */
async function contestedRefund(escrow: Escrow, lessons: number, reason: string): Promise<string> {
  const refund = await owner.refundRequest.create({
    data: {
      enrollmentId: escrow.enrollmentId,
      institutionId: escrow.institutionId,
      authorityId: escrow.authorityId,
      parentUserId: PARENT,
      origin: "PARENT",
      lessons,
      amountFen: lessons * PRICE,
      reason,
      status: "CONTESTED",
      institutionResponse: "课程照常进行，不同意退费",
      respondBy: new Date("2026-12-31T00:00:00Z"),
      idempotencyKey: `test:refund:${escrow.enrollmentId}`,
    },
  });
  return refund.id;
}

type Funds = { escrow: number; reserve: number; payable: number; refunds: number; held: number };
async function fundsOf(institutionId: string): Promise<Funds> {
  const rows = await owner.$queryRaw<
    { escrow_fen: bigint; reserve_fen: bigint; payable_fen: bigint; refunds_payable_fen: bigint }[]
  >`SELECT escrow_fen, reserve_fen, payable_fen, refunds_payable_fen FROM institution_funds
     WHERE institution_id = ${institutionId}::uuid`;
  const r = rows[0];
  if (!r) return { escrow: 0, reserve: 0, payable: 0, refunds: 0, held: 0 };
  const escrow = Number(r.escrow_fen);
  const reserve = Number(r.reserve_fen);
  return {
    escrow,
    reserve,
    payable: Number(r.payable_fen),
    refunds: Number(r.refunds_payable_fen),
    held: escrow + reserve,
  };
}

/** Everything a decision writes: a refused one must leave all of it unchanged. */
async function writeCounts() {
  return {
    ledger: await owner.ledgerTransaction.count(),
    audit: await owner.auditEvent.count(),
    refunds: await owner.refundRequest.count(),
    disputed: await owner.lessonAttendance.count({ where: { status: "DISPUTED" } }),
    contested: await owner.refundRequest.count({ where: { status: "CONTESTED" } }),
  };
}

let xihu: Escrow;
let binjiang: Escrow;
let ningbo: Escrow;
const ids = {} as Record<
  | "xihuRelease"
  | "xihuRefund"
  | "xihuInspector"
  | "xihuUntouched"
  | "binjiangDispute"
  | "ningboDispute"
  | "xihuContested"
  | "binjiangContested"
  | "ningboContested",
  string
>;

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
  xihu = await paidEnrollment(XIHU, "王小西");
  binjiang = await paidEnrollment(BINJIANG, "李小滨");
  ningbo = await paidEnrollment(YINZHOU, "陈小宁");
  ids.xihuRelease = await disputedLesson(xihu, "教练迟到四十分钟，只上了二十分钟", 3);
  ids.xihuRefund = await disputedLesson(xihu, "这天孩子请假没有去上课");
  ids.xihuInspector = await disputedLesson(xihu, "场地停水，课程没有进行");
  ids.xihuUntouched = await disputedLesson(xihu, "上课时间被临时改动");
  ids.binjiangDispute = await disputedLesson(binjiang, "滨江的异议");
  ids.ningboDispute = await disputedLesson(ningbo, "宁波的异议");
  ids.xihuContested = await contestedRefund(xihu, 3, "孩子转学，剩余课时申请退费");
  ids.binjiangContested = await contestedRefund(binjiang, 2, "滨江的退费");
  ids.ningboContested = await contestedRefund(ningbo, 2, "宁波的退费");
  await owner.fundWarning.createMany({
    data: [
      {
        institutionId: xihu.institutionId,
        authorityId: XIHU,
        reason: "BALANCE",
        level: "RED",
        measured: { heldFen: 10_000, owedFen: 150_000, heldPercent: 7 },
      },
      {
        institutionId: ningbo.institutionId,
        authorityId: YINZHOU,
        reason: "OUTFLOW",
        level: "YELLOW",
        measured: { outflowFen: 9_000_000 },
      },
    ],
  });
  await owner.reconciliationAlert.createMany({
    data: [
      {
        institutionId: xihu.institutionId,
        authorityId: XIHU,
        kind: "REFUND_FAILED",
        subjectId: "test-xihu-refund",
        ledgerFen: 30_000n,
        providerFen: 0n,
      },
      {
        institutionId: ningbo.institutionId,
        authorityId: YINZHOU,
        kind: "CHARGE_DISPUTE",
        subjectId: "test-ningbo-dispute",
        ledgerFen: 150_000n,
        providerFen: 150_000n,
      },
    ],
  });
}, 120_000);

const fundsPath = (slug: string, search = "") => `/gov/${slug}/funds${search}`;
const disputesPath = (slug: string) => `/gov/${slug}/disputes`;
type FundsBody = Awaited<ReturnType<typeof fundsLoader>>;
type QueuesBody = Awaited<ReturnType<typeof disputesLoader>>;

async function fundsAs(user: string, slug: string, search = "") {
  const page = await callLoader(fundsLoader, fundsPath(slug, search), { authority: slug }, user);
  expect(page.status).toBe(200);
  return page.body as FundsBody;
}

async function queuesAs(user: string, slug: string) {
  const page = await callLoader(disputesLoader, disputesPath(slug), { authority: slug }, user);
  expect(page.status).toBe(200);
  return (page.body as QueuesBody).queues;
}

const decide = (user: string, slug: string, fields: Record<string, string>) =>
  callAction(disputesAction, disputesPath(slug), { authority: slug }, user, fields);

describe("the funds page (资金监管)", () => {
  it("shows the Hangzhou admin Xihu's held funds, warnings and alerts, never Ningbo's, in rows and totals", async () => {
    const { funds } = await fundsAs(HANGZHOU_ADMIN, "hangzhou");
    const xihuFunds = await fundsOf(xihu.institutionId);
    const binjiangFunds = await fundsOf(binjiang.institutionId);
    expect(xihuFunds.held).toBe(PRICE * LESSONS);

    const rowIds = funds.rows.map((r) => r.id);
    expect(rowIds).toEqual(expect.arrayContaining([xihu.institutionId, binjiang.institutionId]));
    expect(rowIds).not.toContain(ningbo.institutionId);
    expect(funds.rows.find((r) => r.id === xihu.institutionId)).toMatchObject({
      heldFen: xihuFunds.held,
      collectedFen: PRICE * LESSONS,
      warning: "RED",
    });

    expect(funds.totals).toMatchObject({ institutions: 2, heldFen: xihuFunds.held + binjiangFunds.held });
    expect(funds.units.map((u) => u.id)).toContain(XIHU);
    expect(funds.units.map((u) => u.id)).not.toContain(YINZHOU);
    expect(funds.units.find((u) => u.id === XIHU)).toMatchObject({
      institutions: 1,
      heldFen: xihuFunds.held,
      redWarnings: 1,
      yellowWarnings: 0,
    });
    expect(funds.units.reduce((sum, u) => sum + u.heldFen, 0)).toBe(funds.totals.heldFen);

    expect(funds.warnings.map((w) => w.institution.id)).toEqual([xihu.institutionId]);
    expect(funds.warnings[0]).toMatchObject({ level: "RED", reason: "BALANCE", measured: { heldPercent: 7 } });
    expect(funds.alerts.map((a) => a.kind)).toEqual(["REFUND_FAILED"]);
  });

  it("sorts by held amount unless asked otherwise, and ignores an unknown sort", async () => {
    const byName = await fundsAs(HANGZHOU_ADMIN, "hangzhou", "?sort=name");
    expect(byName.funds.sort).toBe("name");
    const names = byName.funds.rows.map((r) => r.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const unknown = await fundsAs(HANGZHOU_ADMIN, "hangzhou", "?sort=drop-table&page=abc");
    expect(unknown.funds).toMatchObject({ sort: "held", page: 1 });
    const held = unknown.funds.rows.map((r) => r.heldFen);
    expect(held).toEqual([...held].sort((a, b) => b - a));
  });

  it("shows the Ningbo admin Ningbo only", async () => {
    const { funds } = await fundsAs(NINGBO_ADMIN, "ningbo");
    expect(funds.rows.map((r) => r.id)).toEqual([ningbo.institutionId]);
    expect(funds.totals.heldFen).toBe((await fundsOf(ningbo.institutionId)).held);
    expect(funds.warnings.map((w) => w.reason)).toEqual(["OUTFLOW"]);
    expect(funds.alerts.map((a) => a.kind)).toEqual(["CHARGE_DISPUTE"]);
  });

  it("shows the Xihu inspector Xihu alone, totalled by Xihu itself", async () => {
    const { funds } = await fundsAs(XIHU_INSPECTOR, "hangzhou-xihu");
    expect(funds.rows.map((r) => r.id)).toEqual([xihu.institutionId]);
    expect(funds.units.map((u) => u.id)).toEqual([XIHU]);
    expect(funds.totals.institutions).toBe(1);
    const above = await callLoader(fundsLoader, fundsPath("hangzhou"), { authority: "hangzhou" }, XIHU_INSPECTOR);
    expect(above.status).toBe(404);
  });

  it("renders the figures, the chart with its numbers and the warnings in both languages", async () => {
    const body = await fundsAs(HANGZHOU_ADMIN, "hangzhou");
    const zh = renderPage(FundsPage, "gov/:authority/funds", fundsPath("hangzhou"), body, "zh-CN");
    expect(zh).toContain("资金监管");
    expect(zh).toContain("各区县");
    expect(zh).toContain(xihu.name);
    expect(zh).toContain("红色预警");
    expect(zh).toContain("退费未能退回");
    expect(zh).toContain('role="img"');
    expect(zh).toContain("¥1,500.00");
    expect(zh).not.toContain(ningbo.name);
    const en = renderPage(FundsPage, "gov/:authority/funds", fundsPath("hangzhou"), body, "en");
    expect(en).toContain("By district");
    expect(en).toContain("Red warning");
  });
});

describe("the dispute queue (争议处理)", () => {
  it("lists the jurisdiction's disputed lessons and contested refunds, longest waiting first", async () => {
    const queues = await queuesAs(HANGZHOU_ADMIN, "hangzhou");
    const disputed = queues.disputes.map((d) => d.attendanceId);
    expect(disputed[0]).toBe(ids.xihuRelease);
    expect(disputed).toEqual(expect.arrayContaining([ids.xihuRefund, ids.binjiangDispute]));
    expect(disputed).not.toContain(ids.ningboDispute);
    expect(queues.disputeCount).toBe(5);
    expect(queues.disputes[0]).toMatchObject({
      institution: { id: xihu.institutionId, name: xihu.name },
      traineeName: "王小西",
      priceFen: PRICE,
      reason: "教练迟到四十分钟，只上了二十分钟",
      startTime: "09:00",
      endTime: "10:00",
      waitingDays: 3,
    });
    expect(queues.refunds.map((r) => r.refundId).sort()).toEqual([ids.xihuContested, ids.binjiangContested].sort());
    expect(queues.refunds.find((r) => r.refundId === ids.xihuContested)).toMatchObject({
      traineeName: "王小西",
      lessons: 3,
      amountFen: 3 * PRICE,
      reason: "孩子转学，剩余课时申请退费",
      institutionResponse: "课程照常进行，不同意退费",
    });

    const html = renderPage(DisputesPage, "gov/:authority/disputes", disputesPath("hangzhou"), { queues }, "zh-CN");
    expect(html).toContain("结算给机构");
    expect(html).toContain("退还家长");
    expect(html).toContain("同意退费");
    expect(html).toContain("驳回");
    expect(html).toContain("处理意见");
    expect(html).toContain("已等待 3 天");
    // The forms post without JavaScript too: the record's id is in the page.
    expect(html).toContain(`value="${ids.xihuRelease}"`);
    expect(html).toContain(`value="${ids.xihuContested}"`);
    expect(html).toContain('name="intent" value="refundLesson"');
    expect(html).not.toContain("宁波的异议");
  });

  it("shows the Xihu inspector Xihu's items but not another Hangzhou district's", async () => {
    const queues = await queuesAs(XIHU_INSPECTOR, "hangzhou-xihu");
    const disputed = queues.disputes.map((d) => d.attendanceId);
    expect(disputed).toContain(ids.xihuRelease);
    expect(disputed).not.toContain(ids.binjiangDispute);
    expect(disputed).not.toContain(ids.ningboDispute);
    expect(queues.refunds.map((r) => r.refundId)).toEqual([ids.xihuContested]);
  });

  it("releases a disputed lesson to the institution: its price leaves escrow into payable, audited", async () => {
    const before = await fundsOf(xihu.institutionId);
    const result = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "releaseLesson",
      attendanceId: ids.xihuRelease,
      note: "经核实课程已上，家长异议不成立",
    });
    expect(result).toMatchObject({ status: 200, body: { ok: true, done: "releaseLesson" } });
    const after = await fundsOf(xihu.institutionId);
    expect(after.escrow).toBe(before.escrow - PRICE);
    expect(after.payable).toBe(before.payable + PRICE);
    expect(await owner.lessonAttendance.findUniqueOrThrow({ where: { id: ids.xihuRelease } })).toMatchObject({
      status: "RELEASED_BY_DECISION",
      decidedById: HANGZHOU_ADMIN,
      decisionNote: "经核实课程已上，家长异议不成立",
    });
    const audit = await owner.auditEvent.findMany({ where: { entityId: ids.xihuRelease } });
    expect(audit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: "escrow.disputeReleased", actorUserId: HANGZHOU_ADMIN }),
      ]),
    );
    expect((await queuesAs(HANGZHOU_ADMIN, "hangzhou")).disputes.map((d) => d.attendanceId)).not.toContain(
      ids.xihuRelease,
    );
  });

  it("answers the same decision twice with 409 and posts nothing more", async () => {
    const before = await writeCounts();
    const funds = await fundsOf(xihu.institutionId);
    const again = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "releaseLesson",
      attendanceId: ids.xihuRelease,
      note: "再次结算",
    });
    expect(again).toMatchObject({ status: 409, body: { ok: false, formError: "escrow.lesson.alreadyAnswered" } });
    const refund = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "refundLesson",
      attendanceId: ids.xihuRelease,
      note: "改为退还",
    });
    expect(refund.status).toBe(409);
    expect(await writeCounts()).toEqual(before);
    expect(await fundsOf(xihu.institutionId)).toEqual(funds);
  });

  it("refunds a disputed lesson to the parent: an approved DISPUTE refund of its price", async () => {
    const before = await fundsOf(xihu.institutionId);
    const result = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "refundLesson",
      attendanceId: ids.xihuRefund,
      note: "机构未能证明孩子到课",
    });
    expect(result).toMatchObject({ status: 200, body: { ok: true, done: "refundLesson" } });
    const refund = await owner.refundRequest.findFirstOrThrow({ where: { attendanceId: ids.xihuRefund } });
    expect(refund).toMatchObject({
      origin: "DISPUTE",
      status: "APPROVED",
      lessons: 1,
      amountFen: PRICE,
      decidedBy: "REGULATOR",
      enrollmentId: xihu.enrollmentId,
    });
    const after = await fundsOf(xihu.institutionId);
    expect(after.escrow).toBe(before.escrow - PRICE);
    expect(after.refunds).toBe(before.refunds + PRICE);
    expect(after.payable).toBe(before.payable);
    expect((await owner.lessonAttendance.findUniqueOrThrow({ where: { id: ids.xihuRefund } })).status).toBe(
      "REFUNDED_BY_DECISION",
    );
  });

  it("answers 404 to the Ningbo admin deciding a Xihu dispute, from any workspace, and writes nothing", async () => {
    const before = await writeCounts();
    const fields = { intent: "releaseLesson", attendanceId: ids.xihuUntouched, note: "宁波越权处理" };
    expect((await decide(NINGBO_ADMIN, "ningbo", fields)).status).toBe(404);
    expect((await decide(NINGBO_ADMIN, "hangzhou-xihu", fields)).status).toBe(404);
    const refund = { intent: "approveRefund", refundId: ids.xihuContested, note: "宁波越权处理" };
    expect((await decide(NINGBO_ADMIN, "ningbo", refund)).status).toBe(404);
    expect(await writeCounts()).toEqual(before);
  });

  it("refuses a decision without a note (400) or without a form, writing nothing", async () => {
    const before = await writeCounts();
    const noNote = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "releaseLesson",
      attendanceId: ids.xihuUntouched,
    });
    expect(noNote).toMatchObject({
      status: 400,
      body: { ok: false, target: ids.xihuUntouched, fieldErrors: { note: ["validation.required"] } },
    });
    const blank = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "approveRefund",
      refundId: ids.xihuContested,
      note: "  ",
    });
    expect(blank).toMatchObject({ status: 400, body: { fieldErrors: { note: ["validation.escrow.decisionNote"] } } });
    expect((await decide(HANGZHOU_ADMIN, "hangzhou", {})).status).toBe(400);
    expect((await decide(XIHU_INSPECTOR, "hangzhou-xihu", { intent: "closeEverything" })).status).toBe(400);
    expect(
      (await decide(HANGZHOU_ADMIN, "hangzhou", { intent: "releaseLesson", attendanceId: "nope", note: "处理意见" }))
        .status,
    ).toBe(400);
    expect(await writeCounts()).toEqual(before);
  });

  it("lets the Xihu inspector decide Xihu's queue but not another district's (404)", async () => {
    const before = await writeCounts();
    const foreign = await decide(XIHU_INSPECTOR, "hangzhou-xihu", {
      intent: "releaseLesson",
      attendanceId: ids.binjiangDispute,
      note: "不在本区",
    });
    expect(foreign.status).toBe(404);
    const foreignRefund = await decide(XIHU_INSPECTOR, "hangzhou-xihu", {
      intent: "rejectRefund",
      refundId: ids.binjiangContested,
      note: "不在本区",
    });
    expect(foreignRefund.status).toBe(404);
    expect(await writeCounts()).toEqual(before);

    const own = await decide(XIHU_INSPECTOR, "hangzhou-xihu", {
      intent: "releaseLesson",
      attendanceId: ids.xihuInspector,
      note: "现场核实，课程已正常进行",
    });
    expect(own).toMatchObject({ status: 200, body: { ok: true, done: "releaseLesson" } });
    expect((await owner.lessonAttendance.findUniqueOrThrow({ where: { id: ids.xihuInspector } })).decidedById).toBe(
      XIHU_INSPECTOR,
    );
  });

  it("approves a contested refund (money to refunds payable) and rejects another (nothing posted)", async () => {
    const before = await fundsOf(xihu.institutionId);
    const approved = await decide(XIHU_INSPECTOR, "hangzhou-xihu", {
      intent: "approveRefund",
      refundId: ids.xihuContested,
      note: "转学属实，同意退还剩余课时",
    });
    expect(approved).toMatchObject({ status: 200, body: { ok: true, done: "approveRefund" } });
    expect(await owner.refundRequest.findUniqueOrThrow({ where: { id: ids.xihuContested } })).toMatchObject({
      status: "APPROVED",
      decidedBy: "REGULATOR",
      decidedById: XIHU_INSPECTOR,
    });
    const after = await fundsOf(xihu.institutionId);
    expect(after.escrow).toBe(before.escrow - 3 * PRICE);
    expect(after.refunds).toBe(before.refunds + 3 * PRICE);

    const ledger = await owner.ledgerTransaction.count();
    const binjiangFunds = await fundsOf(binjiang.institutionId);
    const rejected = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "rejectRefund",
      refundId: ids.binjiangContested,
      note: "课程正常，理由不成立",
    });
    expect(rejected).toMatchObject({ status: 200, body: { ok: true, done: "rejectRefund" } });
    expect((await owner.refundRequest.findUniqueOrThrow({ where: { id: ids.binjiangContested } })).status).toBe(
      "REJECTED",
    );
    expect(await owner.ledgerTransaction.count()).toBe(ledger);
    expect(await fundsOf(binjiang.institutionId)).toEqual(binjiangFunds);

    const twice = await decide(HANGZHOU_ADMIN, "hangzhou", {
      intent: "approveRefund",
      refundId: ids.binjiangContested,
      note: "改为同意",
    });
    expect(twice).toMatchObject({ status: 409, body: { formError: "escrow.refund.alreadyAnswered" } });
    expect(await owner.ledgerTransaction.count()).toBe(ledger);
  });

  it("leaves Ningbo's items to Ningbo", async () => {
    const queues = await queuesAs(NINGBO_ADMIN, "ningbo");
    expect(queues.disputes.map((d) => d.attendanceId)).toEqual([ids.ningboDispute]);
    expect(queues.refunds.map((r) => r.refundId)).toEqual([ids.ningboContested]);
  });
});
