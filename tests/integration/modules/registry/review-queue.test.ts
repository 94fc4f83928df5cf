import { requestChanges, startReview } from "~/modules/registry/filing.server";
import type { ReviewQueueRow } from "~/modules/registry/review-queue.server";
import ReviewQueue, { action, loader } from "~/routes/gov.$authority.reviews._index";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  authorityId,
  callAction,
  callLoader,
  cookieFor,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  openInstitution,
  renderPage,
  submitInitial,
  submittedDaysAgo,
  writeCounts,
  XIHU_INSPECTOR,
  ZHEJIANG_ADMIN,
} from "./review-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const hangzhouScope = { userId: HANGZHOU_ADMIN, authorityId: authorityId("330100"), platform: false };
const filings: Record<"xihuOld" | "xihuNew" | "xihuUnderReview" | "binjiang" | "sentBack" | "yinzhou", string> = {
  xihuOld: "",
  xihuNew: "",
  xihuUnderReview: "",
  binjiang: "",
  sentBack: "",
  yinzhou: "",
};

beforeAll(async () => {
  await seedDemoData();
  const plan = [
    ["xihuOld", "330106", "西湖老牌游泳学校", 10],
    ["xihuNew", "330106", "西湖新开游泳馆", 3],
    ["xihuUnderReview", "330106", "西湖审核中游泳队", 1],
    ["binjiang", "330108", "滨江游泳俱乐部", 5],
    ["sentBack", "330106", "西湖退回修改游泳班", 20],
    ["yinzhou", "330212", "鄞州游泳学校", 30],
  ] as const;
  for (const [key, district, name, days] of plan) {
    const institution = await openInstitution(owner, district, name);
    filings[key] = await submitInitial(institution, district);
    await submittedDaysAgo(owner, filings[key], days);
  }
  await startReview(hangzhouScope, filings.xihuUnderReview);
  await startReview(hangzhouScope, filings.sentBack);
  await requestChanges(hangzhouScope, filings.sentBack, "材料不全", [{ path: "venues", comment: "补充场地" }]);
});

type QueueBody = {
  rows: ReviewQueueRow[];
  total: number;
  candidates: Record<string, { id: string; role: string }[]>;
  fieldErrors: Record<string, string[]>;
};

async function queue(slug: string, user: string | null, search = "") {
  const answer = await callLoader(loader, `/gov/${slug}/reviews${search}`, { authority: slug }, user);
  return { status: answer.status, body: answer.body as QueueBody, headers: answer.headers };
}
const idsOf = (rows: ReviewQueueRow[]) => rows.map((r) => r.id);

