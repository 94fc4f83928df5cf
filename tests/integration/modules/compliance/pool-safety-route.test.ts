import { addDays, isoDateInChina } from "~/lib/china-date";
import PoolSafetyLogs, { action, loader } from "~/routes/org.$institutionId.safety-logs";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { callAction, callLoader, renderPage } from "../registry/review-fixtures";
import {
  approveXihuSwim,
  HANGZHOU_ADMIN,
  postedFields,
  sessionRow,
  XIHU_ADMIN,
  XIHU_INSPECTOR,
  XIHU_STAFF,
  XIHU_SWIM,
  YINZHOU_ADMIN,
  YINZHOU_FOOTBALL,
} from "./pool-safety-fixtures";

const owner = ownerClient();
const PATH = `/org/${XIHU_SWIM}/safety-logs`;
const params = { institutionId: XIHU_SWIM };
const ROUTE = "/org/:institutionId/safety-logs";
let pool = "";
const today = isoDateInChina();

beforeAll(async () => {
  await seedDemoData();
  ({ poolId: pool } = await approveXihuSwim());
});
afterAll(() => owner.$disconnect());

type LoaderBody = Awaited<ReturnType<typeof loader>>;

describe("the safety-log page's loader", () => {
  it("shows the institution's members their pools' last 14 days, today selected", async () => {
    for (const person of [XIHU_ADMIN, XIHU_STAFF]) {
      const { status, body } = await callLoader(loader, PATH, params, person.userId);
      expect(status).toBe(200);
      const page = body as LoaderBody;
      expect(page.pools.map((p) => [p.venueId, p.days.length])).toEqual([[pool, 14]]);
      expect(page.selection).toEqual({ venueId: pool, date: today, outOfRange: false });
    }
  });

  it("answers 404 to another institution's member and to regulators, and sends the signed-out to sign in", async () => {
    for (const person of [YINZHOU_ADMIN, HANGZHOU_ADMIN, XIHU_INSPECTOR]) {
      expect((await callLoader(loader, PATH, params, person.userId)).status).toBe(404);
    }
    const anonymous = await callLoader(loader, PATH, params, null);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
  });

  it("opens a day of the last 14 and falls back to today for any other", async () => {
    const old = addDays(today, -13);
    const opened = await callLoader(loader, `${PATH}?venue=${pool}&date=${old}`, params, XIHU_ADMIN.userId);
    expect((opened.body as LoaderBody).selection).toEqual({ venueId: pool, date: old, outOfRange: false });
    const tooOld = await callLoader(loader, `${PATH}?date=${addDays(today, -14)}`, params, XIHU_ADMIN.userId);
    expect((tooOld.body as LoaderBody).selection).toEqual({ venueId: pool, date: today, outOfRange: true });
  });

  it("shows an institution without a pool that the log is only for pools", async () => {
    const path = `/org/${YINZHOU_FOOTBALL}/safety-logs`;
    const { status, body } = await callLoader(loader, path, { institutionId: YINZHOU_FOOTBALL }, YINZHOU_ADMIN.userId);
    expect(status).toBe(200);
    expect((body as LoaderBody).pools).toEqual([]);
    const html = renderPage(PoolSafetyLogs, ROUTE, path, body, "zh-CN");
    expect(html).toContain("本机构没有已备案的游泳池");
    expect(html).toContain("泳池安全日志只适用于游泳池场地");
    expect(html).not.toContain("保存日志");
  });
});

