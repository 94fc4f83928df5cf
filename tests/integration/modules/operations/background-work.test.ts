import { inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { evaluateJurisdiction } from "~/modules/compliance/evaluation.server";
import { evaluateJurisdictionSoon } from "~/modules/compliance/evaluation-triggers.server";
import {
  latestReevaluation,
  requestWork,
  runTracked,
  type TrackedRun,
} from "~/modules/operations/background-work.server";
import ComplianceList, { loader as complianceLoader } from "~/routes/gov.$authority.compliance._index";
import { loader as progressLoader } from "~/routes/gov.$authority.progress[.json]";
import { loader as settingsLoader } from "~/routes/gov.$authority.settings";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { stableId } from "../../../../prisma/seed/stable-id";
import { runEvaluateJurisdiction } from "../../../../workers/handlers/compliance";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { callLoader, renderPage } from "../registry/review-fixtures";

const owner = ownerClient();
const HANGZHOU = stableId("authority", "330100");
const XIHU = stableId("authority", "330106");
const NINGBO = stableId("authority", "330200");
const HANGZHOU_ADMIN = stableId("user", "hangzhou.admin@tipei.example");
const NINGBO_ADMIN = stableId("user", "ningbo.admin@tipei.example");
const XIHU_SWIM_ADMIN = stableId("user", "xihu.swim@tipei.example");
const hangzhouScope = { userId: HANGZHOU_ADMIN, authorityId: HANGZHOU, platform: false };
const ningboScope = { userId: NINGBO_ADMIN, authorityId: NINGBO, platform: false };
const memberScope = { userId: XIHU_SWIM_ADMIN, authorityId: null, platform: false };

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
}, 60_000);
afterAll(() => owner.$disconnect());
beforeEach(async () => {
  await owner.backgroundWork.deleteMany();
});

const reevaluations = () =>
  owner.backgroundWork.findMany({ where: { kind: "COMPLIANCE_REEVALUATION" }, orderBy: { requestedAt: "asc" } });

async function registeredIn(authorityId: string): Promise<number> {
  const rows = await inScope({ userId: null, authorityId, platform: false }, (db) =>
    db.institution.count({ where: { status: { in: ["APPROVED", "SUSPENDED"] } } }),
  );
  return rows;
}

/** A job as BullMQ hands it to the handler: `attemptsMade` attempts failed before this one. */
const job = (id: string, attemptsMade = 0) => ({
  name: "evaluate-jurisdiction",
  id,
  timestamp: 1_765_000_000_000,
  attemptsMade,
  opts: { attempts: 5 },
});

/** The run's progress as every batch recorded it (read back by the owner, outside the batch). */
function watching(run: TrackedRun, seen: { done: number; total: number }[]): TrackedRun {
  return {
    ...run,
    record: async (db, progress) => {
      await run.record(db, progress);
      seen.push({ done: progress.done, total: progress.total });
    },
  };
}

