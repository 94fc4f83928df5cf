import { type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import {
  POOL_LOG_RECORDED,
  poolDaysFor,
  poolLogOverview,
  recordPoolLog,
} from "~/modules/compliance/pool-safety.server";
import type { PoolDay } from "~/modules/compliance/snapshot";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  approveXihuSwim,
  approveYinzhouWithPools,
  BINJIANG_CHESS,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  sessionRow,
  XIHU_ADMIN,
  XIHU_INSPECTOR,
  XIHU_STAFF,
  XIHU_SWIM,
  YINZHOU_ADMIN,
  YINZHOU_FOOTBALL,
} from "./pool-safety-fixtures";

const owner = ownerClient();
let xihuPool = "";
let yinzhou: Awaited<ReturnType<typeof approveYinzhouWithPools>>;

// The week of Monday 16 to Sunday 22 November 2026, seen from Friday the 20th.
const TODAY = "2026-11-20";
const WEDNESDAY = "2026-11-18";

beforeAll(async () => {
  await seedDemoData();
  ({ poolId: xihuPool } = await approveXihuSwim());
  yinzhou = await approveYinzhouWithPools();
  // The Sunday course is withdrawn: its pool has no lessons any more.
  await owner.course.update({ where: { id: yinzhou.sundayCourse }, data: { active: false } });
});
afterAll(() => owner.$disconnect());

const wednesdayLog = () => ({
  venueId: xihuPool,
  logDate: WEDNESDAY,
  notes: "池水清澈",
  sessions: [
    sessionRow(),
    sessionRow({
      startTime: "17:30",
      endTime: "18:30",
      lifeguardsOnDuty: "3",
      lifeguardNames: "张三 李四 王五",
      freeChlorineMgL: "0.2",
      ureaMgL: "2.8",
    }),
  ],
});

describe("recording a pool's day", () => {
  it("writes the day and its sessions and audits them", async () => {
    const result = await recordPoolLog(XIHU_ADMIN, XIHU_SWIM, wednesdayLog(), { today: TODAY });
    expect(result).toMatchObject({ ok: true, replaced: false });
    const log = await owner.poolSafetyLog.findFirstOrThrow({
      where: { venueId: xihuPool },
      include: { sessions: { orderBy: { startTime: "asc" } } },
    });
    expect(log).toMatchObject({
      institutionId: XIHU_SWIM,
      recordedById: XIHU_ADMIN.userId,
      notes: "池水清澈",
      logDate: new Date(`${WEDNESDAY}T00:00:00Z`),
    });
    expect(
      log.sessions.map((s) => [
        s.startTime,
        s.lifeguardsOnDuty,
        s.lifeguardNames,
        Number(s.freeChlorineMgL),
        Number(s.ph),
        s.ureaMgL === null ? null : Number(s.ureaMgL),
      ]),
    ).toEqual([
      ["09:00", 4, ["张三", "李四", "王五", "赵六"], 0.4, 7.4, null],
      ["17:30", 3, ["张三", "李四", "王五"], 0.2, 7.4, 2.8],
    ]);
    const audit = await owner.auditEvent.findMany({ where: { action: POOL_LOG_RECORDED, entityId: log.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorUserId: XIHU_ADMIN.userId, authorityId: log.authorityId, before: null });
    expect(audit[0]?.after).toMatchObject({
      venueId: xihuPool,
      logDate: WEDNESDAY,
      sessions: [{ startTime: "09:00" }, { startTime: "17:30" }],
    });
  });

  it("re-recording the day keeps one log, replaces its sessions and audits what was replaced", async () => {
    const before = await owner.poolSafetyLog.findFirstOrThrow({ where: { venueId: xihuPool } });
    const result = await recordPoolLog(
      XIHU_STAFF,
      XIHU_SWIM,
      {
        venueId: xihuPool,
        logDate: WEDNESDAY,
        notes: "",
        sessions: [sessionRow({ startTime: "18:00", endTime: "19:00" })],
      },
      { today: TODAY },
    );
    expect(result).toEqual({ ok: true, logId: before.id, replaced: true });
    const after = await owner.poolSafetyLog.findMany({ where: { venueId: xihuPool }, include: { sessions: true } });
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: before.id, notes: null, recordedById: XIHU_STAFF.userId });
    expect(after[0]?.sessions.map((s) => s.startTime)).toEqual(["18:00"]);
    expect(await owner.poolSafetySession.count({ where: { logId: before.id } })).toBe(1);
    const [, second] = await owner.auditEvent.findMany({
      where: { action: POOL_LOG_RECORDED, entityId: before.id },
      orderBy: { id: "asc" },
    });
    expect(second?.before).toMatchObject({
      notes: "池水清澈",
      sessions: [{ startTime: "09:00" }, { startTime: "17:30", freeChlorineMgL: 0.2 }],
    });
    expect(second?.after).toMatchObject({ notes: null, sessions: [{ startTime: "18:00" }] });

    // Back to the two sessions for the reading tests below.
    expect(await recordPoolLog(XIHU_ADMIN, XIHU_SWIM, wednesdayLog(), { today: TODAY })).toMatchObject({ ok: true });
  });

  it("refuses a future day, a day past the editable week, bad readings, and venues that are not its pools", async () => {
    const writes = async () => ({
      logs: await owner.poolSafetyLog.count(),
      audit: await owner.auditEvent.count({ where: { action: POOL_LOG_RECORDED } }),
    });
    const counted = await writes();
    const log = (overrides: object) => ({ ...wednesdayLog(), ...overrides });
    expect(await recordPoolLog(XIHU_ADMIN, XIHU_SWIM, log({ logDate: "2026-11-21" }), { today: TODAY })).toEqual({
      ok: false,
      fieldErrors: { logDate: ["validation.poolSafety.futureDate"] },
    });
    expect(await recordPoolLog(XIHU_ADMIN, XIHU_SWIM, log({ logDate: "2026-11-13" }), { today: TODAY })).toEqual({
      ok: false,
      fieldErrors: { logDate: ["validation.poolSafety.tooOld"] },
    });
    expect(
      await recordPoolLog(XIHU_ADMIN, XIHU_SWIM, log({ sessions: [sessionRow({ ph: "75" })] }), { today: TODAY }),
    ).toEqual({ ok: false, fieldErrors: { "sessions.0.ph": ["validation.poolSafety.phRange"] } });
    const notMine = { ok: false, fieldErrors: { venueId: ["validation.poolSafety.choosePool"] } };
    // Another institution's pool, named with this institution; a hall that is no pool.
    expect(await recordPoolLog(XIHU_ADMIN, XIHU_SWIM, log({ venueId: yinzhou.poolA }), { today: TODAY })).toEqual(
      notMine,
    );
    expect(
      await recordPoolLog(YINZHOU_ADMIN, YINZHOU_FOOTBALL, log({ venueId: yinzhou.hall }), { today: TODAY }),
    ).toEqual(notMine);
    expect(await writes()).toEqual(counted);
  });
});

