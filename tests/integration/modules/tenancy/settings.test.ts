import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { type DataScope, inScope } from "~/lib/db-scope.server";
import {
  AuthorityNotWritableError,
  cancelScheduledOverride,
  removeOverride,
  resolveSettingsFor,
  SETTING_CHANGED,
  setOverride,
} from "~/modules/tenancy/settings.server";
import { seedDemo } from "../../../../prisma/seed/demo";
import { stableId } from "../../../../prisma/seed/stable-id";

// The owner connection (no row-level security) to seed and to look behind the app's back.
const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
afterAll(() => owner.$disconnect());

const TODAY = "2026-12-01";
const ids: Record<string, string> = {};
const hangzhouAdmin = stableId("user", "hangzhou.admin@tipei.example");
const zhejiangAdmin = stableId("user", "zhejiang.admin@tipei.example");

function scopeOf(slug: string, userId: string): DataScope {
  const authorityId = ids[slug];
  if (!authorityId) throw new Error(`unknown authority ${slug}`);
  return { userId, authorityId, platform: false };
}

function idOf(slug: string): string {
  const id = ids[slug];
  if (!id) throw new Error(`unknown authority ${slug}`);
  return id;
}

async function storedSettings(slug: string): Promise<unknown> {
  const row = await owner.authority.findUniqueOrThrow({ where: { slug }, select: { settings: true } });
  return row.settings;
}

// Audit events are append-only: each test counts only the events written after it began.
let firstEventOfTest = 0n;

function settingEvents(slug: string) {
  return owner.auditEvent.findMany({
    where: { action: SETTING_CHANGED, entityType: "authority", entityId: idOf(slug), id: { gt: firstEventOfTest } },
    orderBy: { id: "asc" },
  });
}

beforeAll(async () => {
  await seedDemo(owner);
  for (const a of await owner.authority.findMany({ select: { id: true, slug: true } })) ids[a.slug] = a.id;
});

beforeEach(async () => {
  await owner.authority.updateMany({ data: { settings: {} } });
  const last = await owner.auditEvent.aggregate({ _max: { id: true } });
  firstEventOfTest = last._max.id ?? 0n;
});

