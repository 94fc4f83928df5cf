import { executeRefund } from "~/modules/escrow/refunds.server";
import { latestClosureRefunds } from "~/modules/operations/background-work.server";
import { changeRegistration } from "~/modules/registry/filing.server";
import GovInstitutionPage, {
  loader as govInstitutionLoader,
} from "~/routes/gov.$authority.institutions.$institutionId";
import { loader as govProgressLoader } from "~/routes/gov.$authority.progress[.json]";
import OrgEscrowPage, { loader as orgEscrowLoader } from "~/routes/org.$institutionId.escrow";
import { loader as orgProgressLoader } from "~/routes/org.$institutionId.progress[.json]";
import { stableId } from "../../../../prisma/seed/stable-id";
import { runRefundOnClosure } from "../../../../workers/handlers/escrow";
import { ownerClient } from "../../../support/demo-database";
import {
  buyLessons,
  memberScope,
  processAllEvents,
  regulatorScope,
  SELLER,
  setUpSeller,
  userId,
} from "../escrow/escrow-fixtures";
import { callLoader, renderPage } from "../registry/review-fixtures";

// The refunds of a suspended institution, followed from the suspension to the last refund paid:
// the request written with the suspension, the job's progress (once, whatever retries), and the
// pages of the regulator and of the institution, shut to another tenant and another institution.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

const ENROLLMENTS = 5;
const HANGZHOU_ADMIN = userId("hangzhou.admin@tipei.example");
const NINGBO_ADMIN = userId("ningbo.admin@tipei.example");
const FOREIGN_MEMBER = userId("yinzhou.football@tipei.example");
const hangzhou = { ...regulatorScope("hangzhou.admin@tipei.example", "330100"), userId: HANGZHOU_ADMIN };
const XIHU = stableId("authority", "330106");
const ningbo = regulatorScope("ningbo.admin@tipei.example", "330200");
let enrollmentIds: string[] = [];

beforeAll(async () => {
  await setUpSeller(owner);
  for (let i = 0; i < ENROLLMENTS; i += 1) {
    const { enrollmentId } = await buyLessons(4, { trainee: `停业${i}` });
    enrollmentIds.push(enrollmentId);
  }
  enrollmentIds = enrollmentIds.sort();
}, 120_000);

const job = (id: string, attemptsMade = 0) => ({
  name: "refund-on-closure",
  id,
  timestamp: 1_765_000_000_000,
  attemptsMade,
  opts: { attempts: 5 },
});
const rows = () =>
  owner.backgroundWork.findMany({ where: { institutionId: SELLER.id }, orderBy: { requestedAt: "asc" } });
const govPath = () => `/gov/hangzhou/institutions/${SELLER.id}`;
const govParams = () => ({ authority: "hangzhou", institutionId: SELLER.id });