describe("row-level security of the safety logs", () => {
  const logsSeenBy = (scope: Parameters<typeof inScope>[0]) =>
    inScope(scope, async (db) => ({
      logs: await db.poolSafetyLog.count({ where: { institutionId: XIHU_SWIM } }),
      sessions: await db.poolSafetySession.count({ where: { institutionId: XIHU_SWIM } }),
    }));

  it("lets the institution's members and its regulators read, and no one else", async () => {
    expect(await logsSeenBy(XIHU_STAFF)).toEqual({ logs: 1, sessions: 2 });
    expect(await logsSeenBy(HANGZHOU_ADMIN)).toEqual({ logs: 1, sessions: 2 });
    expect(await logsSeenBy(XIHU_INSPECTOR)).toEqual({ logs: 1, sessions: 2 });
    expect(await logsSeenBy(YINZHOU_ADMIN)).toEqual({ logs: 0, sessions: 0 });
    expect(await logsSeenBy(NINGBO_ADMIN)).toEqual({ logs: 0, sessions: 0 });
  });

  it("gives another institution's member nothing to record into", async () => {
    expect(await recordPoolLog(YINZHOU_ADMIN, XIHU_SWIM, wednesdayLog(), { today: TODAY })).toEqual({
      ok: false,
      fieldErrors: { venueId: ["validation.poolSafety.choosePool"] },
    });
  });

  it("refuses writes from regulators and from members of another institution", async () => {
    const log = await owner.poolSafetyLog.findFirstOrThrow({ where: { venueId: xihuPool } });
    const insertAs = (scope: Parameters<typeof inScope>[0]) =>
      inScope(scope, (db) =>
        db.poolSafetyLog.createMany({
          data: [
            {
              institutionId: XIHU_SWIM,
              authorityId: log.authorityId,
              venueId: xihuPool,
              logDate: new Date("2026-11-19T00:00:00Z"),
            },
          ],
        }),
      );
    await expect(insertAs(HANGZHOU_ADMIN)).rejects.toThrow(/row-level security/);
    await expect(insertAs(YINZHOU_ADMIN)).rejects.toThrow(/row-level security/);
    // Updates and deletes find no row to touch.
    expect(
      await inScope(HANGZHOU_ADMIN, (db) =>
        db.poolSafetyLog.updateMany({ where: { id: log.id }, data: { notes: "改" } }),
      ),
    ).toEqual({ count: 0 });
    expect(
      await inScope(HANGZHOU_ADMIN, (db) => db.poolSafetySession.deleteMany({ where: { logId: log.id } })),
    ).toEqual({
      count: 0,
    });
    expect(await inScope(YINZHOU_ADMIN, (db) => db.poolSafetySession.deleteMany({ where: { logId: log.id } }))).toEqual(
      {
        count: 0,
      },
    );
    expect(await owner.poolSafetySession.count({ where: { logId: log.id } })).toBe(2);
  });

  it("refuses a log that names another institution's pool, so no one can take its day", async () => {
    const yinzhouAuthority = (await owner.institution.findUniqueOrThrow({ where: { id: YINZHOU_FOOTBALL } }))
      .authorityId;
    await expect(
      inScope(YINZHOU_ADMIN, (db) =>
        db.poolSafetyLog.createMany({
          data: [
            {
              institutionId: YINZHOU_FOOTBALL,
              authorityId: yinzhouAuthority,
              venueId: xihuPool,
              logDate: new Date("2026-11-19T00:00:00Z"),
            },
          ],
        }),
      ),
    ).rejects.toThrow(/is not a pool of institution/);
  });
});