describe("progress of a jurisdiction's re-evaluation", () => {
  it("a settings change queues one request, however many changes come before the job starts", async () => {
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    const rows = await reevaluations();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ authorityId: HANGZHOU, status: "QUEUED", trigger: "settings", runKey: null });
    expect(await latestReevaluation(hangzhouScope, HANGZHOU)).toMatchObject({ status: "QUEUED", done: 0 });
  });

  it("the job claims the request, records each batch as it commits and finishes with done = total", async () => {
    const expected = await registeredIn(HANGZHOU);
    expect(expected).toBeGreaterThan(6);
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    const seen: { done: number; total: number }[] = [];
    const observed: number[] = [];
    await runTracked(
      { kind: "COMPLIANCE_REEVALUATION", authorityId: HANGZHOU },
      { key: "evaluate-jurisdiction:a:1", trigger: "settings", finalAttempt: false },
      async (run) => {
        await evaluateJurisdiction(HANGZHOU, {
          trigger: "settings",
          batchSize: 3,
          run: watching(run, seen),
        });
        // While the run is open the page reads it as running, with everything committed counted.
        const view = await latestReevaluation(hangzhouScope, HANGZHOU);
        observed.push(view?.done ?? -1);
        expect(view).toMatchObject({ status: "RUNNING", total: expected });
      },
    );
    // The first record sets the total; then one per batch of 3.
    expect(seen[0]).toEqual({ done: 0, total: expected });
    expect(seen.slice(1).map((s) => s.done)).toEqual(
      Array.from({ length: Math.ceil(expected / 3) }, (_, i) => Math.min(expected, (i + 1) * 3)),
    );
    expect(observed).toEqual([expected]);
    const rows = await reevaluations();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DONE", done: expected, total: expected, attempts: 1 });
    expect(rows[0]?.finishedAt).not.toBeNull();
  });

  it("an attempt after a failure goes on where the last committed batch ended and never counts twice", async () => {
    const expected = await registeredIn(HANGZHOU);
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    const subject = { kind: "COMPLIANCE_REEVALUATION", authorityId: HANGZHOU } as const;
    const key = "evaluate-jurisdiction:b:1";
    // First attempt: the second batch fails after recording, so its transaction (and the record) rolls back.
    let batches = 0;
    await expect(
      runTracked(subject, { key, trigger: "settings", finalAttempt: false }, (run) =>
        evaluateJurisdiction(HANGZHOU, {
          trigger: "settings",
          batchSize: 3,
          run: {
            ...run,
            record: async (db, progress) => {
              await run.record(db, progress);
              if (progress.resumeAfter && ++batches === 2) throw new Error("worker lost its database");
            },
          },
        }).then(() => undefined),
      ),
    ).rejects.toThrow("worker lost its database");
    const halfway = await owner.backgroundWork.findFirstOrThrow({ where: { runKey: `${key}#1` } });
    expect(halfway).toMatchObject({ status: "RUNNING", done: 3, total: expected, attempts: 1 });
    expect(halfway.resumeAfter).not.toBeNull();

    // The retry (same job, same key) evaluates only what is left and ends at exactly the total.
    let evaluatedAgain = 0;
    await runTracked(subject, { key, trigger: "settings", finalAttempt: false }, async (run) => {
      expect(run.done).toBe(3);
      const summary = await evaluateJurisdiction(HANGZHOU, { trigger: "settings", batchSize: 3, run });
      evaluatedAgain = summary.evaluated;
    });
    expect(evaluatedAgain).toBeLessThanOrEqual(expected - 3);
    const rows = await reevaluations();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "DONE", done: expected, total: expected, attempts: 2 });

    // The same job delivered once more (a duplicate after it finished) does nothing and adds no row.
    let ranAgain = false;
    await runTracked(subject, { key, trigger: "settings", finalAttempt: false }, async () => {
      ranAgain = true;
    });
    expect(ranAgain).toBe(false);
    expect(await reevaluations()).toHaveLength(1);
    expect((await reevaluations())[0]).toMatchObject({ done: expected, total: expected });
  });

  it("the last attempt's failure ends the run as failed, with what it finished", async () => {
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    await expect(
      runTracked(
        { kind: "COMPLIANCE_REEVALUATION", authorityId: HANGZHOU },
        { key: "evaluate-jurisdiction:c:1", trigger: "settings", finalAttempt: true },
        async (run) => {
          await unsafeAsSystem((db) => run.record(db, { done: 2, total: 9 }));
          throw new Error("gave up");
        },
      ),
    ).rejects.toThrow("gave up");
    const [row] = await reevaluations();
    expect(row).toMatchObject({ status: "FAILED", done: 2, total: 9 });
    expect(row?.finishedAt).not.toBeNull();
  });

  it("a change made while the run is under way is run by the same job in a second pass", async () => {
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    let passes = 0;
    await runTracked(
      { kind: "COMPLIANCE_REEVALUATION", authorityId: HANGZHOU },
      { key: "evaluate-jurisdiction:d:1", trigger: "settings", finalAttempt: false },
      async (run) => {
        passes += 1;
        // The regulator saves another parameter while the first pass runs; its job would be
        // dropped by the queue's deduplication (this one holds the id until it completes).
        if (passes === 1) await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
        await unsafeAsSystem((db) => run.record(db, { done: 1, total: 1 }));
      },
    );
    expect(passes).toBe(2);
    const rows = await reevaluations();
    expect(rows.map((r) => [r.status, r.runKey])).toEqual([
      ["DONE", "evaluate-jurisdiction:d:1#1"],
      ["DONE", "evaluate-jurisdiction:d:1#2"],
    ]);
  });

  it("the worker's handler runs a nightly job as its own row and a settings job on the request", async () => {
    const expected = await registeredIn(XIHU);
    await runEvaluateJurisdiction(XIHU, "nightly", job("outbox-nightly"));
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, XIHU));
    await runEvaluateJurisdiction(XIHU, "settings", job("outbox-settings"));
    const rows = await reevaluations();
    expect(rows.map((r) => [r.trigger, r.status, r.done, r.total])).toEqual([
      ["nightly", "DONE", expected, expected],
      ["settings", "DONE", expected, expected],
    ]);
    // The page shows the run a person asked for, not the routine one.
    expect(await latestReevaluation(hangzhouScope, XIHU)).toMatchObject({ trigger: "settings", status: "DONE" });
  });
});