describe("the safety-log page's action", () => {
  const todayLog = (sessions: Record<string, string>[]) => postedFields({ venueId: pool, logDate: today, sessions });

  it("sends a mistyped log back with its errors and what was typed, writing nothing", async () => {
    const { status, body } = await callAction(action, PATH, params, XIHU_ADMIN.userId, {
      ...todayLog([sessionRow({ ph: "75" })]),
      "sessions.1.startTime": "",
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({
      fieldErrors: { "sessions.0.ph": ["validation.poolSafety.phRange"] },
      values: { venueId: pool, sessions: [{ ph: "75" }, { startTime: "" }] },
    });
    expect(await owner.poolSafetyLog.count()).toBe(0);
  });

  it("refuses a future day", async () => {
    const { status, body } = await callAction(action, PATH, params, XIHU_ADMIN.userId, {
      ...todayLog([sessionRow()]),
      logDate: addDays(today, 1),
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ fieldErrors: { logDate: ["validation.poolSafety.futureDate"] } });
  });

  it("records today's log as the admin, then as staff replaces its sessions, and shows the saved day", async () => {
    const first = await callAction(
      action,
      PATH,
      params,
      XIHU_ADMIN.userId,
      todayLog([sessionRow(), sessionRow({ startTime: "14:00", endTime: "15:00" })]),
    );
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`${PATH}?venue=${pool}&date=${today}&saved=1`);
    const second = await callAction(
      action,
      PATH,
      params,
      XIHU_STAFF.userId,
      todayLog([
        sessionRow({
          startTime: "18:00",
          endTime: "19:30",
          lifeguardsOnDuty: "3",
          lifeguardNames: "张三,李四,王五",
          freeChlorineMgL: "0.2",
          ureaMgL: "3.8",
        }),
      ]),
    );
    expect(second.status).toBe(302);
    const logs = await owner.poolSafetyLog.findMany({ include: { sessions: true } });
    expect(logs).toHaveLength(1);
    expect(logs[0]?.recordedById).toBe(XIHU_STAFF.userId);
    expect(logs[0]?.sessions.map((s) => s.startTime)).toEqual(["18:00"]);
  });

  it("marks the saved day and its out-of-range values in words", async () => {
    const { body } = await callLoader(loader, `${PATH}?venue=${pool}&date=${today}&saved=1`, params, XIHU_ADMIN.userId);
    const page = body as LoaderBody;
    expect(page.saved).toBe(true);
    expect(page.pools[0]?.days[0]).toMatchObject({ date: today, status: "logged" });
    const zh = renderPage(PoolSafetyLogs, ROUTE, `${PATH}?venue=${pool}&date=${today}&saved=1`, body, "zh-CN");
    expect(zh).toContain(`已保存 ${today} 的安全日志。`);
    expect(zh).toContain("已记录");
    expect(zh).toContain("不达标：");
    expect(zh).toContain("余氯 0.2 mg/L，低于下限 0.3");
    expect(zh).toContain("尿素 3.8 mg/L，高于上限 3.5");
    expect(zh).toContain("救生员 3 人，少于要求的 4 人");
    expect(zh).toContain("这一天已有记录");
    // The form shows the saved session for correction, and a few empty rows.
    expect(zh).toContain('value="18:00"');
    expect(zh).toContain('name="sessions.2.startTime"');
    const en = renderPage(PoolSafetyLogs, ROUTE, `${PATH}?venue=${pool}&date=${today}`, body, "en");
    expect(en).toContain("chlorine 0.2 mg/L, below the minimum 0.3");
    expect(en).toContain("3 lifeguards, fewer than the 4 required");
  });

  it("offers more empty rows when asked, up to 12, without JavaScript", async () => {
    const render = async (rows: number) => {
      const url = `${PATH}?venue=${pool}&date=${today}&rows=${rows}`;
      const { body } = await callLoader(loader, url, params, XIHU_ADMIN.userId);
      return renderPage(PoolSafetyLogs, ROUTE, url, body, "zh-CN");
    };
    const six = await render(6);
    expect(six).toContain('name="sessions.5.startTime"');
    expect(six).not.toContain('name="sessions.6.startTime"');
    expect(six).toContain("rows=9");
    const many = await render(40);
    expect(many).toContain('name="sessions.11.startTime"');
    expect(many).not.toContain('name="sessions.12.startTime"');
    expect(many).not.toContain("需要更多行");
  });

  it("answers 404 to another institution's member and to regulators", async () => {
    for (const person of [YINZHOU_ADMIN, HANGZHOU_ADMIN]) {
      const { status } = await callAction(action, PATH, params, person.userId, todayLog([sessionRow()]));
      expect(status).toBe(404);
    }
    expect(await owner.poolSafetySession.count()).toBe(1);
  });
});