describe("the pool days the compliance engine reads", () => {
  const FRIDAY = "2026-11-20";

  beforeAll(async () => {
    // Pool A on Friday: two sessions, 5 then 3 lifeguards. Nothing on Monday, a lesson day.
    const friday = {
      venueId: yinzhou.poolA,
      logDate: FRIDAY,
      notes: "",
      sessions: [
        sessionRow({
          startTime: "16:00",
          endTime: "17:00",
          lifeguardsOnDuty: "5",
          lifeguardNames: "甲 乙 丙 丁 戊",
          ph: "8.6",
        }),
        sessionRow({
          startTime: "17:00",
          endTime: "18:00",
          lifeguardsOnDuty: "3",
          lifeguardNames: "甲 乙 丙",
          ureaMgL: "3.1",
        }),
      ],
    };
    expect(await recordPoolLog(YINZHOU_ADMIN, YINZHOU_FOOTBALL, friday, { today: TODAY })).toMatchObject({ ok: true });
  });

  /** Counts the queries poolDaysFor sends, to prove they do not grow with the institutions. */
  function counting(db: Db) {
    const counter = { queries: 0 };
    const reader: Pick<Db, "$queryRaw"> = {
      $queryRaw: ((...args: Parameters<Db["$queryRaw"]>) => {
        counter.queries += 1;
        return db.$queryRaw(...args);
      }) as Db["$queryRaw"],
    };
    return { reader, counter };
  }

  const byDay = (days: PoolDay[], venueId: string) => days.filter((d) => d.venueId === venueId);

  it("answers every pool's days for several institutions in two queries", async () => {
    const { days, queries } = await unsafeAsSystem(async (db) => {
      const { reader, counter } = counting(db);
      const result = await poolDaysFor(
        reader,
        [XIHU_SWIM, YINZHOU_FOOTBALL, BINJIANG_CHESS],
        "2026-11-16",
        "2026-11-22",
      );
      return { days: result, queries: counter.queries };
    });
    expect(queries).toBe(2);
    expect([...days.keys()].sort()).toEqual([XIHU_SWIM, YINZHOU_FOOTBALL, BINJIANG_CHESS].sort());
    expect(days.get(BINJIANG_CHESS)).toEqual([]);

    const xihu = days.get(XIHU_SWIM) ?? [];
    expect(xihu.map((d) => [d.date, d.lessonsScheduled, d.log !== null])).toEqual([
      ["2026-11-16", false, false],
      ["2026-11-17", false, false],
      ["2026-11-18", true, true],
      ["2026-11-19", false, false],
      ["2026-11-20", false, false],
      ["2026-11-21", true, false],
      ["2026-11-22", false, false],
    ]);
    expect(xihu[2]).toEqual({
      venueId: xihuPool,
      date: WEDNESDAY,
      lessonsScheduled: true,
      log: {
        readings: [
          { freeChlorineMgL: 0.4, ph: 7.4, ureaMgL: null },
          { freeChlorineMgL: 0.2, ph: 7.4, ureaMgL: 2.8 },
        ],
        minLifeguardsOnDuty: 3,
      },
    });

    const yinzhouDays = days.get(YINZHOU_FOOTBALL) ?? [];
    // Two pools × seven days; the hall is no pool.
    expect(yinzhouDays).toHaveLength(14);
    const poolA = byDay(yinzhouDays, yinzhou.poolA);
    expect(poolA.filter((d) => d.lessonsScheduled).map((d) => d.date)).toEqual(["2026-11-16", "2026-11-20"]);
    // Monday had lessons and no log: what HRS-04 reports as a missing log.
    expect(poolA[0]).toEqual({ venueId: yinzhou.poolA, date: "2026-11-16", lessonsScheduled: true, log: null });
    expect(poolA[4]?.log).toEqual({
      readings: [
        { freeChlorineMgL: 0.4, ph: 8.6, ureaMgL: null },
        { freeChlorineMgL: 0.4, ph: 7.4, ureaMgL: 3.1 },
      ],
      minLifeguardsOnDuty: 3,
    });
    // Pool B's only course was withdrawn: no lesson day at all.
    expect(byDay(yinzhouDays, yinzhou.poolB).some((d) => d.lessonsScheduled)).toBe(false);
  });

  it("has no lesson days before the institution was registered (approved on 10 November)", async () => {
    const days = await unsafeAsSystem((db) => poolDaysFor(db, [XIHU_SWIM], "2026-11-02", "2026-11-15"));
    expect(
      days
        .get(XIHU_SWIM)
        ?.filter((d) => d.lessonsScheduled)
        .map((d) => d.date),
    ).toEqual(["2026-11-11", "2026-11-14"]);
  });

  it("sees only what the transaction's scope may see", async () => {
    const seen = await inScope(NINGBO_ADMIN, (db) =>
      poolDaysFor(db, [XIHU_SWIM, YINZHOU_FOOTBALL], "2026-11-16", "2026-11-22"),
    );
    expect(seen.get(XIHU_SWIM)).toEqual([]);
    expect(seen.get(YINZHOU_FOOTBALL)).toHaveLength(14);
  });

  it("gives nothing for an empty window or no institutions", async () => {
    expect(await unsafeAsSystem((db) => poolDaysFor(db, [], "2026-11-16", "2026-11-22"))).toEqual(new Map());
    const none = await unsafeAsSystem((db) => poolDaysFor(db, [XIHU_SWIM], "2026-11-22", "2026-11-16"));
    expect(none.get(XIHU_SWIM)).toEqual([]);
  });
});

