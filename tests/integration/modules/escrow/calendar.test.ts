import { type DataScope, inScope } from "~/lib/db-scope.server";
import {
  CALENDAR_DAY_REMOVED,
  CALENDAR_DAY_SET,
  CalendarNotWritableError,
  calendarYear,
  loadCalendarOverrides,
  removeCalendarDay,
  setCalendarDay,
  workingDayAfter,
} from "~/modules/escrow/calendar.server";
import WorkingCalendar, { action, loader } from "~/routes/gov.$authority.calendar";
import { DEMO_XIHU_DAY } from "../../../../prisma/seed/working-calendar";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  authorityId,
  callAction,
  callLoader,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  renderPage,
  XIHU_INSPECTOR,
} from "../registry/review-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const ZHEJIANG = authorityId("330000");
const HANGZHOU = authorityId("330100");
const NINGBO = authorityId("330200");
const XIHU = authorityId("330106");
const GONGSHU = authorityId("330105");
const BINJIANG = authorityId("330108");

const scopeOf = (userId: string, authority: string): DataScope => ({ userId, authorityId: authority, platform: false });
const HANGZHOU_SCOPE = scopeOf(HANGZHOU_ADMIN, HANGZHOU);
const NINGBO_SCOPE = scopeOf(NINGBO_ADMIN, NINGBO);

beforeAll(seedDemoData);

async function entryOf(authority: string, day: string) {
  return owner.workingCalendarDay.findUnique({
    where: { authorityId_day: { authorityId: authority, day: new Date(`${day}T00:00:00Z`) } },
    select: { working: true, name: true },
  });
}

/** Every write the page could make: calendar rows and audit events. */
async function writeCounts() {
  return { days: await owner.workingCalendarDay.count(), audit: await owner.auditEvent.count() };
}

const overrides = (authority: string, from: string, to: string) =>
  inScope(HANGZHOU_SCOPE, (db) => loadCalendarOverrides(db, authority, from, to));

describe("the national calendar in the demo seed", () => {
  it("puts National Day on the province, weekday holidays and adjusted working weekends only", async () => {
    expect(await entryOf(ZHEJIANG, "2026-10-01")).toEqual({ working: false, name: "国庆节" });
    expect(await entryOf(ZHEJIANG, "2026-10-10")).toEqual({ working: true, name: "国庆节调休上班" });
    expect(await entryOf(ZHEJIANG, "2026-09-25")).toEqual({ working: false, name: "中秋节" });
    // A holiday on a Saturday is a day off anyway.
    expect(await entryOf(ZHEJIANG, "2026-10-03")).toBeNull();
    expect(await entryOf(XIHU, DEMO_XIHU_DAY.day)).toEqual({ working: false, name: DEMO_XIHU_DAY.name });
  });
});

describe("the calendar an authority follows", () => {
  it("lets a city follow the province's entries", async () => {
    const days = await overrides(HANGZHOU, "2026-09-28", "2026-10-11");
    expect(days.get("2026-10-01")).toBe(false);
    expect(days.get("2026-10-10")).toBe(true);
    expect(await inScope(HANGZHOU_SCOPE, (db) => workingDayAfter(db, HANGZHOU, "2026-09-30", 1))).toBe("2026-10-08");
  });

  it("lets a district's entry beat the province's, for that district only", async () => {
    await inScope(HANGZHOU_SCOPE, (db) =>
      setCalendarDay(db, {
        authorityId: XIHU,
        actorUserId: HANGZHOU_ADMIN,
        day: "2026-10-10",
        working: false,
        name: "测试：区级不调休",
      }),
    );
    expect((await overrides(XIHU, "2026-10-01", "2026-10-31")).get("2026-10-10")).toBe(false);
    expect((await overrides(GONGSHU, "2026-10-01", "2026-10-31")).get("2026-10-10")).toBe(true);
    const next = (authority: string) =>
      inScope(HANGZHOU_SCOPE, (db) => workingDayAfter(db, authority, "2026-10-09", 1));
    expect(await next(XIHU)).toBe("2026-10-12");
    expect(await next(GONGSHU)).toBe("2026-10-10");

    const year = await inScope(HANGZHOU_SCOPE, (db) => calendarYear(db, XIHU, 2026));
    expect(year.entries.find((e) => e.day === "2026-10-10")).toMatchObject({
      working: false,
      own: true,
      source: { authorityId: XIHU },
      replaces: { working: true, name: "国庆节调休上班", source: { authorityId: ZHEJIANG, name: "浙江省体育局" } },
    });
    expect(year.entries.find((e) => e.day === "2026-10-01")).toMatchObject({
      own: false,
      replaces: null,
      source: { authorityId: ZHEJIANG, name: "浙江省体育局" },
    });
    const days = year.entries.map((e) => e.day);
    expect(days).toEqual([...days].sort());
    expect(new Set(days).size).toBe(days.length);
  });

  it("finds the deadline past a break longer than the first window it loads", async () => {
    const closure = Array.from({ length: 90 }, (_, i) => {
      const day = new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10);
      return { authorityId: BINJIANG, day: new Date(`${day}T00:00:00Z`), working: false, name: "测试：长期停业" };
    });
    await owner.workingCalendarDay.createMany({ data: closure });
    // 1 January to 31 March 2031 are all days off; 1 April 2031 is a Tuesday.
    expect(await inScope(HANGZHOU_SCOPE, (db) => workingDayAfter(db, BINJIANG, "2030-12-31", 1))).toBe("2031-04-01");
  });
});