describe("setOverride", () => {
  it("stores the value from its day on and audits before and after", async () => {
    const result = await setOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou"), key: "FEE-01.maxMonths", value: 2, effectiveFrom: TODAY },
      { today: TODAY },
    );
    expect(result).toEqual({ ok: true, changed: true });
    expect(await storedSettings("hangzhou")).toEqual({
      version: 1,
      overrides: { "FEE-01.maxMonths": [{ effectiveFrom: TODAY, value: 2 }] },
    });
    const events = await settingEvents("hangzhou");
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorUserId: hangzhouAdmin,
      authorityId: idOf("hangzhou"),
      before: {},
      after: { "FEE-01.maxMonths": [{ effectiveFrom: TODAY, value: 2 }] },
    });

    const second = await setOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou"), key: "FEE-01.maxMonths", value: 1, effectiveFrom: "2027-01-01" },
      { today: TODAY },
    );
    expect(second).toEqual({ ok: true, changed: true });
    const [, event] = await settingEvents("hangzhou");
    expect(event?.before).toEqual({ "FEE-01.maxMonths": [{ effectiveFrom: TODAY, value: 2 }] });
    expect(event?.after).toEqual({
      "FEE-01.maxMonths": [
        { effectiveFrom: TODAY, value: 2 },
        { effectiveFrom: "2027-01-01", value: 1 },
      ],
    });
  });

  it("is what a district resolves through its city, and not what the other city's district sees", async () => {
    await setOverride(
      scopeOf("zhejiang", zhejiangAdmin),
      { authorityId: idOf("zhejiang"), key: "FEE-03.maxAmountFen", value: 400_000, effectiveFrom: TODAY },
      { today: TODAY },
    );
    await setOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou"), key: "FEE-03.maxAmountFen", value: 300_000, effectiveFrom: TODAY },
      { today: TODAY },
    );
    const xihu = await resolveSettingsFor(idOf("hangzhou-xihu"), TODAY);
    expect(xihu.parameter("FEE-03.maxAmountFen")).toEqual({
      key: "FEE-03.maxAmountFen",
      value: 300_000,
      source: { kind: "authority", authorityId: idOf("hangzhou") },
      effectiveFrom: TODAY,
    });
    const yinzhou = await resolveSettingsFor(idOf("ningbo-yinzhou"), TODAY);
    expect(yinzhou.parameter("FEE-03.maxAmountFen").source).toEqual({
      kind: "authority",
      authorityId: idOf("zhejiang"),
    });
    expect((await resolveSettingsFor(idOf("hangzhou-xihu"), "2026-11-30")).get("FEE-03.maxAmountFen")).toBe(500_000);
  });

  it("changes nothing and audits nothing when the value is already stored for that day", async () => {
    const input = {
      authorityId: idOf("hangzhou"),
      key: "STF-01.maxClassSize",
      value: 30,
      effectiveFrom: TODAY,
    } as const;
    await setOverride(scopeOf("hangzhou", hangzhouAdmin), input, { today: TODAY });
    expect(await setOverride(scopeOf("hangzhou", hangzhouAdmin), input, { today: TODAY })).toEqual({
      ok: true,
      changed: false,
    });
    expect(await settingEvents("hangzhou")).toHaveLength(1);
  });

  it("keeps both of two changes made at the same time", async () => {
    const scope = scopeOf("hangzhou", hangzhouAdmin);
    const authorityId = idOf("hangzhou");
    const results = await Promise.all([
      setOverride(scope, { authorityId, key: "FEE-01.maxMonths", value: 2, effectiveFrom: TODAY }, { today: TODAY }),
      setOverride(
        scope,
        { authorityId, key: "STF-01.maxClassSize", value: 30, effectiveFrom: TODAY },
        { today: TODAY },
      ),
    ]);
    expect(results).toEqual([
      { ok: true, changed: true },
      { ok: true, changed: true },
    ]);
    expect(await storedSettings("hangzhou")).toEqual({
      version: 1,
      overrides: {
        "FEE-01.maxMonths": [{ effectiveFrom: TODAY, value: 2 }],
        "STF-01.maxClassSize": [{ effectiveFrom: TODAY, value: 30 }],
      },
    });
  });

  it("refuses bad input and writes nothing", async () => {
    const scope = scopeOf("hangzhou", hangzhouAdmin);
    const authorityId = idOf("hangzhou");
    const attempts = [
      setOverride(scope, { authorityId, key: "FEE-01.maxMonths", value: 13, effectiveFrom: TODAY }, { today: TODAY }),
      setOverride(
        scope,
        { authorityId, key: "FEE-01.maxMonths", value: 2, effectiveFrom: "2026-11-30" },
        { today: TODAY },
      ),
      setOverride(
        scope,
        { authorityId, key: "FEE-01.maxMonths", value: 2, effectiveFrom: "2026-13-01" },
        { today: TODAY },
      ),
      setOverride(
        scope,
        // A caller outside TypeScript's reach (a hand-made form) may send anything.
        JSON.parse(`{"authorityId":"${authorityId}","key":"FEE-99.x","value":1,"effectiveFrom":"${TODAY}"}`),
        { today: TODAY },
      ),
    ];
    expect(await Promise.all(attempts)).toEqual([
      { ok: false, fieldErrors: { value: ["validation.settings.outOfRange"] } },
      { ok: false, fieldErrors: { effectiveFrom: ["validation.settings.pastDate"] } },
      { ok: false, fieldErrors: { effectiveFrom: ["validation.settings.date"] } },
      { ok: false, fieldErrors: { key: ["validation.settings.unknownKey"] } },
    ]);
    expect(await storedSettings("hangzhou")).toEqual({});
    expect(await settingEvents("hangzhou")).toHaveLength(0);
  });

  it("refuses a minimum above the maximum the parent sets, naming the rule", async () => {
    await setOverride(
      scopeOf("zhejiang", zhejiangAdmin),
      { authorityId: idOf("zhejiang"), key: "HRS-04.freeChlorineMax", value: 0.6, effectiveFrom: TODAY },
      { today: TODAY },
    );
    const result = await setOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou"), key: "HRS-04.freeChlorineMin", value: 0.7, effectiveFrom: TODAY },
      { today: TODAY },
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: { value: ["validation.settings.chlorineOrder"] },
      conflict: { authorityId: idOf("hangzhou"), date: TODAY },
    });
    expect(await storedSettings("hangzhou")).toEqual({});
  });

  it("refuses a parent's change that would break a descendant's own settings", async () => {
    await setOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou-xihu"), key: "HRS-04.freeChlorineMin", value: 0.45, effectiveFrom: TODAY },
      { today: TODAY },
    );
    const result = await setOverride(
      scopeOf("zhejiang", zhejiangAdmin),
      { authorityId: idOf("zhejiang"), key: "HRS-04.freeChlorineMax", value: 0.4, effectiveFrom: "2027-01-01" },
      { today: TODAY },
    );
    expect(result).toMatchObject({
      ok: false,
      formError: "validation.settings.conflictBelow",
      conflict: { authorityId: idOf("hangzhou-xihu"), name: expect.stringContaining("西湖区"), date: "2027-01-01" },
    });
    expect(await storedSettings("zhejiang")).toEqual({});
  });
});

