import type { PrecheckView } from "~/components/compliance/precheck";
import { startFiling, submitFiling, updateDraft } from "~/modules/registry/filing.server";
import ReviewStep, { loader as reviewLoader } from "~/routes/org.$institutionId.filing.review";
import { completeContent, creditCodeFor } from "../../../fixtures/registration-content";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { callLoader, openInstitution, renderPage, type TestInstitution } from "../registry/review-fixtures";

// The filing wizard's last step shows the compliance pre-check of the draft before submission.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

let institution: TestInstitution;
let filingId = "";

beforeAll(async () => {
  await seedDemoData();
  institution = await openInstitution(owner, "330106", "西湖预检游泳馆");
  filingId = await startFiling(institution.applicant, institution.id, "INITIAL");
});

const review = async () => {
  const answer = await callLoader(
    reviewLoader,
    `/org/${institution.id}/filing/review`,
    { institutionId: institution.id },
    institution.applicant.userId,
  );
  return { status: answer.status, body: answer.body as { precheck: PrecheckView | null } };
};

describe("the compliance pre-check before submission", () => {
  it("asks for a complete draft first", async () => {
    const { status, body } = await review();
    expect(status).toBe(200);
    expect(body.precheck).toEqual({ complete: false, grade: null, findings: [] });
  });

  it("shows the grade the complete draft would get and its findings, nothing stored", async () => {
    const content = completeContent();
    await updateDraft(institution.applicant, filingId, "all", () => ({
      ...content,
      entity: { ...content.entity, name: institution.name, creditCode: creditCodeFor("330106") },
    }));
    const { body } = await review();
    expect(body.precheck?.complete).toBe(true);
    expect(body.precheck?.grade).toMatch(/^[A-E]$/);
    expect(body.precheck?.findings.length).toBeGreaterThan(0);
    expect(await owner.complianceReport.count({ where: { institutionId: institution.id } })).toBe(0);
    const html = renderPage(
      ReviewStep,
      "org/:institutionId/filing/review",
      `/org/${institution.id}/filing/review`,
      body,
      "zh-CN",
    );
    expect(html).toContain("提交前的合规预检");
    expect(html).toContain("预计等级：");
    expect(html).toMatch(/[A-E] 级 · /);
    // Every finding reads as a sentence: no catalog key, no unfilled placeholder.
    expect(html).not.toContain("compliance.evidence.");
    expect(html).not.toMatch(/\{[A-Za-z]+\}/);
  });

  it("is gone once the filing is submitted", async () => {
    await submitFiling(institution.applicant, filingId);
    expect((await review()).body.precheck).toBeNull();
  });
});