describe("who may change a calendar", () => {
  it("refuses another city's admin a Xihu day, in the module and in the database", async () => {
    const before = await writeCounts();
    await expect(
      inScope(NINGBO_SCOPE, (db) =>
        setCalendarDay(db, {
          authorityId: XIHU,
          actorUserId: NINGBO_ADMIN,
          day: "2026-11-02",
          working: false,
          name: "越权",
        }),
      ),
    ).rejects.toBeInstanceOf(CalendarNotWritableError);
    await expect(
      inScope(
        NINGBO_SCOPE,
        (db) => db.$executeRaw`
          INSERT INTO working_calendar_day (authority_id, day, working, name)
          VALUES (${XIHU}::uuid, '2026-11-02'::date, false, '越权')`,
      ),
    ).rejects.toThrow(/row-level security/);
    const deleted = await inScope(
      NINGBO_SCOPE,
      (db) => db.$executeRaw`DELETE FROM working_calendar_day WHERE authority_id = ${XIHU}::uuid`,
    );
    expect(deleted).toBe(0);
    expect(await writeCounts()).toEqual(before);
  });

  it("changes nothing, and audits nothing, when a day is set to what it already is", async () => {
    const input = { authorityId: HANGZHOU, actorUserId: HANGZHOU_ADMIN, day: "2026-11-04", working: false };
    expect(await inScope(HANGZHOU_SCOPE, (db) => setCalendarDay(db, { ...input, name: "测试" }))).toEqual({
      changed: true,
    });
    const before = await writeCounts();
    expect(await inScope(HANGZHOU_SCOPE, (db) => setCalendarDay(db, { ...input, name: " 测试 " }))).toEqual({
      changed: false,
    });
    expect(await inScope(HANGZHOU_SCOPE, (db) => removeCalendarDay(db, { ...input, day: "2026-11-05" }))).toEqual({
      changed: false,
    });
    expect(await writeCounts()).toEqual(before);
  });
});