describe("tenant isolation", () => {
  it("does not let a Hangzhou-scoped transaction change Ningbo's settings", async () => {
    await expect(
      setOverride(
        scopeOf("hangzhou", hangzhouAdmin),
        { authorityId: idOf("ningbo"), key: "FEE-01.maxMonths", value: 1, effectiveFrom: TODAY },
        { today: TODAY },
      ),
    ).rejects.toBeInstanceOf(AuthorityNotWritableError);
    // Nor by going around the service: row-level security finds no row to update.
    const updated = await inScope(scopeOf("hangzhou", hangzhouAdmin), (db) =>
      db.authority.updateMany({ where: { id: idOf("ningbo") }, data: { settings: { version: 1, overrides: {} } } }),
    );
    expect(updated.count).toBe(0);
    expect(await storedSettings("ningbo")).toEqual({});
    expect(await settingEvents("ningbo")).toHaveLength(0);
  });

  it("does not let a district change its parent city", async () => {
    await expect(
      setOverride(
        scopeOf("hangzhou-xihu", hangzhouAdmin),
        { authorityId: idOf("hangzhou"), key: "FEE-01.maxMonths", value: 1, effectiveFrom: TODAY },
        { today: TODAY },
      ),
    ).rejects.toBeInstanceOf(AuthorityNotWritableError);
    expect(await storedSettings("hangzhou")).toEqual({});
  });
});