describe("the institution's overview of its pools", () => {
  it("marks each of the last 14 days and what is out of range against the tenant's limits", async () => {
    const pools = await poolLogOverview(XIHU_STAFF, XIHU_SWIM, "2026-11-21");
    expect(pools).toHaveLength(1);
    const [pool] = pools;
    expect(pool?.days).toHaveLength(14);
    const day = (date: string) => pool?.days.find((d) => d.date === date);
    // Saturday the 21st is today with lessons, the 18th was logged, the 14th a Saturday without a log.
    expect(day("2026-11-21")).toMatchObject({ status: "pending", editable: true });
    expect(day("2026-11-19")).toMatchObject({ status: "noLessons" });
    expect(day("2026-11-14")).toMatchObject({ status: "missing", editable: false });
    const wednesday = day(WEDNESDAY);
    expect(wednesday).toMatchObject({ status: "logged", editable: true, requiredLifeguards: 4 });
    expect(wednesday?.log?.sessions.map((s) => [s.startTime, s.problems, s.lifeguardsShort])).toEqual([
      ["09:00", [], 0],
      ["17:30", [{ field: "freeChlorineMgL", value: 0.2, side: "low", limit: 0.3 }], 1],
    ]);
  });

  it("compares with the tenant's own limits from their effective day", async () => {
    const hangzhou = await owner.authority.findFirstOrThrow({ where: { code: "330100" } });
    await owner.authority.update({
      where: { id: hangzhou.id },
      data: {
        settings: {
          version: 1,
          overrides: {
            "HRS-04.freeChlorineMax": [{ effectiveFrom: "2026-11-18", value: 0.35 }],
            "HRS-02.baseLifeguards": [{ effectiveFrom: "2026-11-01", value: 2 }],
          },
        },
      },
    });
    try {
      const [pool] = await poolLogOverview(XIHU_ADMIN, XIHU_SWIM, "2026-11-21");
      const wednesday = pool?.days.find((d) => d.date === WEDNESDAY);
      expect(wednesday?.requiredLifeguards).toBe(3);
      expect(wednesday?.log?.sessions.map((s) => [s.problems, s.lifeguardsShort])).toEqual([
        [[{ field: "freeChlorineMgL", value: 0.4, side: "high", limit: 0.35 }], 0],
        [[{ field: "freeChlorineMgL", value: 0.2, side: "low", limit: 0.3 }], 0],
      ]);
      expect(pool?.days.find((d) => d.date === "2026-11-17")?.limits.freeChlorineMax).toBe(0.5);
    } finally {
      await owner.authority.update({ where: { id: hangzhou.id }, data: { settings: {} } });
    }
  });

  it("is empty for an institution without a pool and for someone who is not its member", async () => {
    expect(await poolLogOverview(XIHU_ADMIN, BINJIANG_CHESS, "2026-11-21")).toEqual([]);
    expect(await poolLogOverview(YINZHOU_ADMIN, XIHU_SWIM, "2026-11-21")).toEqual([]);
  });
});
