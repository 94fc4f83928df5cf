import type { Locale } from "~/lib/i18n/catalog";
import { startFiling, submitFiling, updateDraft } from "~/modules/registry/filing.server";
import type { FilingReview } from "~/modules/registry/review-read.server";
import ReviewPage, { action, loader } from "~/routes/gov.$authority.reviews.$filingId";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  callAction,
  callLoader,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  openInstitution,
  renderPage,
  submitInitial,
  type TestInstitution,
  writeCounts,
  XIHU_INSPECTOR,
} from "./review-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

let swim: TestInstitution;
let chess: TestInstitution;
let swimFiling = "";
let chessFiling = "";

beforeAll(async () => {
  await seedDemoData();
  swim = await openInstitution(owner, "330106", "西湖浪里游泳学校");
  chess = await openInstitution(owner, "330106", "西湖弈林游泳棋院");
  swimFiling = await submitInitial(swim, "330106");
  chessFiling = await submitInitial(chess, "330106");
});

type ReviewBody = FilingReview & { rights: { start: boolean; decide: boolean }; candidates: { id: string }[] };

const review = (slug: string, filingId: string, user: string | null) =>
  callLoader(loader, `/gov/${slug}/reviews/${filingId}`, { authority: slug, filingId }, user);
const decide = (slug: string, filingId: string, user: string, fields: Record<string, string>) =>
  callAction(action, `/gov/${slug}/reviews/${filingId}`, { authority: slug, filingId }, user, fields);

async function emailsTo(address: string, kind: string) {
  return owner.emailOutbox.findMany({ where: { toAddress: address, kind }, select: { subject: true, textBody: true } });
}

describe("the review page", () => {
  it("shows the frozen snapshot, not the draft the institution may still hold", async () => {
    // Nothing the institution can do changes a submitted draft; forge one to prove the page ignores it.
    const submitted = await owner.filing.findUniqueOrThrow({ where: { id: swimFiling } });
    await owner.filing.update({
      where: { id: swimFiling },
      data: { draft: { version: 1, venues: [], coaches: [], courses: [] } },
    });
    const { status, body } = await review("hangzhou", swimFiling, HANGZHOU_ADMIN);
    await owner.filing.update({ where: { id: swimFiling }, data: { draft: submitted.draft ?? {} } });
    expect(status).toBe(200);
    const page = body as ReviewBody;
    expect(page.snapshot.entity?.name).toBe("西湖浪里游泳学校");
    expect(page.snapshot.venues).toHaveLength(1);
    expect(page.diff).toEqual({ state: "initial" });
    // The reviewer sees the engine's findings on the snapshot (completeContent's lifeguard-only coach fails STF-03).
    expect(page.compliance).toMatchObject({ complete: true, grade: expect.stringMatching(/^[A-E]$/) });
    expect(page.compliance.findings.some((f) => f.rule === "STF-03" && f.outcome === "FAIL")).toBe(true);
    expect(page.history.map((h) => h.filingStatus)).toEqual(["SUBMITTED"]);
    expect(page.rights).toEqual({ start: true, decide: true });
  });

  it("answers 404 to another city's regulator, for an unknown or malformed id, and for a draft never submitted", async () => {
    expect((await review("ningbo", swimFiling, NINGBO_ADMIN)).status).toBe(404);
    expect((await review("hangzhou", swimFiling, NINGBO_ADMIN)).status).toBe(404);
    expect((await review("hangzhou", "00000000-0000-4000-8000-000000000000", HANGZHOU_ADMIN)).status).toBe(404);
    expect((await review("hangzhou", "not-a-uuid", HANGZHOU_ADMIN)).status).toBe(404);
    const drafting = await openInstitution(owner, "330106", "西湖草稿中心");
    const draft = await startFiling(drafting.applicant, drafting.id, "INITIAL");
    expect((await review("hangzhou", draft, HANGZHOU_ADMIN)).status).toBe(404);
  });

  it("renders in Chinese and in English with the snapshot, the compliance findings and the decision", async () => {
    for (const [locale, expected] of [
      ["zh-CN", ["提交的备案材料", "按今天的标准检查提交的材料", "文三路游泳馆", "开始审核", "¥120.00"]],
      [
        "en",
        ["The filing as submitted", "The submitted filing checked against today", "Start the review", "CN¥120.00"],
      ],
    ] as const) {
      const { body } = await review("hangzhou", swimFiling, HANGZHOU_ADMIN);
      const html = render(body, locale);
      for (const text of expected) expect(html).toContain(text);
    }
  });
});