describe("removeOverride", () => {
  beforeEach(async () => {
    await owner.authority.update({
      where: { slug: "hangzhou" },
      data: {
        settings: {
          version: 1,
          overrides: {
            "FEE-01.maxMonths": [
              { effectiveFrom: "2026-01-01", value: 2 },
              { effectiveFrom: "2027-03-01", value: 1 },
            ],
          },
        },
      },
    });
  });

  it("ends the override from its day on, keeping history and withdrawing later changes", async () => {
    const result = await removeOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou"), key: "FEE-01.maxMonths", effectiveFrom: "2027-01-01" },
      { today: TODAY },
    );
    expect(result).toEqual({ ok: true, changed: true });
    const expected = [
      { effectiveFrom: "2026-01-01", value: 2 },
      { effectiveFrom: "2027-01-01", inherit: true },
    ];
    expect(await storedSettings("hangzhou")).toEqual({ version: 1, overrides: { "FEE-01.maxMonths": expected } });
    const [event] = await settingEvents("hangzhou");
    expect(event?.before).toEqual({
      "FEE-01.maxMonths": [
        { effectiveFrom: "2026-01-01", value: 2 },
        { effectiveFrom: "2027-03-01", value: 1 },
      ],
    });
    expect(event?.after).toEqual({ "FEE-01.maxMonths": expected });
    expect((await resolveSettingsFor(idOf("hangzhou"), "2026-12-31")).get("FEE-01.maxMonths")).toBe(2);
    expect((await resolveSettingsFor(idOf("hangzhou"), "2027-01-01")).parameter("FEE-01.maxMonths")).toMatchObject({
      value: 3,
      source: { kind: "default" },
    });
  });

  it("drops the key altogether when nothing of it was ever in effect", async () => {
    await owner.authority.update({
      where: { slug: "hangzhou" },
      data: {
        settings: { version: 1, overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2027-03-01", value: 1 }] } },
      },
    });
    await removeOverride(
      scopeOf("hangzhou", hangzhouAdmin),
      { authorityId: idOf("hangzhou"), key: "FEE-01.maxMonths", effectiveFrom: TODAY },
      { today: TODAY },
    );
    expect(await storedSettings("hangzhou")).toEqual({ version: 1, overrides: {} });
    const [event] = await settingEvents("hangzhou");
    expect(event?.after).toEqual({});
  });

  it("refuses a day in the past and changes nothing when there is nothing to remove", async () => {
    expect(
      await removeOverride(
        scopeOf("hangzhou", hangzhouAdmin),
        { authorityId: idOf("hangzhou"), key: "FEE-01.maxMonths", effectiveFrom: "2026-06-01" },
        { today: TODAY },
      ),
    ).toEqual({ ok: false, fieldErrors: { effectiveFrom: ["validation.settings.pastDate"] } });
    expect(
      await removeOverride(
        scopeOf("hangzhou", hangzhouAdmin),
        { authorityId: idOf("hangzhou"), key: "STF-01.maxClassSize", effectiveFrom: TODAY },
        { today: TODAY },
      ),
    ).toEqual({ ok: true, changed: false });
    expect(await settingEvents("hangzhou")).toHaveLength(0);
  });

  it("cannot remove Ningbo's override from a Hangzhou scope", async () => {
    await owner.authority.update({
      where: { slug: "ningbo" },
      data: {
        settings: { version: 1, overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 2 }] } },
      },
    });
    await expect(
      removeOverride(
        scopeOf("hangzhou", hangzhouAdmin),
        { authorityId: idOf("ningbo"), key: "FEE-01.maxMonths", effectiveFrom: TODAY },
        { today: TODAY },
      ),
    ).rejects.toBeInstanceOf(AuthorityNotWritableError);
    expect(await storedSettings("ningbo")).toEqual({
      version: 1,
      overrides: { "FEE-01.maxMonths": [{ effectiveFrom: "2026-01-01", value: 2 }] },
    });
  });
});

describe("cancelScheduledOverride", () => {
  it("withdraws a change scheduled after today, and only such a change", async () => {
    await owner.authority.update({
      where: { slug: "hangzhou" },
      data: {
        settings: {
          version: 1,
          overrides: {
            "FEE-01.maxMonths": [
              { effectiveFrom: TODAY, value: 2 },
              { effectiveFrom: "2027-03-01", value: 1 },
            ],
          },
        },
      },
    });
    const scope = scopeOf("hangzhou", hangzhouAdmin);
    const authorityId = idOf("hangzhou");
    expect(
      await cancelScheduledOverride(
        scope,
        { authorityId, key: "FEE-01.maxMonths", effectiveFrom: TODAY },
        { today: TODAY },
      ),
    ).toEqual({ ok: false, fieldErrors: { effectiveFrom: ["validation.settings.notScheduled"] } });
    expect(
      await cancelScheduledOverride(
        scope,
        { authorityId, key: "FEE-01.maxMonths", effectiveFrom: "2027-03-01" },
        { today: TODAY },
      ),
    ).toEqual({ ok: true, changed: true });
    expect(await storedSettings("hangzhou")).toEqual({
      version: 1,
      overrides: { "FEE-01.maxMonths": [{ effectiveFrom: TODAY, value: 2 }] },
    });
    expect(await settingEvents("hangzhou")).toHaveLength(1);
  });
});