describe("/gov/:authority/calendar", () => {
  const path = (slug: string) => `/gov/${slug}/calendar`;
  const params = (slug: string) => ({ authority: slug });

  it("shows an inspector the year's days, own and inherited, without the form", async () => {
    const page = await callLoader(
      loader,
      `${path("hangzhou-xihu")}?year=2026`,
      params("hangzhou-xihu"),
      XIHU_INSPECTOR,
    );
    expect(page.status).toBe(200);
    const body = page.body as Awaited<ReturnType<typeof loader>>;
    expect(body.canEdit).toBe(false);
    expect(body.calendar.year).toBe(2026);
    expect(body.calendar.entries.find((e) => e.day === DEMO_XIHU_DAY.day)?.own).toBe(true);
    expect(body.calendar.entries.find((e) => e.day === "2026-10-01")?.own).toBe(false);

    const html = renderPage(WorkingCalendar, "gov/:authority/calendar", path("hangzhou-xihu"), body, "zh-CN");
    expect(html).toContain("工作日历");
    expect(html).toContain("继承自浙江省体育局");
    expect(html).toContain("本级设置");
    expect(html).not.toContain("添加或修改一天");
    const en = renderPage(WorkingCalendar, "gov/:authority/calendar", path("hangzhou-xihu"), body, "en");
    expect(en).toContain("Inherited from Zhejiang Provincial Sports Bureau");
  });

  it("gives the admin the form, and falls back to this year for a year out of range", async () => {
    const page = await callLoader(loader, `${path("hangzhou")}?year=1850`, params("hangzhou"), HANGZHOU_ADMIN);
    const body = page.body as Awaited<ReturnType<typeof loader>>;
    expect(body).toMatchObject({ canEdit: true, outOfRange: true, calendar: { year: body.thisYear } });
    const html = renderPage(WorkingCalendar, "gov/:authority/calendar", path("hangzhou"), body, "zh-CN");
    expect(html).toContain("添加或修改一天");
  });

  it("lets the admin add a day, audited, and remove it again", async () => {
    const added = await callAction(action, path("hangzhou"), params("hangzhou"), HANGZHOU_ADMIN, {
      intent: "set",
      day: "2026-11-06",
      working: "no",
      name: " 测试：市级休息日 ",
    });
    expect(added).toMatchObject({
      status: 200,
      body: { ok: true, notice: "calendar.notice.saved", day: "2026-11-06" },
    });
    expect(await entryOf(HANGZHOU, "2026-11-06")).toEqual({ working: false, name: "测试：市级休息日" });
    const set = await owner.auditEvent.findFirstOrThrow({
      where: { action: CALENDAR_DAY_SET, entityId: `${HANGZHOU}:2026-11-06` },
    });
    expect(set).toMatchObject({
      actorUserId: HANGZHOU_ADMIN,
      authorityId: HANGZHOU,
      after: { day: "2026-11-06", working: false, name: "测试：市级休息日" },
    });

    const removed = await callAction(action, path("hangzhou"), params("hangzhou"), HANGZHOU_ADMIN, {
      intent: "remove",
      day: "2026-11-06",
    });
    expect(removed).toMatchObject({ status: 200, body: { ok: true, notice: "calendar.notice.removed" } });
    expect(await entryOf(HANGZHOU, "2026-11-06")).toBeNull();
    expect(
      await owner.auditEvent.count({ where: { action: CALENDAR_DAY_REMOVED, entityId: `${HANGZHOU}:2026-11-06` } }),
    ).toBe(1);
  });

  it("answers an inspector's post with 403 and writes nothing", async () => {
    const before = await writeCounts();
    const refused = await callAction(action, path("hangzhou-xihu"), params("hangzhou-xihu"), XIHU_INSPECTOR, {
      intent: "set",
      day: "2026-11-09",
      working: "no",
      name: "测试",
    });
    expect(refused.status).toBe(403);
    expect(await writeCounts()).toEqual(before);
  });

  it("answers 404 for another city's calendar, read or written", async () => {
    const read = await callLoader(loader, path("ningbo-yinzhou"), params("ningbo-yinzhou"), HANGZHOU_ADMIN);
    expect(read.status).toBe(404);
    const before = await writeCounts();
    const written = await callAction(action, path("ningbo-yinzhou"), params("ningbo-yinzhou"), HANGZHOU_ADMIN, {
      intent: "set",
      day: "2026-11-09",
      working: "no",
      name: "测试",
    });
    expect(written.status).toBe(404);
    expect(await writeCounts()).toEqual(before);
  });

  it("sends a signed-out visitor to sign in", async () => {
    const page = await callLoader(loader, path("hangzhou-xihu"), params("hangzhou-xihu"), null);
    expect(page.status).toBe(302);
  });

  it("refuses a malformed date with 400 and field errors, writing nothing", async () => {
    const before = await writeCounts();
    const refused = await callAction(action, path("hangzhou"), params("hangzhou"), HANGZHOU_ADMIN, {
      intent: "set",
      day: "2026-02-30",
      working: "no",
      name: "",
    });
    expect(refused).toMatchObject({
      status: 400,
      body: {
        ok: false,
        fieldErrors: { day: ["validation.calendar.day"], name: ["validation.calendar.nameRequired"] },
      },
    });
    const unknownIntent = await callAction(action, path("hangzhou"), params("hangzhou"), HANGZHOU_ADMIN, {
      intent: "wipe",
      day: "2026-11-09",
    });
    expect(unknownIntent.status).toBe(400);
    expect(await writeCounts()).toEqual(before);
  });
});
