import { randomUUID } from "node:crypto";
import { addDays, isoDateInChina } from "~/lib/china-date";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { workingDayAfter } from "~/modules/escrow/calendar.server";
import { courseOffer } from "~/modules/escrow/checkout.server";
import { weekdayOf } from "~/modules/escrow/lesson-schedule";
import { capturePayment } from "~/modules/escrow/payments.server";
import { usePaymentProviderForTests } from "~/modules/escrow/providers/provider.server";
import { SimulatedProvider } from "~/modules/escrow/providers/simulated.server";
import { requestRefund } from "~/modules/escrow/refunds.server";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";
import EscrowPage, { action as escrowAction, loader as escrowLoader } from "~/routes/org.$institutionId.escrow";
import LessonsPage, { action as lessonsAction, loader as lessonsLoader } from "~/routes/org.$institutionId.lessons";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { loadContext, outcome, settle } from "../../../support/remix-calls";
import { authorityId, callAction, callLoader, cookieFor, renderPage, userId } from "../registry/review-fixtures";

// The institution's side of the escrow, through the route modules as the demo institution people:
// enabling funds supervision (admins only), recording lessons (any member), answering refunds
// (admins only), and another institution's admin shut out of all of it.

const owner = ownerClient();

const XIHU = authorityId("330106");
const SWIM = stableId("institution", "xihu-swim");
const FOOTBALL = stableId("institution", "yinzhou-football");
const ADMIN = userId("xihu.swim@tipei.example");
const STAFF = userId("xihu.swim.staff@tipei.example");
const FOREIGN_ADMIN = userId("yinzhou.football@tipei.example");
const PARENT = userId("parent@tipei.example");
const PARENT_SCOPE = { userId: PARENT, authorityId: null, platform: false };
const PRICE = 15_000;
const LESSONS = 10;
const TODAY = isoDateInChina();
const REGISTRATION_NO = "330106-2026-9901";

const escrowPath = (institution: string) => `/org/${institution}/escrow`;
const lessonsPath = (institution: string) => `/org/${institution}/lessons`;
const params = (institution: string) => ({ institutionId: institution });

const COURSE_A = randomUUID();
const COURSE_B = randomUUID();
let serial = 0;

async function createCourse(id: string, name: string) {
  await owner.course.create({
    data: {
      id,
      institutionId: SWIM,
      authorityId: XIHU,
      name,
      sport: "游泳",
      ageMin: 6,
      ageMax: 12,
      classSize: 10,
      coachesPerClass: 1,
      lessonMinutes: 60,
      lessonCount: 20,
      pricePerLessonFen: PRICE,
      online: false,
    },
  });
}

/** An active enrollment of the demo parent in a course of xihu-swim, paid and captured into escrow. */
async function paidEnrollment(courseId: string, trainee: string): Promise<string> {
  serial += 1;
  const amountFen = PRICE * LESSONS;
  const enrollment = await owner.enrollment.create({
    data: {
      institutionId: SWIM,
      authorityId: XIHU,
      courseId,
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
      periodStart: new Date(`${TODAY}T00:00:00Z`),
      periodEnd: new Date(`${addDays(TODAY, 180)}T00:00:00Z`),
    },
  });
  const payment = await owner.payment.create({
    data: {
      enrollmentId: enrollment.id,
      institutionId: SWIM,
      authorityId: XIHU,
      parentUserId: PARENT,
      provider: "simulated",
      amountFen,
    },
  });
  await unsafeAsSystem((db) =>
    capturePayment(db, { paymentId: payment.id, paymentIntentId: `sim_pi_org_pages_${serial}`, amountFen }),
  );
  return enrollment.id;
}

/** Posts a form whose fields may repeat (checkboxes), as a browser does. */
async function postForm(
  action: typeof lessonsAction,
  path: string,
  routeParams: Record<string, string>,
  user: string,
  entries: [string, string][],
) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: await cookieFor(user) });
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(entries),
    headers,
  });
  return outcome(await settle(() => action({ request, params: routeParams, context: loadContext() })));
}

const lessonEntries = (courseId: string, date: string, start: string, enrollmentIds: string[]): [string, string][] => [
  ["courseId", courseId],
  ["lessonDate", date],
  ["startTime", start],
  ["endTime", `${String(Number(start.slice(0, 2)) + 1).padStart(2, "0")}:${start.slice(3)}`],
  ...enrollmentIds.map((id): [string, string] => ["enrollmentIds", id]),
];

