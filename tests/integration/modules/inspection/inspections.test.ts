import { addDays, isoDateInChina } from "~/lib/china-date";
import { storeInspectionPhotos } from "~/modules/inspection/inspection-actions.server";
import { inspectionSettingsFor } from "~/modules/inspection/inspection-settings.server";
import {
  createManualTask,
  finishInspection,
  type InspectionActor,
  InvalidInspection,
  recordItem,
  startInspection,
  taskDetail,
} from "~/modules/inspection/inspections.server";
import { listDraws, runRandomDraw, verifyDraw } from "~/modules/inspection/random-draw.server";
import { openRiskTasks } from "~/modules/inspection/risk-tasks.server";
import { loader as fileLoader } from "~/routes/files.$fileId";
import * as taskRoute from "~/routes/gov.$authority.inspections.$taskId";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { stableId } from "../../../../prisma/seed/stable-id";
import { fileOf, samplePng } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { deadlineIn, PEOPLE, regulator } from "../compliance/rectification-fixtures";
import { callAction, callLoader } from "../registry/review-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const XIHU = stableId("authority", "330106");
const SECOND_INSPECTOR = stableId("user", "xihu.inspector2@tipei.example");
const hangzhouAdmin: InspectionActor = { scope: regulator(PEOPLE.hangzhouAdmin, "330100"), role: "REGULATOR_ADMIN" };
const xihuInspector: InspectionActor = { scope: regulator(PEOPLE.xihuInspector, "330106"), role: "INSPECTOR" };

let xihuInstitutions: string[] = [];

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 10 });
  const rows = await owner.institution.findMany({
    where: { authorityId: XIHU, status: "APPROVED" },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  xihuInstitutions = rows.map((r) => r.id);
  expect(xihuInstitutions.length).toBeGreaterThanOrEqual(4);
}, 120_000);

/** Every test starts with no risk flags and no tasks. */
async function reset() {
  await owner.inspectionTask.deleteMany({});
  await owner.institution.updateMany({ data: { riskLevel: null, riskScore: null } });
  await owner.membership.deleteMany({ where: { userId: SECOND_INSPECTOR } });
}

async function flag(institutionId: string, level: "HIGH" | "CRITICAL" | "LOW", score = 70) {
  await owner.institution.update({ where: { id: institutionId }, data: { riskLevel: level, riskScore: score } });
}

const openRiskTasksOf = (institutionId: string) =>
  owner.inspectionTask.count({ where: { institutionId, origin: "RISK", status: { in: ["OPEN", "IN_PROGRESS"] } } });

