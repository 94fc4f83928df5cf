import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import { scoreIfNeverScored } from "../../../workers/handlers/risk";
import { ownerClient, seedDemoData } from "../../support/demo-database";

// A worker starting on a deployment that was never scored asks for a scoring run per province at
// once (deduplicated when several workers start together); once anything is scored it asks nothing.
const owner = ownerClient();
const connection = new Redis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379", { maxRetriesPerRequest: null });
const queue = new Queue("risk", { connection, prefix: process.env.REDIS_PREFIX });
afterAll(async () => {
  await queue.close();
  await connection.quit();
  await owner.$disconnect();
});

const waitingTenantRuns = async () =>
  (await queue.getJobs(["waiting", "delayed", "prioritized"])).filter((j) => j.name === "score-risk-tenant").length;

describe("the first risk scoring", () => {
  it("is queued once per province when nothing was ever scored, however many workers start", async () => {
    await seedDemoData();
    await seedRegistryDemo(owner, { institutionsPerDistrict: 2 });
    expect(await Promise.all([scoreIfNeverScored(), scoreIfNeverScored()])).toEqual([true, true]);
    expect(await waitingTenantRuns()).toBe(1);
  });

  it("is not queued again once an institution has been scored", async () => {
    const institution = await owner.institution.findFirstOrThrow({ where: { status: "APPROVED" } });
    await owner.institution.update({ where: { id: institution.id }, data: { riskAssessedAt: new Date() } });
    await queue.drain();
    expect(await scoreIfNeverScored()).toBe(false);
    expect(await waitingTenantRuns()).toBe(0);
  });
});