describe("decisions through the review page", () => {
  it("starts the review: under review, assigned to the one who opened it, recorded and audited", async () => {
    const answer = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, { intent: "startReview" });
    expect(answer).toMatchObject({ status: 200, body: { ok: true, done: "startReview" } });
    const filing = await owner.filing.findUniqueOrThrow({ where: { id: swimFiling }, include: { institution: true } });
    expect(filing).toMatchObject({ status: "UNDER_REVIEW", assignedReviewerId: HANGZHOU_ADMIN });
    expect(filing.institution.status).toBe("UNDER_REVIEW");
    expect(
      await owner.auditEvent.count({ where: { entityId: swimFiling, action: "registry.filing.startReview" } }),
    ).toBe(1);
  });

  it("refuses a decision by an inspector the filing is not assigned to, and writes nothing", async () => {
    const before = await writeCounts(owner, swimFiling);
    const answer = await decide("hangzhou-xihu", swimFiling, XIHU_INSPECTOR, { intent: "approve" });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ formError: "govReview.error.forbidden" });
    expect(await writeCounts(owner, swimFiling)).toEqual(before);
    const { body } = await review("hangzhou-xihu", swimFiling, XIHU_INSPECTOR);
    expect((body as ReviewBody).rights).toEqual({ start: false, decide: false });
  });

  it("refuses a rejection without a reason and a change request without comments, and writes nothing", async () => {
    const before = await writeCounts(owner, swimFiling);
    const noReason = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, { intent: "reject", rejectReason: "  " });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ fieldErrors: { rejectReason: ["validation.required"] } });
    const noComments = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, {
      intent: "requestChanges",
      reason: "请修改",
    });
    expect(noComments.status).toBe(400);
    expect(noComments.body).toMatchObject({ fieldErrors: { comment1: ["validation.review.commentNeeded"] } });
    const commentWithoutPlace = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, {
      intent: "requestChanges",
      reason: "请修改",
      field1: "venues[文三路游泳馆].aed",
      comment2: "这里也要改",
    });
    expect(commentWithoutPlace.status).toBe(400);
    expect(commentWithoutPlace.body).toMatchObject({
      fieldErrors: { comment1: ["validation.required"], field2: ["validation.review.choosePath"] },
    });
    const unknownIntent = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, { intent: "delete" });
    expect(unknownIntent.status).toBe(400);
    expect(await writeCounts(owner, swimFiling)).toEqual(before);
  });

  it("sends the filing back with comments per field: state, history, audit and an email with the comments", async () => {
    const answer = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, {
      intent: "requestChanges",
      reason: "场地材料需要补充",
      field1: "venues[文三路游泳馆].aed",
      comment1: "请说明 AED 的放置位置",
      field2: "documents",
      other2: "消防验收意见书第 2 页",
      comment2: "扫描件缺页",
    });
    expect(answer).toMatchObject({ status: 200, body: { ok: true, done: "requestChanges" } });
    const filing = await owner.filing.findUniqueOrThrow({ where: { id: swimFiling }, include: { institution: true } });
    expect(filing.status).toBe("CHANGES_REQUESTED");
    expect(filing.institution.status).toBe("CHANGES_REQUESTED");
    expect(filing.changeRequests).toEqual([
      { path: "venues[文三路游泳馆].aed", comment: "请说明 AED 的放置位置" },
      { path: "消防验收意见书第 2 页", comment: "扫描件缺页" },
    ]);
    const history = await owner.institutionStatusEvent.findFirstOrThrow({
      where: { filingId: swimFiling, filingStatus: "CHANGES_REQUESTED" },
    });
    expect(history).toMatchObject({ toStatus: "CHANGES_REQUESTED", reason: "场地材料需要补充" });
    expect(
      await owner.auditEvent.count({ where: { entityId: swimFiling, action: "registry.filing.requestChanges" } }),
    ).toBe(1);
    const [email] = await emailsTo(swim.adminEmail, "registry.changesRequested");
    expect(email?.textBody).toContain("venues[文三路游泳馆].aed: 请说明 AED 的放置位置");
    expect(email?.textBody).toContain("场地材料需要补充");
    const { body } = await review("hangzhou", swimFiling, HANGZHOU_ADMIN);
    expect((body as ReviewBody).filing.changeRequests).toHaveLength(2);
  });

  it("approves a resubmitted filing once: registration number, history, audit and email; a second approval is a 409", async () => {
    await updateDraft(swim.applicant, swimFiling, "venues", (d) => ({
      ...d,
      venues: d.venues.map((v) => ({ ...v, name: "文三路游泳馆（主馆）" })),
    }));
    await submitFiling(swim.applicant, swimFiling);
    expect(await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, { intent: "startReview" })).toMatchObject({
      status: 200,
    });
    const approved = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, { intent: "approve" });
    expect(approved).toMatchObject({ status: 200, body: { ok: true, done: "approve" } });
    const registrationNo = (approved.body as { registrationNo: string }).registrationNo;
    expect(registrationNo).toMatch(/^330106-\d{4}-\d{4}$/);
    const institution = await owner.institution.findUniqueOrThrow({ where: { id: swim.id } });
    expect(institution).toMatchObject({ status: "APPROVED", registrationNo });
    expect(await owner.auditEvent.count({ where: { entityId: swimFiling, action: "registry.filing.approve" } })).toBe(
      1,
    );
    const [email] = await emailsTo(swim.adminEmail, "registry.approved");
    expect(email?.subject).toContain(registrationNo);

    const before = await writeCounts(owner, swimFiling);
    const again = await decide("hangzhou", swimFiling, HANGZHOU_ADMIN, { intent: "approve" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ formError: "govReview.error.transitionRefused" });
    expect(await writeCounts(owner, swimFiling)).toEqual(before);
    const history = await owner.institutionStatusEvent.findMany({
      where: { institutionId: swim.id },
      orderBy: { occurredAt: "asc" },
    });
    expect(history.map((h) => h.toStatus)).toEqual([
      "SUBMITTED",
      "UNDER_REVIEW",
      "CHANGES_REQUESTED",
      "SUBMITTED",
      "UNDER_REVIEW",
      "APPROVED",
    ]);
  });

  it("refuses a decision before the review started with a 409, not a 500", async () => {
    const before = await writeCounts(owner, chessFiling);
    const early = await decide("hangzhou", chessFiling, HANGZHOU_ADMIN, { intent: "reject", rejectReason: "太早" });
    expect(early.status).toBe(409);
    expect(await writeCounts(owner, chessFiling)).toEqual(before);
  });

  it("lets an inspector open an unassigned review and then decide it: a rejection with its reason, emailed", async () => {
    expect(await decide("hangzhou-xihu", chessFiling, XIHU_INSPECTOR, { intent: "startReview" })).toMatchObject({
      status: 200,
    });
    expect((await owner.filing.findUniqueOrThrow({ where: { id: chessFiling } })).assignedReviewerId).toBe(
      XIHU_INSPECTOR,
    );
    const rejected = await decide("hangzhou-xihu", chessFiling, XIHU_INSPECTOR, {
      intent: "reject",
      rejectReason: "场地位于地下室且无消防验收",
    });
    expect(rejected).toMatchObject({ status: 200, body: { ok: true, done: "reject" } });
    const filing = await owner.filing.findUniqueOrThrow({ where: { id: chessFiling }, include: { institution: true } });
    expect(filing).toMatchObject({ status: "REJECTED", decisionReason: "场地位于地下室且无消防验收" });
    expect(filing.institution.status).toBe("REJECTED");
    const [email] = await emailsTo(chess.adminEmail, "registry.rejected");
    expect(email?.textBody).toContain("场地位于地下室且无消防验收");
    expect(await owner.auditEvent.count({ where: { entityId: chessFiling, action: "registry.filing.reject" } })).toBe(
      1,
    );
  });

  it("answers another city's regulator 404 on a decision, and writes nothing", async () => {
    const changeFiling = await startFiling(swim.applicant, swim.id, "CHANGE");
    await submitFiling(swim.applicant, changeFiling);
    const before = await writeCounts(owner, changeFiling);
    expect((await decide("ningbo", changeFiling, NINGBO_ADMIN, { intent: "startReview" })).status).toBe(404);
    expect((await decide("hangzhou", changeFiling, NINGBO_ADMIN, { intent: "startReview" })).status).toBe(404);
    expect((await decide("hangzhou", "not-a-uuid", HANGZHOU_ADMIN, { intent: "startReview" })).status).toBe(404);
    expect(await writeCounts(owner, changeFiling)).toEqual(before);
  });
});