describe("risk tasks", () => {
  beforeEach(reset);

  it("opens a task once for a high institution, even when the run is repeated or concurrent", async () => {
    const [target] = xihuInstitutions as [string];
    await flag(target, "HIGH");
    const [a, b] = await Promise.all([openRiskTasks(XIHU), openRiskTasks(XIHU)]);
    await openRiskTasks();
    expect(a.length + b.length).toBe(1);
    expect(await openRiskTasksOf(target)).toBe(1);
    const task = await owner.inspectionTask.findFirstOrThrow({ where: { institutionId: target } });
    expect(task.assignedToId).toBe(PEOPLE.xihuInspector);
    const audits = await owner.auditEvent.count({ where: { action: "inspection.task.opened", entityId: task.id } });
    expect(audits).toBe(1);
  });

  it("opens a second task after the first is done only while the institution is still high", async () => {
    const [target] = xihuInstitutions as [string];
    await flag(target, "HIGH");
    await openRiskTasks(XIHU);
    await owner.inspectionTask.updateMany({ where: { institutionId: target }, data: { status: "DONE" } });
    await flag(target, "LOW", 10);
    expect(await openRiskTasks(XIHU)).toHaveLength(0);
    await flag(target, "HIGH");
    expect(await openRiskTasks(XIHU)).toHaveLength(1);
    expect(await owner.inspectionTask.count({ where: { institutionId: target, origin: "RISK" } })).toBe(2);
  });

  it("gives new tasks to the less loaded of the district's inspectors", async () => {
    await owner.user.upsert({
      where: { id: SECOND_INSPECTOR },
      update: {},
      create: { id: SECOND_INSPECTOR, email: "xihu.inspector2@tipei.example", displayName: "西湖检查员二" },
    });
    await owner.membership.create({ data: { userId: SECOND_INSPECTOR, role: "INSPECTOR", authorityId: XIHU } });
    const [a, b, c, d] = xihuInstitutions as [string, string, string, string];
    // The first inspector already has two open tasks.
    for (const id of [c, d]) {
      await owner.inspectionTask.create({
        data: {
          institutionId: id,
          authorityId: XIHU,
          origin: "MANUAL",
          assignedToId: PEOPLE.xihuInspector,
          dueOn: new Date(),
        },
      });
    }
    await flag(a, "HIGH");
    await flag(b, "CRITICAL", 90);
    const opened = await openRiskTasks(XIHU);
    expect(opened.map((t) => t.assignedToId)).toEqual([SECOND_INSPECTOR, SECOND_INSPECTOR]);
    // Now two each: the next two go one to each.
    await flag(c, "HIGH");
    await flag(d, "HIGH", 60);
    const next = await openRiskTasks(XIHU);
    expect(new Set(next.map((t) => t.assignedToId))).toEqual(new Set([PEOPLE.xihuInspector, SECOND_INSPECTOR]));
  });

  it("sets the due date by level from the tenant's settings", async () => {
    const [a, b] = xihuInstitutions as [string, string];
    await flag(a, "HIGH");
    await flag(b, "CRITICAL", 95);
    const now = new Date();
    const settings = await inspectionSettingsFor(XIHU, now);
    const opened = await openRiskTasks(XIHU, now);
    const dueOf = (id: string) => opened.find((t) => t.institutionId === id)?.dueOn;
    const today = isoDateInChina(now);
    expect(dueOf(a)).toBe(addDays(today, settings.dueDaysHigh));
    expect(dueOf(b)).toBe(addDays(today, settings.dueDaysCritical));
    expect(settings.dueDaysCritical).toBeLessThan(settings.dueDaysHigh);
  });
});

describe("random draws", () => {
  beforeEach(reset);

  it("records a draw, opens its tasks, and verifies by recomputing; a tampered record does not verify", async () => {
    const drawId = await runRandomDraw(hangzhouAdmin.scope, {
      periodStart: "2026-12-01",
      periodEnd: "2026-12-31",
      seed: "audit-seed-1",
    });
    const draw = await owner.randomDraw.findUniqueOrThrow({ where: { id: drawId } });
    expect(draw.seed).toBe("audit-seed-1");
    const drawn = draw.drawn as { institutionId: string }[];
    expect(drawn.length).toBeGreaterThan(0);
    expect(await owner.inspectionTask.count({ where: { drawId, origin: "DRAW" } })).toBe(drawn.length);
    expect((await verifyDraw(hangzhouAdmin.scope, drawId))?.matches).toBe(true);
    // Each drawn institution goes to an inspector who can see it: Xihu's inspector only gets Xihu's.
    const xihuTasks = await owner.inspectionTask.findMany({ where: { drawId, assignedToId: PEOPLE.xihuInspector } });
    expect(xihuTasks.length).toBeGreaterThan(0);
    expect(xihuTasks.every((t) => t.authorityId === XIHU)).toBe(true);
    const xihuDrawn = await owner.inspectionTask.findMany({ where: { drawId, authorityId: XIHU } });
    expect(xihuDrawn.every((t) => t.assignedToId === PEOPLE.xihuInspector)).toBe(true);
    // Ningbo cannot see it.
    expect(await verifyDraw(regulator(PEOPLE.ningboAdmin, "330200"), drawId)).toBeNull();
    await owner.randomDraw.update({ where: { id: drawId }, data: { seed: "audit-seed-2" } });
    expect((await verifyDraw(hangzhouAdmin.scope, drawId))?.matches).toBe(false);
  });

  it("opens no second task for an institution drawn while it has an open one, and says so", async () => {
    const input = { periodStart: "2026-12-01", periodEnd: "2026-12-31", seed: "audit-seed-open" };
    const first = await runRandomDraw(hangzhouAdmin.scope, input);
    const drawn = (await owner.randomDraw.findUniqueOrThrow({ where: { id: first } })).drawn as {
      institutionId: string;
    }[];
    const busy = drawn[0]?.institutionId as string;
    // The same seed draws the same institutions: every one of them still has the first draw's open task.
    const second = await runRandomDraw(hangzhouAdmin.scope, input);
    expect(await owner.inspectionTask.count({ where: { drawId: second } })).toBe(0);
    expect(await owner.inspectionTask.count({ where: { institutionId: busy, status: "OPEN" } })).toBe(1);
    expect((await verifyDraw(hangzhouAdmin.scope, second))?.matches).toBe(true);
    const listed = (await listDraws(hangzhouAdmin.scope)).find((d) => d.id === second);
    expect(listed?.drawn.every((d) => d.taskId === null)).toBe(true);
    const audit = await owner.auditEvent.findFirstOrThrow({ where: { entityId: second } });
    expect(audit.after).toMatchObject({ drawn: drawn.length, alreadyOpen: drawn.length });
    // Once the task is done, a new draw opens one again.
    await owner.inspectionTask.updateMany({ where: { drawId: first }, data: { status: "DONE" } });
    const third = await runRandomDraw(hangzhouAdmin.scope, input);
    expect(await owner.inspectionTask.count({ where: { drawId: third } })).toBe(drawn.length);
  });
});