describe("the review queue", () => {
  it("lists the jurisdiction's waiting filings, longest waiting first, with district, kind and waiting days", async () => {
    const { status, body } = await queue("hangzhou", HANGZHOU_ADMIN);
    expect(status).toBe(200);
    expect(idsOf(body.rows)).toEqual([filings.xihuOld, filings.binjiang, filings.xihuNew, filings.xihuUnderReview]);
    expect(body.rows.map((r) => r.waitingDays)).toEqual([10, 5, 3, 1]);
    expect(body.total).toBe(4);
    expect(body.rows[0]).toMatchObject({
      kind: "INITIAL",
      status: "SUBMITTED",
      institution: { name: "西湖老牌游泳学校" },
      district: { name: "杭州市西湖区文化和广电旅游体育局" },
      reviewer: null,
    });
    expect(body.rows[3]?.reviewer?.id).toBe(HANGZHOU_ADMIN);
  });

  it("never shows another city's filings, and answers 404 for another city's queue", async () => {
    const hangzhou = await queue("hangzhou", HANGZHOU_ADMIN, "?status=all");
    expect(idsOf(hangzhou.body.rows)).not.toContain(filings.yinzhou);
    const ningbo = await queue("ningbo", NINGBO_ADMIN, "?status=all");
    expect(idsOf(ningbo.body.rows)).toEqual([filings.yinzhou]);
    expect((await queue("ningbo", HANGZHOU_ADMIN)).status).toBe(404);
  });

  it("shows a district inspector the district's filings only, and nothing above it", async () => {
    const xihu = await queue("hangzhou-xihu", XIHU_INSPECTOR);
    expect(idsOf(xihu.body.rows)).toEqual([filings.xihuOld, filings.xihuNew, filings.xihuUnderReview]);
    expect((await queue("hangzhou", XIHU_INSPECTOR)).status).toBe(404);
  });

  it("filters by status, kind, district and reviewer, and sorts newest first on request", async () => {
    const run = async (search: string) => idsOf((await queue("hangzhou", HANGZHOU_ADMIN, search)).body.rows);
    expect(await run("?status=all")).toEqual([
      filings.sentBack,
      filings.xihuOld,
      filings.binjiang,
      filings.xihuNew,
      filings.xihuUnderReview,
    ]);
    expect(await run("?status=CHANGES_REQUESTED")).toEqual([filings.sentBack]);
    expect(await run("?status=UNDER_REVIEW")).toEqual([filings.xihuUnderReview]);
    expect(await run(`?district=${authorityId("330108")}`)).toEqual([filings.binjiang]);
    expect(await run(`?district=${authorityId("330212")}`)).toEqual([]);
    expect(await run("?kind=CHANGE")).toEqual([]);
    expect(await run("?kind=INITIAL&reviewer=me")).toEqual([filings.xihuUnderReview]);
    expect(await run("?reviewer=unassigned")).toEqual([filings.xihuOld, filings.binjiang, filings.xihuNew]);
    expect(await run("?sort=newest")).toEqual([
      filings.xihuUnderReview,
      filings.xihuNew,
      filings.binjiang,
      filings.xihuOld,
    ]);
    expect(await run("?page=2")).toEqual([]);
  });

  it("answers bad filters with 400 and field errors, not a 500", async () => {
    const { status, body } = await queue("hangzhou", HANGZHOU_ADMIN, "?status=bogus&page=0&district=x");
    expect(status).toBe(400);
    expect(Object.keys(body.fieldErrors).sort()).toEqual(["district", "page", "status"]);
    expect(body.rows).toEqual([]);
  });

  it("lists the reviewers who may be assigned: the district's and those above it, never another city's", async () => {
    const { body } = await queue("hangzhou", HANGZHOU_ADMIN);
    const xihu = (body.candidates[authorityId("330106")] ?? []).map((c) => c.id);
    expect(xihu).toEqual(expect.arrayContaining([XIHU_INSPECTOR, HANGZHOU_ADMIN, ZHEJIANG_ADMIN]));
    expect(xihu).not.toContain(NINGBO_ADMIN);
    expect(xihu.indexOf(XIHU_INSPECTOR)).toBeLessThan(xihu.indexOf(ZHEJIANG_ADMIN));
    const binjiang = (body.candidates[authorityId("330108")] ?? []).map((c) => c.id);
    expect(binjiang).not.toContain(XIHU_INSPECTOR);
  });

  it("renders the queue with its filters and, for an admin, a reviewer choice per row, in both languages", async () => {
    const { body } = await queue("hangzhou", HANGZHOU_ADMIN);
    const zh = renderPage(ReviewQueue, "gov/:authority/reviews", "/gov/hangzhou/reviews", body, "zh-CN");
    for (const text of ["备案审核", "等待最久的在前", "西湖老牌游泳学校", "10 天", "请选择审核人", "?index"]) {
      expect(zh).toContain(text);
    }
    const en = renderPage(ReviewQueue, "gov/:authority/reviews", "/gov/hangzhou/reviews", body, "en");
    expect(en).toContain("Longest waiting first");
    const inspector = await queue("hangzhou-xihu", XIHU_INSPECTOR, "?reviewer=unassigned");
    const html = renderPage(
      ReviewQueue,
      "gov/:authority/reviews",
      "/gov/hangzhou-xihu/reviews",
      inspector.body,
      "zh-CN",
    );
    expect(html).toContain("由我审核");
    expect(html).not.toContain("请选择审核人");
    const empty = await queue("hangzhou", HANGZHOU_ADMIN, "?kind=ANNUAL");
    expect(renderPage(ReviewQueue, "gov/:authority/reviews", "/gov/hangzhou/reviews", empty.body, "zh-CN")).toContain(
      "没有符合筛选条件的备案",
    );
  });

  it("sends a signed-out visitor to sign in", async () => {
    const { status, headers } = await queue("hangzhou", null);
    expect(status).toBe(302);
    expect(headers.get("Location")).toBe("/login?redirectTo=%2Fgov%2Fhangzhou%2Freviews");
  });
});