async function lessonWrites() {
  return {
    lessons: await owner.lesson.count({ where: { institutionId: SWIM } }),
    attendances: await owner.lessonAttendance.count({ where: { institutionId: SWIM } }),
    audit: await owner.auditEvent.count(),
  };
}

async function funds(institution: string) {
  const rows = await owner.$queryRaw<{ escrow_fen: bigint; refunds_payable_fen: bigint }[]>`
    SELECT escrow_fen, refunds_payable_fen FROM institution_funds WHERE institution_id = ${institution}::uuid`;
  return { escrow: Number(rows[0]?.escrow_fen ?? 0), refundsPayable: Number(rows[0]?.refunds_payable_fen ?? 0) };
}

const refundOf = (id: string) =>
  owner.refundRequest.findUniqueOrThrow({
    where: { id },
    select: { status: true, decidedBy: true, decidedById: true, institutionResponse: true, amountFen: true },
  });

let aliceEnrollment = "";
let bobEnrollment = "";
let coraEnrollment = "";

beforeAll(async () => {
  usePaymentProviderForTests(new SimulatedProvider());
  await seedDemoData();
  // xihu-swim as a registered school: approved, with two courses (A on a weekly slot) and trainees.
  await owner.institution.update({
    where: { id: SWIM },
    data: { status: "APPROVED", registrationNo: REGISTRATION_NO, fundsSupervisionEnabled: false },
  });
  await createCourse(COURSE_A, "少儿游泳初级班");
  await createCourse(COURSE_B, "少儿游泳提高班");
  await owner.scheduleSlot.create({
    data: {
      id: randomUUID(),
      courseId: COURSE_A,
      institutionId: SWIM,
      authorityId: XIHU,
      weekday: weekdayOf(TODAY),
      startTime: "09:00",
      endTime: "10:00",
    },
  });
  aliceEnrollment = await paidEnrollment(COURSE_A, "王小爱");
  bobEnrollment = await paidEnrollment(COURSE_A, "李小波");
  coraEnrollment = await paidEnrollment(COURSE_B, "陈小可");
});

afterAll(async () => {
  usePaymentProviderForTests(null);
  await owner.$disconnect();
});