describe("inspections", () => {
  beforeEach(reset);

  async function startedTask(institutionId: string) {
    const taskId = await createManualTask(hangzhouAdmin, {
      institutionId,
      dueOn: deadlineIn(10),
      assignedToId: PEOPLE.xihuInspector,
    });
    await startInspection(xihuInspector, taskId);
    const detail = await taskDetail(xihuInspector, taskId);
    if (!detail?.inspection) throw new Error("not started");
    return { taskId, items: detail.inspection.items };
  }

  it("records items and, for a rectification, issues an order from the failed items", async () => {
    const { taskId, items } = await startedTask(xihuInstitutions[0] as string);
    expect(items.length).toBeGreaterThan(0);
    const [first, second] = items as unknown as [{ id: string; ruleCode: string }, { id: string }];
    await recordItem(xihuInspector, taskId, { itemId: first.id, result: "FAIL", note: "救生员不在岗" });
    await recordItem(xihuInspector, taskId, { itemId: second.id, result: "PASS" });
    const done = await finishInspection(xihuInspector, taskId, {
      outcome: "RECTIFICATION",
      summary: "限期配备救生员。",
      rectificationDeadline: deadlineIn(14),
    });
    expect(done.orderId).not.toBeNull();
    const order = await owner.rectificationOrder.findUniqueOrThrow({
      where: { id: done.orderId as string },
      include: { items: true },
    });
    expect(order.items.map((i) => i.ruleCode)).toEqual([first.ruleCode]);
    expect(order.status).toBe("ISSUED");
    expect((await owner.inspectionTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("DONE");
    const actions = await owner.auditEvent.findMany({
      where: { action: { startsWith: "inspection." }, entityId: { in: [done.inspectionId, first.id, taskId] } },
      select: { action: true },
    });
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(["inspection.task.opened", "inspection.started", "inspection.item.recorded", "inspection.finished"]),
    );
  });

  it("keeps an item's photos for the regulators: the inspected institution cannot open them", async () => {
    const target = xihuInstitutions[3] as string;
    const { taskId, items } = await startedTask(target);
    const item = items[0] as { id: string };
    const stored = await storeInspectionPhotos(xihuInspector, target, [fileOf(samplePng(), "site.png", "image/png")]);
    if (!stored.ok) throw new Error("photo refused");
    await recordItem(xihuInspector, taskId, { itemId: item.id, result: "NOTE", note: "现场照片" }, stored.ids);
    const [photoId] = stored.ids as [string];
    const saved = await owner.inspectionItem.findUniqueOrThrow({ where: { id: item.id } });
    expect(saved.photoFileIds).toEqual([photoId]);
    const institutionAdmin = await owner.membership.findFirstOrThrow({
      where: { institutionId: target, role: "INSTITUTION_ADMIN" },
    });
    const path = `/files/${photoId}`;
    expect((await callLoader(fileLoader, path, { fileId: photoId }, PEOPLE.hangzhouAdmin)).status).toBe(200);
    expect((await callLoader(fileLoader, path, { fileId: photoId }, institutionAdmin.userId)).status).toBe(404);
  });

  it("suspends the institution on a suspension and queues its closure refunds", async () => {
    const target = xihuInstitutions[1] as string;
    const { taskId } = await startedTask(target);
    try {
      await finishInspection(xihuInspector, taskId, { outcome: "SUSPENSION", summary: "场地存在重大安全隐患。" });
      expect((await owner.institution.findUniqueOrThrow({ where: { id: target } })).status).toBe("SUSPENDED");
      // One transaction: the outcome, the status change with its history, and both audit events.
      const finished = await owner.inspection.findUniqueOrThrow({ where: { taskId } });
      const event = await owner.institutionStatusEvent.findFirstOrThrow({
        where: { institutionId: target, toStatus: "SUSPENDED" },
      });
      expect(event).toMatchObject({ reason: "场地存在重大安全隐患。", actorUserId: PEOPLE.xihuInspector });
      expect(finished.outcome).toBe("SUSPENSION");
      const audits = await owner.auditEvent.findMany({
        where: {
          action: { in: ["inspection.finished", "registry.institution.suspend"] },
          entityId: { in: [finished.id, target] },
        },
      });
      expect(audits.map((a) => a.action).sort()).toEqual(["inspection.finished", "registry.institution.suspend"]);
      // Queued in the suspension's transaction: the job outbox, relayed to BullMQ by the worker.
      const queued = await owner.jobOutbox.findMany({ where: { name: "refund-on-closure" } });
      expect(queued.some((j) => (j.payload as { institutionId?: string }).institutionId === target)).toBe(true);
    } finally {
      await owner.institution.update({ where: { id: target }, data: { status: "APPROVED" } });
    }
  });

  it("refuses a finish without an outcome: 400 and nothing written", async () => {
    const { taskId } = await startedTask(xihuInstitutions[2] as string);
    const audits = await owner.auditEvent.count();
    const path = `/gov/hangzhou-xihu/inspections/${taskId}`;
    const answer = await callAction(
      taskRoute.action,
      path,
      { authority: "hangzhou-xihu", taskId },
      PEOPLE.xihuInspector,
      { intent: "finish", summary: "没有结论" },
    );
    expect(answer.status).toBe(400);
    const inspection = await owner.inspection.findUniqueOrThrow({ where: { taskId } });
    expect(inspection.finishedAt).toBeNull();
    expect(await owner.auditEvent.count()).toBe(audits);
    await expect(finishInspection(xihuInspector, taskId, { summary: "x" })).rejects.toBeInstanceOf(InvalidInspection);
  });

  it("answers 404 to another tenant and to an inspector of another district", async () => {
    const taskId = await createManualTask(hangzhouAdmin, {
      institutionId: xihuInstitutions[0] as string,
      dueOn: deadlineIn(5),
    });
    const ok = await callLoader(
      taskRoute.loader,
      `/gov/hangzhou-xihu/inspections/${taskId}`,
      { authority: "hangzhou-xihu", taskId },
      PEOPLE.xihuInspector,
    );
    expect(ok.status).toBe(200);
    const ningbo = await callLoader(
      taskRoute.loader,
      `/gov/ningbo/inspections/${taskId}`,
      { authority: "ningbo", taskId },
      PEOPLE.ningboAdmin,
    );
    expect(ningbo.status).toBe(404);
    const yinzhou = await callLoader(
      taskRoute.loader,
      `/gov/ningbo-yinzhou/inspections/${taskId}`,
      { authority: "ningbo-yinzhou", taskId },
      PEOPLE.yinzhouInspector,
    );
    expect(yinzhou.status).toBe(404);
    const ningboStart = await callAction(
      taskRoute.action,
      `/gov/ningbo/inspections/${taskId}`,
      { authority: "ningbo", taskId },
      PEOPLE.ningboAdmin,
      { intent: "start" },
    );
    expect(ningboStart.status).toBe(404);
    expect(await owner.inspection.count({ where: { taskId } })).toBe(0);
  });
});
