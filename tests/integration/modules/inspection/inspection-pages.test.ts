import type { Job } from "bullmq";
import * as drawsRoute from "~/routes/gov.$authority.draws._index";
import * as tasksRoute from "~/routes/gov.$authority.inspections._index";
import * as taskRoute from "~/routes/gov.$authority.inspections.$taskId";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { stableId } from "../../../../prisma/seed/stable-id";
import { dispatch } from "../../../../workers/registry";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { PEOPLE } from "../compliance/rectification-fixtures";
import { callAction, callLoader, renderPage } from "../registry/review-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const XIHU = stableId("authority", "330106");
const XIHU_PARAMS = { authority: "hangzhou-xihu" };
let flagged = "";

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 6 });
  const institution = await owner.institution.findFirstOrThrow({
    where: { authorityId: XIHU, status: "APPROVED" },
    orderBy: { id: "asc" },
  });
  flagged = institution.id;
  await owner.institution.update({ where: { id: flagged }, data: { riskLevel: "CRITICAL", riskScore: 92 } });
}, 120_000);

describe("inspection pages", () => {
  it("the open-risk-tasks job opens the task the inspector then sees first, with its level as text", async () => {
    await dispatch({ name: "open-risk-tasks", data: { v: 1, authorityId: XIHU } } as Job);
    await dispatch({ name: "open-risk-tasks", data: { v: 1 } } as Job);
    const tasks = await owner.inspectionTask.findMany({ where: { institutionId: flagged, origin: "RISK" } });
    expect(tasks).toHaveLength(1);
    const list = await callLoader(
      tasksRoute.loader,
      "/gov/hangzhou-xihu/inspections",
      XIHU_PARAMS,
      PEOPLE.xihuInspector,
    );
    expect(list.status).toBe(200);
    const body = list.body as { tasks: { id: string; mine: boolean }[] };
    expect(body.tasks[0]?.id).toBe(tasks[0]?.id);
    expect(body.tasks[0]?.mine).toBe(true);
    for (const locale of ["zh-CN", "en"] as const) {
      const html = renderPage(
        tasksRoute.default,
        "/gov/:authority/inspections",
        "/gov/hangzhou-xihu/inspections",
        list.body,
        locale,
      );
      expect(html).toContain(locale === "en" ? "Critical" : "极高");
    }
  });

  it("renders the inspection page before and after the start, and the manual task form for admins only", async () => {
    const task = await owner.inspectionTask.findFirstOrThrow({ where: { institutionId: flagged } });
    const path = `/gov/hangzhou-xihu/inspections/${task.id}`;
    const params = { ...XIHU_PARAMS, taskId: task.id };
    const before = await callLoader(taskRoute.loader, path, params, PEOPLE.xihuInspector);
    expect(renderPage(taskRoute.default, "/gov/:authority/inspections/:taskId", path, before.body, "zh-CN")).toContain(
      "开始检查",
    );
    const started = await callAction(taskRoute.action, path, params, PEOPLE.xihuInspector, { intent: "start" });
    expect(started.status).toBe(302);
    const after = await callLoader(taskRoute.loader, path, params, PEOPLE.xihuInspector);
    const html = renderPage(taskRoute.default, "/gov/:authority/inspections/:taskId", path, after.body, "en");
    expect(html).toContain("Checklist");
    expect(html).toContain("Record the outcome");
    const inspectorCreates = await callAction(
      tasksRoute.action,
      "/gov/hangzhou-xihu/inspections",
      XIHU_PARAMS,
      PEOPLE.xihuInspector,
      {
        intent: "createTask",
        institutionId: flagged,
        dueOn: "2027-01-31",
      },
    );
    expect(inspectorCreates.status).toBe(403);
  });

  it("runs a draw as an admin, refuses the inspector, and shows the verification", async () => {
    const refused = await callAction(drawsRoute.action, "/gov/hangzhou-xihu/draws", XIHU_PARAMS, PEOPLE.xihuInspector, {
      intent: "run",
      periodStart: "2027-01-01",
      periodEnd: "2027-03-31",
    });
    expect(refused.status).toBe(403);
    const before = await owner.randomDraw.count();
    const bad = await callAction(
      drawsRoute.action,
      "/gov/hangzhou/draws",
      { authority: "hangzhou" },
      PEOPLE.hangzhouAdmin,
      {
        intent: "run",
        periodStart: "2027-03-31",
        periodEnd: "2027-01-01",
      },
    );
    expect(bad.status).toBe(400);
    expect(await owner.randomDraw.count()).toBe(before);
    const run = await callAction(
      drawsRoute.action,
      "/gov/hangzhou/draws",
      { authority: "hangzhou" },
      PEOPLE.hangzhouAdmin,
      {
        intent: "run",
        periodStart: "2027-01-01",
        periodEnd: "2027-03-31",
      },
    );
    expect(run.status).toBe(302);
    const draw = await owner.randomDraw.findFirstOrThrow({ orderBy: { drawnAt: "desc" } });
    const path = `/gov/hangzhou/draws?verify=${draw.id}`;
    const page = await callLoader(drawsRoute.loader, path, { authority: "hangzhou" }, PEOPLE.hangzhouAdmin);
    expect(page.status).toBe(200);
    expect(renderPage(drawsRoute.default, "/gov/:authority/draws", path, page.body, "zh-CN")).toContain(
      "重新计算结果与记录一致",
    );
    const foreign = await callLoader(
      drawsRoute.loader,
      `/gov/ningbo/draws?verify=${draw.id}`,
      { authority: "ningbo" },
      PEOPLE.ningboAdmin,
    );
    expect(foreign.status).toBe(404);
  });
});