describe("assigning a reviewer from the queue", () => {
  const assign = (slug: string, user: string, fields: Record<string, string>) =>
    callAction(action, `/gov/${slug}/reviews?index`, { authority: slug }, user, { intent: "assign", ...fields });

  it("lets an admin assign an eligible reviewer, and audits it", async () => {
    const answer = await assign("hangzhou", HANGZHOU_ADMIN, { filingId: filings.xihuOld, reviewerId: XIHU_INSPECTOR });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, done: "assign" });
    const filing = await owner.filing.findUniqueOrThrow({ where: { id: filings.xihuOld } });
    expect(filing.assignedReviewerId).toBe(XIHU_INSPECTOR);
    expect(
      await owner.auditEvent.count({ where: { entityId: filings.xihuOld, action: "registry.filing.assigned" } }),
    ).toBe(1);
    const mine = await queue("hangzhou-xihu", XIHU_INSPECTOR, "?reviewer=me");
    expect(idsOf(mine.body.rows)).toEqual([filings.xihuOld]);
  });

  it("refuses a reviewer from another city, and writes nothing", async () => {
    const before = await writeCounts(owner, filings.xihuNew);
    const answer = await assign("hangzhou", HANGZHOU_ADMIN, { filingId: filings.xihuNew, reviewerId: NINGBO_ADMIN });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ fieldErrors: { reviewerId: ["validation.review.notCandidate"] } });
    expect(await writeCounts(owner, filings.xihuNew)).toEqual(before);
  });

  it("lets an inspector take an unassigned filing, but not hand filings to others", async () => {
    const refused = await assign("hangzhou-xihu", XIHU_INSPECTOR, {
      filingId: filings.xihuNew,
      reviewerId: HANGZHOU_ADMIN,
    });
    expect(refused.status).toBe(403);
    const taken = await assign("hangzhou-xihu", XIHU_INSPECTOR, {
      filingId: filings.xihuNew,
      reviewerId: XIHU_INSPECTOR,
    });
    expect(taken.status).toBe(200);
    expect((await owner.filing.findUniqueOrThrow({ where: { id: filings.xihuNew } })).assignedReviewerId).toBe(
      XIHU_INSPECTOR,
    );
  });

  it("answers 409 for a filing that is no longer waiting for review", async () => {
    const answer = await assign("hangzhou", HANGZHOU_ADMIN, { filingId: filings.sentBack, reviewerId: XIHU_INSPECTOR });
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ formError: "govReview.error.transitionRefused" });
  });

  it("answers 404 for another city's filing and 400 for a form without a filing", async () => {
    const before = await writeCounts(owner, filings.yinzhou);
    const foreign = await assign("hangzhou", HANGZHOU_ADMIN, { filingId: filings.yinzhou, reviewerId: HANGZHOU_ADMIN });
    expect(foreign.status).toBe(404);
    expect(await writeCounts(owner, filings.yinzhou)).toEqual(before);
    expect((await assign("hangzhou", HANGZHOU_ADMIN, { reviewerId: HANGZHOU_ADMIN })).status).toBe(400);
    const noIntent = await callAction(
      action,
      "/gov/hangzhou/reviews?index",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
      {},
    );
    expect(noIntent.status).toBe(400);
  });

  it("needs a session for the action too", async () => {
    expect(await cookieFor(HANGZHOU_ADMIN)).toContain("=");
    const anonymous = await callAction(action, "/gov/hangzhou/reviews?index", { authority: "hangzhou" }, null, {
      intent: "assign",
    });
    expect(anonymous.status).toBe(302);
  });
});