describe("enabling funds supervision", () => {
  it("refuses the staff with 403 and writes nothing", async () => {
    const audit = await owner.auditEvent.count();
    const res = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), STAFF, {
      intent: "enableFundsSupervision",
    });
    expect(res.status).toBe(403);
    expect(await owner.paymentAccount.count({ where: { institutionId: SWIM } })).toBe(0);
    expect((await owner.institution.findUniqueOrThrow({ where: { id: SWIM } })).fundsSupervisionEnabled).toBe(false);
    expect(await owner.auditEvent.count()).toBe(audit);
  });

  it("refuses an institution whose registration is not approved, writing nothing", async () => {
    const audit = await owner.auditEvent.count();
    const res = await callAction(escrowAction, escrowPath(FOOTBALL), params(FOOTBALL), FOREIGN_ADMIN, {
      intent: "enableFundsSupervision",
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ ok: false, formError: "escrowOrg.account.notApproved" });
    expect(await owner.paymentAccount.count({ where: { institutionId: FOOTBALL } })).toBe(0);
    expect(await owner.auditEvent.count()).toBe(audit);
    // Its page still opens, with nothing held and the account not enabled.
    const page = await callLoader(escrowLoader, escrowPath(FOOTBALL), params(FOOTBALL), FOREIGN_ADMIN);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      canManage: true,
      figures: { supervisedFen: 0, awaitingConfirmationFen: 0, payableFen: 0, paidOutFen: 0 },
      account: { institutionStatus: "DRAFT", fundsSupervisionEnabled: false, account: null },
      refundsToAnswer: [],
      payouts: [],
      warnings: [],
    });
  });

  it("lets the admin enable it: the simulated account is active at once, the school can sell, and it is audited", async () => {
    expect((await courseOffer(REGISTRATION_NO, COURSE_A))?.notForSale).toBe("escrow.offer.noFundsSupervision");
    const res = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {
      intent: "enableFundsSupervision",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${escrowPath(SWIM)}?notice=enabled`);
    const account = await owner.paymentAccount.findUniqueOrThrow({ where: { institutionId: SWIM } });
    expect(account).toMatchObject({
      provider: "simulated",
      status: "ACTIVE",
      chargesEnabled: true,
      payoutsEnabled: true,
      authorityId: XIHU,
    });
    expect((await owner.institution.findUniqueOrThrow({ where: { id: SWIM } })).fundsSupervisionEnabled).toBe(true);
    expect((await courseOffer(REGISTRATION_NO, COURSE_A))?.notForSale).toBeNull();
    const events = await owner.auditEvent.findMany({
      where: { action: "escrow.fundsSupervisionEnabled", entityId: SWIM },
      select: { actorUserId: true, authorityId: true, after: true },
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: ADMIN,
      authorityId: XIHU,
      after: { fundsSupervisionEnabled: true },
    });

    // Asking again changes nothing: one account, one event.
    const again = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {
      intent: "enableFundsSupervision",
    });
    expect(again.status).toBe(302);
    expect(await owner.paymentAccount.count({ where: { institutionId: SWIM } })).toBe(1);
    expect(await owner.auditEvent.count({ where: { action: "escrow.fundsSupervisionEnabled", entityId: SWIM } })).toBe(
      1,
    );
  });

  it("shows both members the account's state; only the admin may act on it", async () => {
    const asAdmin = await callLoader(escrowLoader, escrowPath(SWIM), params(SWIM), ADMIN);
    const asStaff = await callLoader(escrowLoader, escrowPath(SWIM), params(SWIM), STAFF);
    expect(asAdmin.status).toBe(200);
    expect(asStaff.status).toBe(200);
    expect(asAdmin.body).toMatchObject({
      canManage: true,
      account: { fundsSupervisionEnabled: true, account: { status: "ACTIVE" } },
      figures: { supervisedFen: 3 * PRICE * LESSONS },
    });
    expect(asStaff.body).toMatchObject({ canManage: false });
  });
});

describe("recording lessons", () => {
  it("lets the staff record a lesson: one attendance a trainee, due on a working day after today", async () => {
    const before = await lessonWrites();
    const res = await postForm(
      lessonsAction,
      lessonsPath(SWIM),
      params(SWIM),
      STAFF,
      lessonEntries(COURSE_A, TODAY, "09:00", [aliceEnrollment, bobEnrollment]),
    );
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${lessonsPath(SWIM)}?course=${COURSE_A}&recorded=2&date=${TODAY}`);
    const attendances = await owner.lessonAttendance.findMany({
      where: { enrollmentId: { in: [aliceEnrollment, bobEnrollment] } },
      select: { status: true, priceFen: true, confirmDueOn: true },
    });
    expect(attendances).toHaveLength(2);
    const settings = await resolveSettingsFor(XIHU, TODAY);
    const expectedDue = await unsafeAsSystem((db) =>
      workingDayAfter(db, XIHU, TODAY, settings.get("ESCROW.autoConfirmWorkingDays")),
    );
    for (const a of attendances) {
      const due = a.confirmDueOn.toISOString().slice(0, 10);
      expect(a).toMatchObject({ status: "PENDING", priceFen: PRICE });
      expect(due > TODAY).toBe(true);
      expect(due).toBe(expectedDue);
    }
    expect(await lessonWrites()).toMatchObject({
      lessons: before.lessons + 1,
      attendances: before.attendances + 2,
    });
  });

  it("shows the lesson with its answers pending and the trainees' lessons left", async () => {
    const res = await callLoader(lessonsLoader, lessonsPath(SWIM), params(SWIM), ADMIN);
    expect(res.status).toBe(200);
    const body = res.body as {
      courses: { id: string; slots: unknown[]; trainees: { traineeName: string; left: number; recorded: number }[] }[];
      lessons: { courseName: string; lessonDate: string; attendances: { status: string; confirmDueOn: string }[] }[];
    };
    const courseA = body.courses.find((c) => c.id === COURSE_A);
    expect(courseA?.slots).toEqual([{ weekday: weekdayOf(TODAY), startTime: "09:00", endTime: "10:00" }]);
    expect(courseA?.trainees).toEqual(
      expect.arrayContaining([expect.objectContaining({ traineeName: "王小爱", recorded: 1, left: LESSONS - 1 })]),
    );
    expect(body.lessons[0]).toMatchObject({ courseName: "少儿游泳初级班", lessonDate: TODAY });
    expect(body.lessons[0]?.attendances.map((a) => a.status)).toEqual(["PENDING", "PENDING"]);
  });

  it("refuses a trainee not enrolled in the course with 400, writing nothing", async () => {
    const before = await lessonWrites();
    const res = await postForm(
      lessonsAction,
      lessonsPath(SWIM),
      params(SWIM),
      ADMIN,
      lessonEntries(COURSE_A, TODAY, "11:00", [aliceEnrollment, coraEnrollment]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, formError: "validation.escrow.notEnrolled" });
    expect(await lessonWrites()).toEqual(before);
  });

  it("refuses a day in the future with 400, writing nothing", async () => {
    const before = await lessonWrites();
    const res = await postForm(
      lessonsAction,
      lessonsPath(SWIM),
      params(SWIM),
      STAFF,
      lessonEntries(COURSE_A, addDays(TODAY, 1), "09:00", [aliceEnrollment]),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ ok: false, formError: "validation.escrow.lessonDateRange" });
    expect(await lessonWrites()).toEqual(before);
  });

  it("refuses a form without trainees with 400 and says which field", async () => {
    const before = await lessonWrites();
    const res = await postForm(
      lessonsAction,
      lessonsPath(SWIM),
      params(SWIM),
      STAFF,
      lessonEntries(COURSE_A, TODAY, "13:00", []),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ fieldErrors: { enrollmentIds: ["validation.escrow.chooseTrainees"] } });
    expect(await lessonWrites()).toEqual(before);
  });
});

