import { randomUUID } from "node:crypto";
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import { isoDateInChina } from "~/lib/china-date";
import type { EnrollmentPreview } from "~/modules/escrow/checkout.server";
import { recordLesson } from "~/modules/escrow/lessons.server";
import { processPaymentEvent } from "~/modules/escrow/payment-events.server";
import Account, { loader as accountLoader } from "~/routes/account";
import MyEnrollments, { loader as listLoader } from "~/routes/account_.enrollments._index";
import EnrollmentPage, {
  action as enrollmentAction,
  loader as enrollmentLoader,
} from "~/routes/account_.enrollments.$enrollmentId";
import InstitutionProfile, { loader as profileLoader } from "~/routes/institutions.$registrationNo";
import EnrollPage, {
  action as enrollAction,
  loader as enrollLoader,
} from "~/routes/institutions.$registrationNo_.courses.$courseId.enroll";
import SimulatedCheckout, { action as payAction, loader as payLoader } from "~/routes/pay.simulated.$sessionId";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { approveXihuSwim, XIHU_ADMIN, XIHU_SWIM } from "../compliance/pool-safety-fixtures";
import { callAction, callLoader, HANGZHOU_ADMIN, renderPage, userId } from "../registry/review-fixtures";

// The parent's side of the escrow, through the route modules as the browser reaches them: enroll
// (preview, caps, contract, sign), the simulated checkout, 我的报名 and one enrollment.

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const PARENT = userId("parent@tipei.example");
const OTHER_PARENT = userId("parent.en@tipei.example");
const INSTITUTION_ADMIN = XIHU_ADMIN.userId ?? "";
const PRICE_FEN = 12_000; // the fixture course: ¥120 a lesson, 60 minutes, Wednesdays and Saturdays

let registrationNo = "";
let courseId = "";
let enrollPath = "";
let params: Record<string, string> = {};

beforeAll(async () => {
  await seedDemoData();
  await approveXihuSwim();
  // FEE-04: the institution sells through the platform only once funds supervision is on.
  const institution = await owner.institution.update({
    where: { id: XIHU_SWIM },
    data: { fundsSupervisionEnabled: true },
    select: { registrationNo: true },
  });
  const course = await owner.course.findFirstOrThrow({ where: { institutionId: XIHU_SWIM }, select: { id: true } });
  registrationNo = institution.registrationNo ?? "";
  courseId = course.id;
  enrollPath = `/institutions/${registrationNo}/courses/${courseId}/enroll`;
  params = { registrationNo, courseId };
});

const details = (lessons: number) => ({ traineeName: "小明", traineeBirthYear: "2016", lessons: String(lessons) });

type PreviewBody = {
  ok: boolean;
  step: "preview";
  preview: EnrollmentPreview;
  fieldErrors?: Record<string, string[]>;
  formError?: string;
};

async function preview(lessons: number, user = PARENT): Promise<PreviewBody> {
  const { status, body } = await callAction(enrollAction, enrollPath, params, user, {
    intent: "preview",
    ...details(lessons),
  });
  expect(status).toBe(200);
  return body as PreviewBody;
}

const ENROLL_ROUTE = "/institutions/:registrationNo/courses/:courseId/enroll";

/** The enroll page as the server renders it after a post: the loader's data and the action's answer. */
async function renderAfterPost(Page: ComponentType, actionData: unknown): Promise<string> {
  const loaderData = (await callLoader(enrollLoader, enrollPath, params, PARENT)).body;
  const Stub = createRemixStub([
    { id: "root", path: "/", Component: Outlet, children: [{ id: "page", path: ENROLL_ROUTE, Component: Page }] },
  ]);
  const guarded = console.error;
  console.error = (...args: unknown[]) => {
    if (String(args[0]).includes("useLayoutEffect does nothing on the server")) return;
    guarded(...args);
  };
  try {
    return renderToString(
      createElement(Stub, {
        initialEntries: [enrollPath],
        hydrationData: {
          loaderData: { root: { locale: "zh-CN" }, page: loaderData },
          actionData: { page: actionData },
        },
      }),
    );
  } finally {
    console.error = guarded;
  }
}

async function writes() {
  return {
    enrollments: await owner.enrollment.count(),
    payments: await owner.payment.count(),
    audit: await owner.auditEvent.count({ where: { action: "escrow.enrollmentSigned" } }),
    events: await owner.paymentEvent.count(),
    provider: await owner.simulatedProviderRecord.count(),
  };
}