describe("who reads and writes the progress", () => {
  it("a foreign tenant and an institution's members never see a jurisdiction's re-evaluation", async () => {
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    expect(await latestReevaluation(hangzhouScope, HANGZHOU)).not.toBeNull();
    expect(await latestReevaluation(ningboScope, HANGZHOU)).toBeNull();
    expect(await inScope(ningboScope, (db) => db.backgroundWork.count())).toBe(0);
    expect(await inScope(memberScope, (db) => db.backgroundWork.count())).toBe(0);
    // A district below sees nothing of its city's work either.
    const xihuScope = { userId: null, authorityId: XIHU, platform: false };
    expect(await inScope(xihuScope, (db) => db.backgroundWork.count())).toBe(0);
  });

  it("a tenant asks for work in its own jurisdiction only and cannot move a run", async () => {
    await expect(
      inScope(ningboScope, (db) =>
        requestWork(db, { kind: "COMPLIANCE_REEVALUATION", authorityId: HANGZHOU }, "settings"),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      inScope(
        hangzhouScope,
        (db) =>
          db.$executeRaw`INSERT INTO background_work (kind, authority_id, trigger, status, run_key, started_at)
                       VALUES ('COMPLIANCE_REEVALUATION', ${HANGZHOU}::uuid, 'settings', 'RUNNING', 'forged', now())`,
      ),
    ).rejects.toThrow(/row-level security/);
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    const changed = await inScope(
      hangzhouScope,
      (db) =>
        db.$executeRaw`UPDATE background_work SET status = 'DONE', finished_at = now(), run_key = 'x', started_at = now()`,
    );
    expect(changed).toBe(0);
    expect((await reevaluations())[0]).toMatchObject({ status: "QUEUED" });
  });
});

describe("the pages that show a re-evaluation", () => {
  /** A run a third of the way through, as the worker leaves it between two batches. */
  async function runningThirdOfNine() {
    await inScope(hangzhouScope, (db) => evaluateJurisdictionSoon(db, HANGZHOU));
    await unsafeAsSystem(
      (db) => db.$executeRaw`UPDATE background_work SET status = 'RUNNING', run_key = 'evaluate-jurisdiction:p:1#1',
                                    started_at = now(), attempts = 1, done = 3, total = 9`,
    );
  }

  it("the settings and compliance loaders and the progress route answer the running state to the tenant", async () => {
    await runningThirdOfNine();
    const settings = await callLoader(
      settingsLoader,
      "/gov/hangzhou/settings",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      reevaluation: { status: "RUNNING", done: 3, total: 9, trigger: "settings" },
      progressUrl: "/gov/hangzhou/progress.json?of=reevaluation",
    });
    const compliance = await callLoader(
      complianceLoader,
      "/gov/hangzhou/compliance",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    expect(compliance.body).toMatchObject({ reevaluation: { status: "RUNNING", done: 3, total: 9 } });
    const polled = await callLoader(
      progressLoader,
      "/gov/hangzhou/progress.json?of=reevaluation",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    expect(polled.status).toBe(200);
    expect(polled.headers.get("Cache-Control")).toBe("private, no-store");
    expect(polled.body).toMatchObject({ work: { status: "RUNNING", done: 3, total: 9 } });
  });

  it("another tenant's pages and progress route never carry it", async () => {
    await runningThirdOfNine();
    // Ningbo's own pages: no re-evaluation of its own, and Hangzhou's is not theirs to see.
    const own = await callLoader(settingsLoader, "/gov/ningbo/settings", { authority: "ningbo" }, NINGBO_ADMIN);
    expect(own.body).toMatchObject({ reevaluation: null });
    const ownPoll = await callLoader(
      progressLoader,
      "/gov/ningbo/progress.json?of=reevaluation",
      { authority: "ningbo" },
      NINGBO_ADMIN,
    );
    expect(ownPoll.body).toEqual({ work: null });
    // Hangzhou's workspace: 404, as every page of another tenant.
    const foreign = await callLoader(
      progressLoader,
      "/gov/hangzhou/progress.json?of=reevaluation",
      { authority: "hangzhou" },
      NINGBO_ADMIN,
    );
    expect(foreign.status).toBe(404);
    const signedOut = await callLoader(
      progressLoader,
      "/gov/hangzhou/progress.json?of=reevaluation",
      { authority: "hangzhou" },
      null,
    );
    expect(signedOut.status).toBe(302);
    const unknown = await callLoader(
      progressLoader,
      "/gov/hangzhou/progress.json?of=x",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    expect(unknown.status).toBe(404);
  });

  it("the compliance page shows the bar with its figures in words, in both languages", async () => {
    await runningThirdOfNine();
    const { body } = await callLoader(
      complianceLoader,
      "/gov/hangzhou/compliance",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    const zh = renderPage(ComplianceList, "gov/:authority/compliance", "/gov/hangzhou/compliance", body, "zh-CN");
    expect(zh).toContain("正在按新参数重新评估：已完成 3 / 9 家机构");
    expect(zh).toMatch(/<progress[^>]*value="3"[^>]*max="9"|<progress[^>]*max="9"[^>]*value="3"/);
    const en = renderPage(ComplianceList, "gov/:authority/compliance", "/gov/hangzhou/compliance", body, "en");
    expect(en).toContain("Re-evaluating with the new parameters: 3 of 9 institutions done");

    expect(body).toMatchObject({ reevaluation: { stale: false } });

    // Nothing recorded for eleven minutes: no worker is on it; the page says so (and stops asking).
    await unsafeAsSystem((db) => db.$executeRaw`UPDATE background_work SET updated_at = now() - interval '11 minutes'`);
    const stuck = await callLoader(
      complianceLoader,
      "/gov/hangzhou/compliance",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    expect(stuck.body).toMatchObject({ reevaluation: { status: "RUNNING", stale: true } });
    const stuckHtml = renderPage(
      ComplianceList,
      "gov/:authority/compliance",
      "/gov/hangzhou/compliance",
      stuck.body,
      "zh-CN",
    );
    expect(stuckHtml).toContain("以来没有新的进展");
    expect(stuckHtml).not.toContain('aria-busy="true"');

    await unsafeAsSystem(
      (db) =>
        db.$executeRaw`UPDATE background_work SET status = 'DONE', done = 9, finished_at = '2026-12-06T02:30:00Z'`,
    );
    const done = await callLoader(
      complianceLoader,
      "/gov/hangzhou/compliance",
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    const finished = renderPage(
      ComplianceList,
      "gov/:authority/compliance",
      "/gov/hangzhou/compliance",
      done.body,
      "zh-CN",
    );
    expect(finished).toContain("重新评估已完成（2026/12/06 10:30）");
    expect(finished).not.toContain("<progress");
  });
});