describe("answering refund requests", () => {
  it("accepts a refund: it is approved and the ledger moves its amount out of escrow", async () => {
    const { refundId } = await requestRefund(PARENT_SCOPE, bobEnrollment, "孩子搬家，不能继续上课。");
    const requested = await refundOf(refundId);
    expect(requested.amountFen).toBe((LESSONS - 1) * PRICE);
    const before = await funds(SWIM);

    const shown = await callLoader(escrowLoader, escrowPath(SWIM), params(SWIM), ADMIN);
    expect(shown.body).toMatchObject({
      refundsToAnswer: [expect.objectContaining({ id: refundId, traineeName: "李小波" })],
    });

    const res = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {
      intent: "acceptRefund",
      refundId,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`${escrowPath(SWIM)}?notice=accepted`);
    expect(await refundOf(refundId)).toMatchObject({
      status: "APPROVED",
      decidedBy: "INSTITUTION",
      decidedById: ADMIN,
    });
    const after = await funds(SWIM);
    expect(after.escrow).toBe(before.escrow - requested.amountFen);
    expect(after.refundsPayable).toBe(before.refundsPayable + requested.amountFen);
  });

  it("needs a reason to contest a refund, and the staff may not answer at all", async () => {
    const { refundId } = await requestRefund(PARENT_SCOPE, coraEnrollment, "课程时间与学校冲突。");

    const staff = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), STAFF, {
      intent: "acceptRefund",
      refundId,
    });
    expect(staff.status).toBe(403);
    expect((await refundOf(refundId)).status).toBe("REQUESTED");

    const bare = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {
      intent: "contestRefund",
      refundId,
      response: " ",
    });
    expect(bare.status).toBe(400);
    expect(bare.body).toMatchObject({ refundId, fieldErrors: { response: ["validation.escrow.contestReason"] } });
    expect((await refundOf(refundId)).status).toBe("REQUESTED");

    const contested = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {
      intent: "contestRefund",
      refundId,
      response: "家长已确认过调课安排，课程可以继续。",
    });
    expect(contested.status).toBe(302);
    expect(await refundOf(refundId)).toMatchObject({
      status: "CONTESTED",
      institutionResponse: "家长已确认过调课安排，课程可以继续。",
    });

    // Answered once: a second answer is refused without a change.
    const twice = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {
      intent: "acceptRefund",
      refundId,
    });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ formError: "escrow.refund.alreadyAnswered" });
    expect((await refundOf(refundId)).status).toBe("CONTESTED");
  });

  it("refuses an empty form with 400", async () => {
    const res = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), ADMIN, {});
    expect(res.status).toBe(400);
  });
});

