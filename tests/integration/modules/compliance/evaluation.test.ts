import {
  evaluateDraftForPrecheck,
  evaluateInstitutions,
  evaluateJurisdiction,
} from "~/modules/compliance/evaluation.server";
import { REGISTRY_DEMO_AS_OF } from "../../../../prisma/seed/registry-calendar";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { registryDemoPlan } from "../../../../prisma/seed/registry-plan";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";

const owner = ownerClient();
const HANGZHOU = stableId("authority", "330100");
const PER_DISTRICT = 8;

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: PER_DISTRICT });
}, 60_000);
afterAll(() => owner.$disconnect());

async function registeredIds(): Promise<string[]> {
  const rows = await owner.institution.findMany({
    where: { status: { in: ["APPROVED", "SUSPENDED"] } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** The risk re-scoring queued per institution (the job outbox), with its signal. */
async function riskSignals(): Promise<Map<string, string>> {
  const rows = await owner.jobOutbox.findMany({ where: { name: "score-risk-institution" } });
  const payloads = rows.map((r) => r.payload as { institutionId: string; signal: string });
  expect(new Set(payloads.map((p) => p.institutionId)).size).toBe(payloads.length);
  return new Map(payloads.map((p) => [p.institutionId, p.signal]));
}

describe("evaluating registered institutions", () => {
  it("stores a report with every finding, grades the institution, and finds each planted breach", async () => {
    const ids = await registeredIds();
    const summary = await evaluateInstitutions(ids, { trigger: "manual", asOf: REGISTRY_DEMO_AS_OF });
    expect(summary.evaluated).toBe(ids.length);
    expect(summary.reportsWritten).toBe(ids.length);

    const planted = registryDemoPlan(PER_DISTRICT).filter((e) => e.breach !== null && e.status === "APPROVED");
    expect(planted.length).toBeGreaterThan(0);
    for (const entry of planted) {
      const institution = await owner.institution.findUniqueOrThrow({ where: { id: entry.id } });
      expect(institution.complianceGrade, entry.id).not.toBe("A");
      const fails = await owner.complianceFinding.findMany({
        where: { reportId: institution.complianceReportId ?? "", outcome: "FAIL" },
        select: { ruleCode: true },
      });
      expect(
        fails.map((f) => f.ruleCode),
        `${entry.id} planted ${entry.breach}`,
      ).toContain(entry.breach);
    }
    // Each rule that starts failing re-scores the institution's risk, named by its signal.
    const signals = await riskSignals();
    for (const entry of planted) {
      expect(signals.get(entry.id), entry.id).toBe(entry.breach === "HRS-01" ? "expiredPermit" : "failedFinding");
    }
    const report = await owner.complianceReport.findFirstOrThrow({ include: { findings: true } });
    expect(report).toMatchObject({ standardsVersion: "2026.11", subject: "APPROVED", trigger: "manual" });
    expect(report.findings.length).toBeGreaterThanOrEqual(36);
  });

  it("writes nothing new when nothing changed, and a new report when a parameter did", async () => {
    const ids = await registeredIds();
    const before = await owner.complianceReport.count();
    const signalsBefore = (await riskSignals()).size;
    const again = await evaluateInstitutions(ids, { trigger: "nightly", asOf: REGISTRY_DEMO_AS_OF });
    expect(again.reportsWritten).toBe(0);
    // Rules that were already failing are no new signal.
    expect((await riskSignals()).size).toBe(signalsBefore);
    expect(await owner.complianceReport.count()).toBe(before);

    // Hangzhou lowers the class-size limit: its institutions get new reports, Ningbo's do not.
    await owner.authority.update({
      where: { id: HANGZHOU },
      data: {
        settings: { version: 1, overrides: { "STF-01.maxClassSize": [{ effectiveFrom: "2026-01-01", value: 5 }] } },
      },
    });
    const changed = await evaluateJurisdiction(HANGZHOU, { trigger: "settings", asOf: REGISTRY_DEMO_AS_OF });
    expect(changed.reportsWritten).toBeGreaterThan(0);
    const hangzhouFails = await owner.complianceFinding.count({
      where: { ruleCode: "STF-01", outcome: "FAIL", report: { trigger: "settings" } },
    });
    expect(hangzhouFails).toBeGreaterThan(0);
    const ningbo = await owner.complianceReport.count({
      where: {
        trigger: "settings",
        authorityId: { in: ["330203", "330205", "330212"].map((c) => stableId("authority", c)) },
      },
    });
    expect(ningbo).toBe(0);
  });

  it("gives an applicant the pre-check of a complete draft without storing anything", async () => {
    const draftEntry = registryDemoPlan(PER_DISTRICT).find((e) => e.status === "SUBMITTED");
    if (!draftEntry) throw new Error("the demo plan has a submitted filing");
    const filing = await owner.filing.findFirstOrThrow({ where: { institutionId: draftEntry.id } });
    const before = await owner.complianceReport.count();
    const precheck = await evaluateDraftForPrecheck({ userId: null, authorityId: null, platform: true }, filing.id);
    expect(precheck.complete).toBe(true);
    expect(precheck.grade).toMatch(/^[A-E]$/);
    expect(precheck.findings.some((f) => f.rule === "HRS-02" || f.rule === "HRS-04")).toBe(true);
    expect(await owner.complianceReport.count()).toBe(before);
  });
});