describe("closure refunds and their progress", () => {
  it("the suspension writes the request; the regulator and the institution's members see it queued", async () => {
    await changeRegistration(hangzhou, SELLER.id, "suspend", "检查发现重大安全隐患，暂停登记。");
    expect((await rows()).map((r) => [r.status, r.trigger, r.authorityId === XIHU])).toEqual([
      ["QUEUED", "closure", true],
    ]);
    expect(await latestClosureRefunds(hangzhou, SELLER.id)).toMatchObject({ run: { status: "QUEUED" } });
    expect(await latestClosureRefunds(memberScope(SELLER.adminEmail), SELLER.id)).toMatchObject({
      run: { status: "QUEUED" },
    });
    // Another city and another institution's people: nothing.
    expect(await latestClosureRefunds(ningbo, SELLER.id)).toBeNull();
    expect(await latestClosureRefunds(memberScope("yinzhou.football@tipei.example"), SELLER.id)).toBeNull();
  });

  it("a job cut in the middle is retried without counting an enrollment twice, and ends at done = total", async () => {
    // The third enrollment (in the job's id order) cannot be closed: the first attempt dies there.
    const cut = enrollmentIds[2] ?? "";
    await owner.$executeRawUnsafe(`
      CREATE FUNCTION test_cut_closure() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.id = '${cut}'::uuid THEN RAISE EXCEPTION 'worker lost its database'; END IF; RETURN NEW; END $$`);
    await owner.$executeRawUnsafe(
      "CREATE TRIGGER test_cut_closure BEFORE UPDATE ON enrollment FOR EACH ROW EXECUTE FUNCTION test_cut_closure()",
    );
    try {
      await expect(runRefundOnClosure(SELLER.id, job("outbox-closure", 0))).rejects.toThrow(/worker lost its database/);
    } finally {
      await owner.$executeRawUnsafe("DROP TRIGGER test_cut_closure ON enrollment");
      await owner.$executeRawUnsafe("DROP FUNCTION test_cut_closure()");
    }
    const [cutRun] = await rows();
    expect(cutRun).toMatchObject({ status: "RUNNING", total: ENROLLMENTS, attempts: 1 });
    expect(cutRun?.done).toBeLessThanOrEqual(2);
    expect(await owner.enrollment.count({ where: { institutionId: SELLER.id, status: "ACTIVE" } })).toBe(3);

    // BullMQ hands the same job back: the second attempt finds three left and counts from two.
    await runRefundOnClosure(SELLER.id, job("outbox-closure", 1));
    const [finished] = await rows();
    expect(finished).toMatchObject({ status: "DONE", done: ENROLLMENTS, total: ENROLLMENTS, attempts: 2 });
    expect(await owner.refundRequest.count({ where: { institutionId: SELLER.id, origin: "CLOSURE" } })).toBe(
      ENROLLMENTS,
    );

    // The same job delivered again after it finished: no second run, no new row, same figures.
    await runRefundOnClosure(SELLER.id, job("outbox-closure", 0));
    expect((await rows()).map((r) => [r.status, r.done, r.total])).toEqual([["DONE", ENROLLMENTS, ENROLLMENTS]]);
  });

  it("the pages show the run done and the refunds' payments as the provider pays them", async () => {
    const before = await latestClosureRefunds(hangzhou, SELLER.id);
    expect(before?.payments).toMatchObject({ total: ENROLLMENTS, paid: 0, failed: 0 });
    for (const r of await owner.refundRequest.findMany({ where: { institutionId: SELLER.id, origin: "CLOSURE" } })) {
      await executeRefund(r.id);
    }
    await processAllEvents();
    const after = await latestClosureRefunds(memberScope(SELLER.adminEmail), SELLER.id);
    expect(after?.payments).toMatchObject({ total: ENROLLMENTS, paid: ENROLLMENTS, failed: 0 });
    expect(after?.payments.amountFen).toBe(ENROLLMENTS * 4 * SELLER.priceFen);

    const gov = await callLoader(govInstitutionLoader, govPath(), govParams(), HANGZHOU_ADMIN);
    expect(gov.status).toBe(200);
    expect(gov.body).toMatchObject({ closure: { run: { status: "DONE", done: ENROLLMENTS, total: ENROLLMENTS } } });
    const govHtml = renderPage(
      GovInstitutionPage,
      "gov/:authority/institutions/:institutionId",
      govPath(),
      gov.body,
      "zh-CN",
    );
    expect(govHtml).toContain(`${ENROLLMENTS} 份报名已结束`);
    expect(govHtml).toContain(`已退回家长 ${ENROLLMENTS} / ${ENROLLMENTS} 笔`);

    const orgPath = `/org/${SELLER.id}/escrow`;
    const admin = (await owner.user.findUniqueOrThrow({ where: { email: SELLER.adminEmail } })).id;
    const org = await callLoader(orgEscrowLoader, orgPath, { institutionId: SELLER.id }, admin);
    expect(org.body).toMatchObject({ closure: { run: { status: "DONE" } } });
    const orgHtml = renderPage(OrgEscrowPage, "org/:institutionId/escrow", orgPath, org.body, "en");
    expect(orgHtml).toContain(`Refunds on closure processed`);
    expect(orgHtml).toContain(`${ENROLLMENTS} of ${ENROLLMENTS} paid back to the parents`);
  });

  it("the pages poll a running run, and another tenant or institution gets 404", async () => {
    await owner.backgroundWork.updateMany({
      where: { institutionId: SELLER.id },
      data: { status: "RUNNING", done: 2, finishedAt: null },
    });
    const gov = await callLoader(govInstitutionLoader, govPath(), govParams(), HANGZHOU_ADMIN);
    const html = renderPage(
      GovInstitutionPage,
      "gov/:authority/institutions/:institutionId",
      govPath(),
      gov.body,
      "zh-CN",
    );
    expect(html).toContain(`正在退还未消费的预付费：已处理 2 / ${ENROLLMENTS} 份报名`);
    expect(html).toContain("<progress");

    const pollPath = `/gov/hangzhou/progress.json?of=closure&institution=${SELLER.id}`;
    const polled = await callLoader(govProgressLoader, pollPath, { authority: "hangzhou" }, HANGZHOU_ADMIN);
    expect(polled.body).toMatchObject({ work: { status: "RUNNING", done: 2 }, payments: { total: ENROLLMENTS } });
    // Ningbo in its own workspace asking for a Hangzhou institution: 404, not an empty answer.
    const foreignPoll = await callLoader(
      govProgressLoader,
      `/gov/ningbo/progress.json?of=closure&institution=${SELLER.id}`,
      { authority: "ningbo" },
      NINGBO_ADMIN,
    );
    expect(foreignPoll.status).toBe(404);

    const admin = (await owner.user.findUniqueOrThrow({ where: { email: SELLER.adminEmail } })).id;
    const own = await callLoader(
      orgProgressLoader,
      `/org/${SELLER.id}/progress.json`,
      { institutionId: SELLER.id },
      admin,
    );
    expect(own.body).toMatchObject({ work: { status: "RUNNING", done: 2, total: ENROLLMENTS } });
    const stranger = await callLoader(
      orgProgressLoader,
      `/org/${SELLER.id}/progress.json`,
      { institutionId: SELLER.id },
      FOREIGN_MEMBER,
    );
    expect(stranger.status).toBe(404);
  });
});