describe("a change filing under review", () => {
  it("shows the difference from the approved content, field by field", async () => {
    const open = await owner.filing.findFirstOrThrow({ where: { institutionId: swim.id, kind: "CHANGE" } });
    await owner.filing.update({ where: { id: open.id }, data: { status: "WITHDRAWN" } });
    const changeFiling = await startFiling(swim.applicant, swim.id, "CHANGE");
    await updateDraft(swim.applicant, changeFiling, "venues", (d) => ({
      ...d,
      venues: d.venues.map((v) => ({ ...v, trainingAreaM2: 650 })),
    }));
    await submitFiling(swim.applicant, changeFiling);
    const { body } = await review("hangzhou", changeFiling, HANGZHOU_ADMIN);
    const page = body as ReviewBody;
    expect(page.diff).toEqual({
      state: "compared",
      changes: [
        expect.objectContaining({
          kind: "changed",
          path: "venues[文三路游泳馆（主馆）].trainingAreaM2",
          before: 600,
          after: 650,
        }),
      ],
    });
    const html = render(body, "zh-CN");
    expect(html).toContain("与已备案版本的差异");
    expect(html).toContain("venues[文三路游泳馆（主馆）].trainingAreaM2");
    expect(html).toContain("训练面积（平方米）");
  });
});

function render(data: unknown, locale: Locale): string {
  return renderPage(ReviewPage, "gov/:authority/reviews/:filingId", "/gov/hangzhou/reviews/x", data, locale);
}
