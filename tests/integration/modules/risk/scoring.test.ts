import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { relayOutboxBatch } from "~/lib/jobs/outbox-relay.server";
import { scoreInstitution, scoreInstitutions, scoreTenant } from "~/modules/risk/scoring.server";
import { scoreRiskSoon } from "~/modules/risk/scoring-triggers.server";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";

const owner = ownerClient();
const ZHEJIANG = stableId("authority", "330000");
const HANGZHOU = stableId("authority", "330100");
const XIHU = stableId("authority", "330106");
const PARENT = stableId("user", "parent@tipei.example");
const HANGZHOU_ADMIN = stableId("user", "hangzhou.admin@tipei.example");

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
}, 120_000);
afterAll(() => owner.$disconnect());

const scored = (where: object = {}) =>
  owner.institution.count({ where: { status: { in: ["APPROVED", "SUSPENDED"] }, ...where } });

async function scoreOf(institutionId: string): Promise<number> {
  await scoreInstitution(institutionId, { trigger: "manual" });
  const row = await owner.institution.findUniqueOrThrow({ where: { id: institutionId } });
  return row.riskScore ?? -1;
}

describe("risk scoring", () => {
  it("scores every registered institution of a tenant once, with its factors, and points the institution at it", async () => {
    const result = await scoreTenant(ZHEJIANG, { trigger: "nightly" });
    expect(result.scored).toBe(await scored());
    expect(await owner.riskAssessment.count({ where: { runId: result.runId } })).toBe(result.scored);
    const unscored = await owner.institution.count({
      where: { status: { in: ["APPROVED", "SUSPENDED"] }, riskAssessmentId: null },
    });
    expect(unscored).toBe(0);
    const one = await owner.riskAssessment.findFirstOrThrow({ where: { runId: result.runId } });
    expect(one.modelVersion).toBe("risk-1.0");
    expect(Array.isArray(one.factors)).toBe(true);
  });

  it("raises an institution's score with each signal, one by one", async () => {
    const target = await owner.institution.findFirstOrThrow({
      where: { authorityId: XIHU, status: "APPROVED" },
      orderBy: { riskScore: "asc" },
    });
    const base = { institutionId: target.id, authorityId: XIHU };
    const steps: [string, () => Promise<unknown>][] = [
      [
        "a complaint",
        () =>
          owner.complaint.create({
            data: { ...base, parentUserId: PARENT, category: "SAFETY", description: "泳池无救生员" },
          }),
      ],
      [
        "a fund warning",
        () => owner.fundWarning.create({ data: { ...base, reason: "BALANCE", level: "YELLOW", measured: {} } }),
      ],
      [
        "an overdue rectification order",
        () =>
          owner.rectificationOrder.create({
            data: {
              ...base,
              issuingAuthorityId: XIHU,
              issuedById: HANGZHOU_ADMIN,
              instructions: "整改",
              deadline: new Date("2026-01-01"),
              status: "OVERDUE",
              escalatedAt: new Date(),
            },
          }),
      ],
      [
        "a failed critical finding",
        async () => {
          const report = await owner.complianceReport.create({
            data: {
              ...base,
              asOf: new Date("2026-12-01"),
              standardsVersion: "test",
              trigger: "manual",
              subject: "APPROVED",
              grade: "D",
              failCount: 1,
              warningCount: 0,
              parameters: {},
              findings: {
                create: {
                  institutionId: target.id,
                  authorityId: XIHU,
                  ruleCode: "HRS-02",
                  outcome: "FAIL",
                  severity: "CRITICAL",
                  entityType: "venue",
                  evidence: {},
                },
              },
            },
          });
          await owner.institution.update({ where: { id: target.id }, data: { complianceReportId: report.id } });
        },
      ],
      [
        "an expired certificate",
        async () => {
          const coachId = randomUUID();
          await owner.coach.create({
            data: { ...base, id: coachId, name: "过期教练", fullTime: true, servingSchoolTeacher: false },
          });
          await owner.coachCertificate.create({
            data: {
              ...base,
              id: randomUUID(),
              coachId,
              type: "SOCIAL_SPORTS_INSTRUCTOR",
              number: "X-1",
              expiresOn: new Date("2020-01-01"),
            },
          });
        },
      ],
    ];
    let previous = await scoreOf(target.id);
    for (const [name, addSignal] of steps) {
      await addSignal();
      const next = await scoreOf(target.id);
      expect(next, name).toBeGreaterThan(previous);
      previous = next;
    }
    const latest = await owner.riskAssessment.findFirstOrThrow({
      where: { institutionId: target.id },
      orderBy: { assessedAt: "desc" },
    });
    const codes = (latest.factors as { code: string }[]).map((f) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        "COMPLAINTS",
        "FUND_WARNING",
        "RECTIFICATION_OVERDUE",
        "FINDING_CRITICAL",
        "CERT_EXPIRED",
      ]),
    );
    // Another tenant's institutions were not touched by the signals.
    const history = await owner.riskAssessment.count({ where: { institutionId: target.id } });
    expect(history).toBe(1 + 1 + steps.length);
  });

  it("writes nothing more when the same run is run again", async () => {
    const runId = randomUUID();
    const first = await scoreTenant(HANGZHOU, { trigger: "manual", runId });
    expect(first.scored).toBeGreaterThan(0);
    const again = await scoreTenant(HANGZHOU, { trigger: "manual", runId });
    expect(again.scored).toBe(0);
    expect(await owner.riskAssessment.count({ where: { runId } })).toBe(first.scored);
  });

  it("writes a batch in several statements, in one transaction, the same assessments as in one", async () => {
    const now = new Date();
    const whole = await scoreTenant(ZHEJIANG, { trigger: "manual", now });
    // One institution a statement: every institution of the tenant's one batch in a statement of its own.
    const split = await scoreTenant(ZHEJIANG, { trigger: "manual", now, statementChars: 1 });
    expect(whole.batches).toBe(1);
    expect(split.batches).toBe(1);
    expect(split.scored).toBe(await scored());
    expect(split.scored).toBeGreaterThan(2);
    expect(split.byLevel).toEqual(whole.byLevel);
    const assessments = (runId: string) =>
      owner.riskAssessment.findMany({
        where: { runId },
        orderBy: { institutionId: "asc" },
        select: {
          institutionId: true,
          score: true,
          level: true,
          creditGrade: true,
          likelihood: true,
          magnitude: true,
          factors: true,
        },
      });
    const written = await assessments(split.runId);
    expect(written.length).toBe(split.scored);
    expect(written).toEqual(await assessments(whole.runId));
  });

  it("completes a run stopped half-way, every institution once", async () => {
    const runId = randomUUID();
    const expected = await scored({ authority: { parentId: HANGZHOU } });
    expect(expected).toBeGreaterThan(2);
    await expect(
      scoreInstitutions(
        { authorityId: HANGZHOU },
        {
          trigger: "nightly",
          runId,
          batchSize: 2,
          afterBatch: () => {
            throw new Error("worker killed");
          },
        },
      ),
    ).rejects.toThrow("worker killed");
    expect(await owner.riskAssessment.count({ where: { runId } })).toBe(2);
    const resumed = await scoreInstitutions({ authorityId: HANGZHOU }, { trigger: "nightly", runId, batchSize: 2 });
    expect(resumed.scored).toBe(expected - 2);
    const rows = await owner.riskAssessment.groupBy({ by: ["institutionId"], where: { runId }, _count: true });
    expect(rows.length).toBe(expected);
    expect(rows.every((r) => r._count === 1)).toBe(true);
  });

  it("queues one scoring job for a burst of signals", async () => {
    const institution = await owner.institution.findFirstOrThrow({ where: { authorityId: XIHU, status: "APPROVED" } });
    const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
    const queue = new Queue("risk", { connection, prefix: process.env.REDIS_PREFIX });
    try {
      const before = await queue.getJobCounts("waiting", "delayed", "prioritized");
      await unsafeAsSystem(async (db) => {
        await scoreRiskSoon(db, institution.id, "complaint");
        await scoreRiskSoon(db, institution.id, "complaint");
        await scoreRiskSoon(db, institution.id, "fundWarning");
      });
      while ((await relayOutboxBatch()).relayed > 0);
      const after = await queue.getJobCounts("waiting", "delayed", "prioritized");
      const total = (c: Record<string, number>) => Object.values(c).reduce((s, n) => s + n, 0);
      expect(total(after) - total(before)).toBe(1);
      const jobs = await queue.getJobs(["waiting", "prioritized", "delayed"]);
      expect(jobs.filter((j) => j.data.institutionId === institution.id)).toHaveLength(1);
    } finally {
      await queue.close();
      await connection.quit();
    }
  });
});