describe("another institution's admin", () => {
  it("gets 404 on both pages and cannot answer this institution's refund", async () => {
    expect((await callLoader(escrowLoader, escrowPath(SWIM), params(SWIM), FOREIGN_ADMIN)).status).toBe(404);
    expect((await callLoader(lessonsLoader, lessonsPath(SWIM), params(SWIM), FOREIGN_ADMIN)).status).toBe(404);

    const { refundId } = await requestRefund(PARENT_SCOPE, aliceEnrollment, "想换一家离家近的机构。");
    const onTheirPage = await callAction(escrowAction, escrowPath(SWIM), params(SWIM), FOREIGN_ADMIN, {
      intent: "acceptRefund",
      refundId,
    });
    expect(onTheirPage.status).toBe(404);
    const fromOwnPage = await callAction(escrowAction, escrowPath(FOOTBALL), params(FOOTBALL), FOREIGN_ADMIN, {
      intent: "acceptRefund",
      refundId,
    });
    expect(fromOwnPage.status).toBe(404);
    expect((await refundOf(refundId)).status).toBe("REQUESTED");

    const lesson = await postForm(
      lessonsAction,
      lessonsPath(SWIM),
      params(SWIM),
      FOREIGN_ADMIN,
      lessonEntries(COURSE_A, TODAY, "15:00", [aliceEnrollment]),
    );
    expect(lesson.status).toBe(404);
  });
});

describe("the pages", () => {
  it("render in both languages with the figures, the lists and their empty states", async () => {
    const escrow = await callLoader(escrowLoader, escrowPath(SWIM), params(SWIM), STAFF);
    const lessons = await callLoader(lessonsLoader, lessonsPath(SWIM), params(SWIM), STAFF);
    const zhEscrow = renderPage(EscrowPage, "/org/:institutionId/escrow", escrowPath(SWIM), escrow.body, "zh-CN");
    expect(zhEscrow).toContain("资金监管");
    expect(zhEscrow).toContain("待答复的退费申请");
    expect(zhEscrow).toContain("只有机构管理员可以答复退费申请");
    expect(zhEscrow).toContain("还没有付款");
    const enEscrow = renderPage(EscrowPage, "/org/:institutionId/escrow", escrowPath(SWIM), escrow.body, "en");
    expect(enEscrow).toContain("Funds at a glance");
    const zhLessons = renderPage(LessonsPage, "/org/:institutionId/lessons", lessonsPath(SWIM), lessons.body, "zh-CN");
    expect(zhLessons).toContain("记录这节课");
    expect(zhLessons).toContain("王小爱");
    expect(zhLessons).toContain("待确认");
    const enLessons = renderPage(LessonsPage, "/org/:institutionId/lessons", lessonsPath(SWIM), lessons.body, "en");
    expect(enLessons).toContain("Record this lesson");
  });
});

describe("when the payment provider cannot be reached", () => {
  it("answers 503 with the localized message and writes nothing", async () => {
    await owner.institution.update({ where: { id: FOOTBALL }, data: { status: "APPROVED" } });
    const down = new SimulatedProvider();
    down.createConnectedAccount = async () => {
      throw new Error("connect ECONNREFUSED");
    };
    usePaymentProviderForTests(down);
    try {
      const audit = await owner.auditEvent.count();
      const res = await callAction(escrowAction, escrowPath(FOOTBALL), params(FOOTBALL), FOREIGN_ADMIN, {
        intent: "enableFundsSupervision",
      });
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ formError: "escrowOrg.account.providerUnavailable" });
      expect(await owner.paymentAccount.count({ where: { institutionId: FOOTBALL } })).toBe(0);
      expect((await owner.institution.findUniqueOrThrow({ where: { id: FOOTBALL } })).fundsSupervisionEnabled).toBe(
        false,
      );
      expect(await owner.auditEvent.count()).toBe(audit);
    } finally {
      usePaymentProviderForTests(new SimulatedProvider());
      await owner.institution.update({ where: { id: FOOTBALL }, data: { status: "DRAFT" } });
    }
  });
});