describe("the ways in", () => {
  it("puts an enroll button on each course of a registered institution's profile", async () => {
    const path = `/institutions/${registrationNo}`;
    const { status, body } = await callLoader(profileLoader, path, { registrationNo }, null);
    expect(status).toBe(200);
    const html = renderPage(InstitutionProfile, "/institutions/:registrationNo", path, body, "zh-CN");
    expect(html).toContain(`href="${enrollPath}"`);
  });

  it("links a parent's account page to 我的报名", async () => {
    const { body } = await callLoader(accountLoader, "/account", {}, PARENT);
    const html = renderPage(Account, "/account", "/account", body, "zh-CN");
    expect(html).toContain('href="/account/enrollments"');
    expect(html).toContain("打开我的报名");
  });
});

describe("the enroll page", () => {
  it("shows a parent the course, the most lessons allowed and the form", async () => {
    const { status, body } = await callLoader(enrollLoader, enrollPath, params, PARENT);
    expect(status).toBe(200);
    const page = body as Awaited<ReturnType<typeof enrollLoader>>;
    expect(page.offer.notForSale).toBeNull();
    expect(page.offer.course.pricePerLessonFen).toBe(PRICE_FEN);
    // FEE-03 (¥5,000 by default) allows 41 lessons at ¥120; FEE-02 allows 60.
    expect(page.offer.maxLessons).toBe(41);
    const html = renderPage(EnrollPage, ENROLL_ROUTE, enrollPath, body, "zh-CN");
    expect(html).toContain("学员姓名");
    expect(html).toContain("查看金额与合同");
  });

  it("sends the signed-out to sign in, refuses accounts that are not parents (403), and 404s unknown courses", async () => {
    const anonymous = await callLoader(enrollLoader, enrollPath, params, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(enrollPath)}`);
    for (const user of [INSTITUTION_ADMIN, HANGZHOU_ADMIN]) {
      expect((await callLoader(enrollLoader, enrollPath, params, user)).status).toBe(403);
      const posted = await callAction(enrollAction, enrollPath, params, user, { intent: "preview", ...details(5) });
      expect(posted.status).toBe(403);
    }
    const unknownCourse = { registrationNo, courseId: randomUUID() };
    const unknownNo = { registrationNo: "330106-2099-0000", courseId };
    for (const user of [null, PARENT, INSTITUTION_ADMIN]) {
      expect((await callLoader(enrollLoader, enrollPath, unknownCourse, user)).status).toBe(404);
      expect((await callLoader(enrollLoader, enrollPath, unknownNo, user)).status).toBe(404);
    }
  });

  it("says why an institution without funds supervision cannot sell (FEE-04)", async () => {
    await owner.institution.update({ where: { id: XIHU_SWIM }, data: { fundsSupervisionEnabled: false } });
    try {
      const { body } = await callLoader(enrollLoader, enrollPath, params, PARENT);
      expect((body as Awaited<ReturnType<typeof enrollLoader>>).offer.notForSale).toBe(
        "escrow.offer.noFundsSupervision",
      );
      const html = renderPage(EnrollPage, ENROLL_ROUTE, enrollPath, body, "zh-CN");
      expect(html).toContain("尚未开通资金监管");
      expect(html).not.toContain("查看金额与合同");
      const before = await writes();
      const posted = await callAction(enrollAction, enrollPath, params, PARENT, { intent: "preview", ...details(5) });
      expect(posted.status).toBe(409);
      expect(await writes()).toEqual(before);
    } finally {
      await owner.institution.update({ where: { id: XIHU_SWIM }, data: { fundsSupervisionEnabled: true } });
    }
  });

  it("sends a mistyped form back with its errors", async () => {
    const { status, body } = await callAction(enrollAction, enrollPath, params, PARENT, {
      intent: "preview",
      traineeName: " ",
      traineeBirthYear: "20x6",
      lessons: "1000",
    });
    expect(status).toBe(400);
    expect((body as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      traineeName: ["validation.required"],
      traineeBirthYear: ["validation.checkout.birthYear"],
      lessons: ["validation.checkout.lessons"],
    });
  });

  it("shows the caps a purchase breaks, with the rule and the numbers, and refuses to sign it (nothing written)", async () => {
    const shown = await preview(50);
    expect(shown.preview.amountFen).toBe(50 * PRICE_FEN);
    const fee03 = shown.preview.refusals.find((r) => r.rule === "FEE-03");
    expect(fee03?.values).toEqual({ amount: "6000.00", max: "5000.00" });
    const html = await renderAfterPost(EnrollPage, shown);
    expect(html).toContain("这次购买不符合收费规定");
    expect(html).toContain("FEE-03");
    expect(html).toContain("一次缴费不得超过 5000.00 元；这次购买是 6000.00 元");
    expect(html).not.toContain("同意合同并支付");

    const before = await writes();
    const signed = await callAction(enrollAction, enrollPath, params, PARENT, {
      intent: "pay",
      ...details(50),
      contractSha256: shown.preview.contractSha256,
      acceptContract: "on",
    });
    expect(signed.status).toBe(409);
    expect((signed.body as PreviewBody).preview.refusals.map((r) => r.rule)).toContain("FEE-03");
    expect(await writes()).toEqual(before);
  });

  it("refuses a tampered contract digest and an unaccepted contract, writing nothing", async () => {
    const shown = await preview(10);
    expect(shown.preview.refusals).toEqual([]);
    const before = await writes();
    const tampered = await callAction(enrollAction, enrollPath, params, PARENT, {
      intent: "pay",
      ...details(10),
      contractSha256: "0".repeat(64),
      acceptContract: "on",
    });
    expect(tampered.status).toBe(409);
    expect((tampered.body as PreviewBody).fieldErrors).toEqual({
      contractSha256: ["validation.checkout.contractChanged"],
    });
    // The contract for other lessons is another contract: its digest does not sign this one.
    const other = await preview(11);
    const swapped = await callAction(enrollAction, enrollPath, params, PARENT, {
      intent: "pay",
      ...details(10),
      contractSha256: other.preview.contractSha256,
      acceptContract: "on",
    });
    expect(swapped.status).toBe(409);
    const unaccepted = await callAction(enrollAction, enrollPath, params, PARENT, {
      intent: "pay",
      ...details(10),
      contractSha256: shown.preview.contractSha256,
    });
    expect(unaccepted.status).toBe(400);
    expect((unaccepted.body as PreviewBody).fieldErrors).toEqual({
      acceptContract: ["validation.checkout.acceptContract"],
    });
    expect(await writes()).toEqual(before);
  });
});

describe("signing, the simulated checkout and the enrollment pages", () => {
  let enrollmentId = "";
  let sessionId = "";
  let contract: EnrollmentPreview;
  const detailPath = () => `/account/enrollments/${enrollmentId}`;
  const detailParams = () => ({ enrollmentId });

  it("signs the previewed contract and sends the parent to the simulated checkout", async () => {
    const shown = await preview(10);
    contract = shown.preview;
    const html = await renderAfterPost(EnrollPage, shown);
    expect(html).toContain("培训服务合同（版本 GF2021-2604.t1）");
    expect(html).toContain("我已阅读并同意以上合同");
    expect(html).toContain(`name="contractSha256" value="${contract.contractSha256}"`);
    expect(html).toContain("同意合同并支付 ¥1,200.00");
    const signed = await callAction(enrollAction, enrollPath, params, PARENT, {
      intent: "pay",
      ...details(10),
      contractSha256: contract.contractSha256,
      acceptContract: "on",
    });
    expect(signed.status).toBe(302);
    const location = signed.headers.get("Location") ?? "";
    expect(location).toMatch(/^http:\/\/localhost\/pay\/simulated\/sim_cs_[0-9a-f]{32}$/);
    sessionId = location.split("/").pop() ?? "";

    const enrollment = await owner.enrollment.findFirstOrThrow({ where: { parentUserId: PARENT } });
    enrollmentId = enrollment.id;
    expect(enrollment).toMatchObject({
      status: "PENDING_PAYMENT",
      courseId,
      traineeName: "小明",
      traineeBirthYear: 2016,
      lessonCount: 10,
      amountFen: 10 * PRICE_FEN,
      contractText: contract.contract,
      contractSha256: contract.contractSha256,
    });
    expect(enrollment.contractText).toContain("校外体育培训服务合同");
    const payment = await owner.payment.findUniqueOrThrow({ where: { enrollmentId } });
    expect(payment).toMatchObject({ status: "PENDING", amountFen: 10 * PRICE_FEN, checkoutSessionId: sessionId });
  });

  it("shows the simulated checkout only to the parent whose payment it is", async () => {
    const path = `/pay/simulated/${sessionId}`;
    const own = await callLoader(payLoader, path, { sessionId }, PARENT);
    expect(own.status).toBe(200);
    const html = renderPage(SimulatedCheckout, "/pay/simulated/:sessionId", path, own.body, "zh-CN");
    expect(html).toContain("模拟支付 · SIMULATION");
    expect(html).toContain("不会产生任何真实扣款");
    expect(html).toContain("模拟支付成功");
    expect(html).toContain("模拟支付失败");
    expect(html).toContain("1,200.00");

    for (const user of [OTHER_PARENT, INSTITUTION_ADMIN, HANGZHOU_ADMIN]) {
      expect((await callLoader(payLoader, path, { sessionId }, user)).status).toBe(404);
      expect((await callAction(payAction, path, { sessionId }, user, { intent: "succeed" })).status).toBe(404);
    }
    expect(
      (await callLoader(payLoader, "/pay/simulated/sim_cs_nothing", { sessionId: "sim_cs_nothing" }, PARENT)).status,
    ).toBe(404);
    expect((await callLoader(payLoader, path, { sessionId }, null)).status).toBe(302);
    expect(await owner.paymentEvent.count()).toBe(0);
  });

  it("completes the payment: the event is stored once, and once processed the money is held in escrow", async () => {
    const path = `/pay/simulated/${sessionId}`;
    const paid = await callAction(payAction, path, { sessionId }, PARENT, { intent: "succeed" });
    expect(paid.status).toBe(302);
    expect(paid.headers.get("Location")).toBe(`/account/enrollments/${enrollmentId}?paid=1`);
    const again = await callAction(payAction, path, { sessionId }, PARENT, { intent: "fail" });
    expect(again.status).toBe(302);
    const events = await owner.paymentEvent.findMany({ select: { id: true, type: true } });
    expect(events.map((e) => e.type)).toEqual(["checkout.session.completed"]);

    // Before the worker: the page says the payment is being processed and refreshes itself.
    const waiting = await callLoader(enrollmentLoader, `${detailPath()}?paid=1`, detailParams(), PARENT);
    const waitingPage = waiting.body as Awaited<ReturnType<typeof enrollmentLoader>>;
    expect(waitingPage.awaitingPayment).toBe(true);
    const waitingHtml = renderPage(
      EnrollmentPage,
      "/account/enrollments/:enrollmentId",
      `${detailPath()}?paid=1`,
      waiting.body,
      "zh-CN",
    );
    expect(waitingHtml).toContain("支付处理中");

    for (const event of events) expect(await processPaymentEvent(event.id)).toBe("processed");
    const { status, body } = await callLoader(enrollmentLoader, `${detailPath()}?paid=1`, detailParams(), PARENT);
    expect(status).toBe(200);
    const page = body as Awaited<ReturnType<typeof enrollmentLoader>>;
    expect(page.awaitingPayment).toBe(false);
    expect(page.detail.status).toBe("ACTIVE");
    expect(page.detail.payment?.status).toBe("SUCCEEDED");
    expect(page.detail.figures).toMatchObject({
      paidFen: 10 * PRICE_FEN,
      heldFen: 10 * PRICE_FEN,
      consumedFen: 0,
      refundableFen: 10 * PRICE_FEN,
    });
    expect(page.detail.contract.sha256).toBe(contract.contractSha256);
    const html = renderPage(EnrollmentPage, "/account/enrollments/:enrollmentId", detailPath(), body, "zh-CN");
    expect(html).toContain("学费已进入监管账户");
    expect(html).toContain("申请退费");

    const closed = await callLoader(payLoader, path, { sessionId }, PARENT);
    expect(renderPage(SimulatedCheckout, "/pay/simulated/:sessionId", path, closed.body, "zh-CN")).toContain(
      "这笔支付已经处理过了",
    );
  });

  it("lists the enrollment for its parent only", async () => {
    const own = await callLoader(listLoader, "/account/enrollments", {}, PARENT);
    const list = (own.body as Awaited<ReturnType<typeof listLoader>>).enrollments;
    expect(list.map((e) => [e.id, e.status, e.progress.lessonCount, e.figures.paidFen])).toEqual([
      [enrollmentId, "ACTIVE", 10, 10 * PRICE_FEN],
    ]);
    const other = await callLoader(listLoader, "/account/enrollments", {}, OTHER_PARENT);
    expect((other.body as Awaited<ReturnType<typeof listLoader>>).enrollments).toEqual([]);
    const empty = renderPage(MyEnrollments, "/account/enrollments", "/account/enrollments", other.body, "zh-CN");
    expect(empty).toContain("您还没有报名任何课程");
    expect(empty).toContain('href="/institutions"');
    expect((await callLoader(listLoader, "/account/enrollments", {}, null)).status).toBe(302);
  });

  it("answers 404 to anyone else on the enrollment page and its forms", async () => {
    for (const user of [OTHER_PARENT, INSTITUTION_ADMIN, HANGZHOU_ADMIN]) {
      expect((await callLoader(enrollmentLoader, detailPath(), detailParams(), user)).status).toBe(404);
      const posted = await callAction(enrollmentAction, detailPath(), detailParams(), user, {
        intent: "requestRefund",
        reason: "不想上了",
      });
      expect(posted.status).toBe(404);
    }
    expect((await callLoader(enrollmentLoader, "/account/enrollments/x", { enrollmentId: "x" }, PARENT)).status).toBe(
      404,
    );
    expect(await owner.refundRequest.count()).toBe(0);
  });

  it("lets the parent confirm a lesson, dispute another with a reason, and ask for the rest back", async () => {
    const today = isoDateInChina();
    const record = (startTime: string, endTime: string) =>
      recordLesson(XIHU_ADMIN, XIHU_SWIM, {
        courseId,
        lessonDate: today,
        startTime,
        endTime,
        enrollmentIds: [enrollmentId],
      });
    await record("09:00", "10:00");
    await record("10:00", "11:00");
    const attendances = await owner.lessonAttendance.findMany({
      where: { enrollmentId },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    const [first, second] = attendances.map((a) => a.id);
    if (!first || !second) throw new Error("two lessons recorded");

    const pending = await callLoader(enrollmentLoader, detailPath(), detailParams(), PARENT);
    const pendingHtml = renderPage(
      EnrollmentPage,
      "/account/enrollments/:enrollmentId",
      detailPath(),
      pending.body,
      "zh-CN",
    );
    expect(pendingHtml).toContain("逾期将自动确认");
    expect(pendingHtml).toContain("有异议");

    const confirmed = await callAction(enrollmentAction, detailPath(), detailParams(), PARENT, {
      intent: "confirm",
      attendanceId: first,
    });
    expect(confirmed.status).toBe(302);
    expect(confirmed.headers.get("Location")).toBe(`${detailPath()}?done=confirm`);
    const twice = await callAction(enrollmentAction, detailPath(), detailParams(), PARENT, {
      intent: "confirm",
      attendanceId: first,
    });
    expect(twice.status).toBe(409);
    expect((twice.body as { formError: string }).formError).toBe("escrow.lesson.alreadyAnswered");

    const noReason = await callAction(enrollmentAction, detailPath(), detailParams(), PARENT, {
      intent: "dispute",
      attendanceId: second,
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect((noReason.body as { fieldErrors: Record<string, string[]> }).fieldErrors).toEqual({
      reason: ["validation.escrow.disputeReason"],
    });
    const disputed = await callAction(enrollmentAction, detailPath(), detailParams(), PARENT, {
      intent: "dispute",
      attendanceId: second,
      reason: "当天泳池关闭，没有上课",
    });
    expect(disputed.status).toBe(302);

    const refund = await callAction(enrollmentAction, detailPath(), detailParams(), PARENT, {
      intent: "requestRefund",
      reason: "孩子转学",
    });
    expect(refund.status).toBe(302);
    const again = await callAction(enrollmentAction, detailPath(), detailParams(), PARENT, {
      intent: "requestRefund",
      reason: "孩子转学",
    });
    expect(again.status).toBe(409);
    expect((again.body as { formError: string }).formError).toBe("escrow.refund.alreadyOpen");

    const { body } = await callLoader(enrollmentLoader, `${detailPath()}?done=requestRefund`, detailParams(), PARENT);
    const page = body as Awaited<ReturnType<typeof enrollmentLoader>>;
    expect(page.done).toBe("requestRefund");
    expect(page.detail.attendances.map((a) => [a.id, a.status, a.disputeReason])).toEqual(
      expect.arrayContaining([
        [first, "CONFIRMED", null],
        [second, "DISPUTED", "当天泳池关闭，没有上课"],
      ]),
    );
    expect(page.detail.figures.consumedFen).toBe(PRICE_FEN);
    expect(page.detail.figures.reserveFen).toBeGreaterThan(0);
    expect(page.detail.figures.settledFen).toBe(PRICE_FEN - page.detail.figures.reserveFen);
    expect(page.detail.refundable).toBe(false);
    expect(page.detail.refunds).toEqual([
      expect.objectContaining({ origin: "PARENT", status: "REQUESTED", lessons: 8, amountFen: 8 * PRICE_FEN }),
    ]);
    expect(page.detail.refunds[0]?.respondBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const html = renderPage(EnrollmentPage, "/account/enrollments/:enrollmentId", detailPath(), body, "en");
    expect(html).toContain("Refund request sent");
    expect(html).toContain("Waiting for the institution");
    expect(html).toContain("The institution must answer by");
  });
});
