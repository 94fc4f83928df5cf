import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { type DataScope, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import {
  AUDIT_PAGE_SIZE,
  type AuditFilter,
  checkAuditChain,
  diffAuditChange,
  listAuditEvents,
  listVisibleAuthorities,
  parseAuditQuery,
} from "~/modules/audit/browse.server";
import { seedDemo } from "../../../../prisma/seed/demo";
import { stableId } from "../../../../prisma/seed/stable-id";

const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
afterAll(() => owner.$disconnect());

const id = (code: string) => stableId("authority", code);
const ZHEJIANG = id("330000");
const HANGZHOU = id("330100");
const XIHU = id("330106");
const NINGBO = id("330200");
const YINZHOU = id("330212");
const HANGZHOU_ADMIN = stableId("user", "hangzhou.admin@tipei.example");
const NINGBO_ADMIN = stableId("user", "ningbo.admin@tipei.example");

const scopeOf = (authorityId: string): DataScope => ({ userId: null, authorityId, platform: false });
const list = (authorityId: string, filter: AuditFilter = {}, cursor?: bigint) =>
  inScope(scopeOf(authorityId), (db) => listAuditEvents(db, filter, { cursor }));

type Seeded = {
  authorityId: string | null;
  actorUserId?: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  occurredAt?: Date;
  before?: Prisma.InputJsonObject;
  after?: Prisma.InputJsonObject;
};

/**
 * Appends events as the platform (so any authority is allowed). An event at a chosen time is
 * written as the owner: the trigger stamps the app role's events with the current time.
 */
async function seedEvents(events: Seeded[]): Promise<void> {
  // One transaction per event: an append holds the chain's lock until its transaction ends.
  for (const e of events) {
    const event = {
      actorUserId: e.actorUserId ?? null,
      authorityId: e.authorityId,
      action: e.action,
      entityType: e.entityType ?? "institution",
      entityId: e.entityId ?? "seed",
      before: e.before ?? null,
      after: e.after ?? null,
    };
    if (e.occurredAt) {
      await owner.auditEvent.create({
        data: { ...event, before: e.before ?? undefined, after: e.after ?? undefined, occurredAt: e.occurredAt },
      });
    } else {
      await unsafeAsSystem((db) => appendAudit(db, event));
    }
  }
}

beforeAll(async () => {
  await seedDemo(owner);
  await seedEvents([
    { authorityId: HANGZHOU, actorUserId: HANGZHOU_ADMIN, action: "member.invite", entityType: "invitation" },
    {
      authorityId: XIHU,
      actorUserId: HANGZHOU_ADMIN,
      action: "institution.approve",
      entityId: "xihu-swim",
      before: { status: "SUBMITTED", name: "西湖游泳" },
      after: { status: "APPROVED", name: "西湖游泳" },
    },
    { authorityId: XIHU, action: "institution.submit", entityId: "xihu-swim" },
    { authorityId: XIHU, action: "institutionx.other", entityId: "xihu-other" },
    { authorityId: XIHU, action: "institution_submit", entityId: "xihu-underscore" },
    { authorityId: NINGBO, actorUserId: NINGBO_ADMIN, action: "institution.approve", entityId: "ningbo-swim" },
    { authorityId: YINZHOU, action: "institution.submit", entityId: "yinzhou-ball" },
    { authorityId: ZHEJIANG, action: "settings.update", entityType: "authority", entityId: ZHEJIANG },
    { authorityId: null, action: "platform.maintenance", entityType: "system" },
    // Either side of midnight, China time, on 23 November 2026.
    { authorityId: XIHU, action: "clock.late", entityId: "clock", occurredAt: new Date("2026-11-22T15:59:59.999Z") },
    { authorityId: XIHU, action: "clock.early", entityId: "clock", occurredAt: new Date("2026-11-22T16:00:00.000Z") },
    { authorityId: XIHU, action: "clock.end", entityId: "clock", occurredAt: new Date("2026-11-23T15:59:59.999Z") },
    { authorityId: XIHU, action: "clock.next", entityId: "clock", occurredAt: new Date("2026-11-23T16:00:00.000Z") },
  ]);
});

describe("listAuditEvents under row-level security", () => {
  it("shows Hangzhou its own and its districts' events, never Ningbo's, the province's or the platform's", async () => {
    const { events } = await list(HANGZHOU);
    const authorities = new Set(events.map((e) => e.authority?.id));
    expect(authorities).toEqual(new Set([HANGZHOU, XIHU]));
    expect(events.some((e) => e.entityId.startsWith("ningbo") || e.entityId.startsWith("yinzhou"))).toBe(false);
  });

  it("answers an authority filter pointing at Ningbo with no events rather than an error", async () => {
    expect(await list(HANGZHOU, { authority: NINGBO })).toEqual({ events: [], nextCursor: null });
    expect(await list(HANGZHOU, { authority: YINZHOU, action: "institution." })).toEqual({
      events: [],
      nextCursor: null,
    });
  });

  it("lets Xihu see only Xihu, and the province see both cities", async () => {
    const xihu = await list(XIHU);
    expect(new Set(xihu.events.map((e) => e.authority?.id))).toEqual(new Set([XIHU]));
    const province = await list(ZHEJIANG);
    expect(new Set(province.events.map((e) => e.authority?.id))).toEqual(
      new Set([ZHEJIANG, HANGZHOU, XIHU, NINGBO, YINZHOU]),
    );
  });

  it("offers only the visible authorities as filter choices", async () => {
    const visible = await inScope(scopeOf(HANGZHOU), (db) => listVisibleAuthorities(db));
    const ids = visible.map((a) => a.id);
    expect(ids[0]).toBe(HANGZHOU);
    expect(ids).toContain(XIHU);
    expect(ids).not.toContain(NINGBO);
    expect(ids).not.toContain(ZHEJIANG);
  });

  it("reports the chain intact with the number of events the scope can see", async () => {
    const status = await inScope(scopeOf(HANGZHOU), (db) => checkAuditChain(db));
    const visible = (await list(HANGZHOU)).events.length;
    expect(status).toEqual({ intact: true, visibleEvents: visible });
  });
});

describe("listAuditEvents filters", () => {
  it("joins the actor's name and email and the authority's names", async () => {
    const { events } = await list(HANGZHOU, { action: "member.invite" });
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toMatchObject({ id: HANGZHOU_ADMIN, email: "hangzhou.admin@tipei.example" });
    expect(events[0]?.actor?.displayName).toEqual(expect.any(String));
    expect(events[0]?.authority).toEqual({ id: HANGZHOU, name: "杭州市体育局", nameEn: expect.any(String) });
  });

  it("matches the action as a literal prefix", async () => {
    const byPrefix = await list(HANGZHOU, { action: "institution." });
    expect(byPrefix.events.map((e) => e.action).sort()).toEqual(["institution.approve", "institution.submit"]);
    // "_" and "%" are not wildcards.
    const underscore = await list(HANGZHOU, { action: "institution_" });
    expect(underscore.events.map((e) => e.action)).toEqual(["institution_submit"]);
    expect((await list(HANGZHOU, { action: "%" })).events).toEqual([]);
  });

  it("filters by entity type and entity id", async () => {
    const swim = await list(HANGZHOU, { entityType: "institution", entityId: "xihu-swim" });
    expect(swim.events.map((e) => e.action)).toEqual(["institution.submit", "institution.approve"]);
    expect((await list(HANGZHOU, { entityType: "invitation" })).events.map((e) => e.action)).toEqual(["member.invite"]);
  });

  it("filters by actor, given as email in any case or as user id", async () => {
    const byEmail = await list(HANGZHOU, { actor: "Hangzhou.Admin@tipei.example" });
    expect(byEmail.events.map((e) => e.action).sort()).toEqual(["institution.approve", "member.invite"]);
    const byId = await list(HANGZHOU, { actor: HANGZHOU_ADMIN.toUpperCase() });
    expect(byId.events.map((e) => e.id)).toEqual(byEmail.events.map((e) => e.id));
    expect((await list(HANGZHOU, { actor: "nobody@tipei.example" })).events).toEqual([]);
  });

  it("filters by an authority below the scope", async () => {
    const { events } = await list(HANGZHOU, { authority: XIHU, action: "institution." });
    expect(events.every((e) => e.authority?.id === XIHU)).toBe(true);
    expect(events).toHaveLength(2);
  });

  it("reads the date range as whole days in China time, both ends included", async () => {
    const day = await list(HANGZHOU, { action: "clock.", from: "2026-11-23", to: "2026-11-23" });
    expect(day.events.map((e) => e.action)).toEqual(["clock.end", "clock.early"]);
    const fromOnly = await list(HANGZHOU, { action: "clock.", from: "2026-11-24" });
    expect(fromOnly.events.map((e) => e.action)).toEqual(["clock.next"]);
    const toOnly = await list(HANGZHOU, { action: "clock.", to: "2026-11-22" });
    expect(toOnly.events.map((e) => e.action)).toEqual(["clock.late"]);
  });

  it("describes what changed, key by key", async () => {
    const { events } = await list(HANGZHOU, { action: "institution.approve" });
    expect(events[0]?.changes).toEqual([
      { key: "status", before: '"SUBMITTED"', after: '"APPROVED"', redacted: false },
    ]);
  });
});

describe("listAuditEvents pagination", () => {
  beforeAll(async () => {
    await seedEvents(
      Array.from({ length: 120 }, (_, i) => ({
        authorityId: XIHU,
        action: "page.test",
        entityType: "page",
        entityId: `page-${i}`,
      })),
    );
  });

  it("pages newest first, 50 at a time, by id, with no gaps or repeats", async () => {
    const filter = { entityType: "page" };
    const first = await list(HANGZHOU, filter);
    expect(first.events).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.nextCursor).toBe(first.events.at(-1)?.id);
    const second = await list(HANGZHOU, filter, BigInt(first.nextCursor ?? "0"));
    expect(second.events).toHaveLength(AUDIT_PAGE_SIZE);
    const third = await list(HANGZHOU, filter, BigInt(second.nextCursor ?? "0"));
    expect(third.events).toHaveLength(20);
    expect(third.nextCursor).toBeNull();

    const ids = [...first.events, ...second.events, ...third.events].map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(120);
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(third.events.at(-1)?.entityId).toBe("page-0");
    expect(first.events[0]?.entityId).toBe("page-119");
  });

  it("keeps a page stable when newer events arrive", async () => {
    const filter = { entityType: "page" };
    const first = await list(HANGZHOU, filter);
    const cursor = BigInt(first.nextCursor ?? "0");
    const before = await list(HANGZHOU, filter, cursor);
    await seedEvents([{ authorityId: XIHU, action: "page.test", entityType: "page", entityId: "page-late" }]);
    const after = await list(HANGZHOU, filter, cursor);
    expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
  });

  it("ends with an exact page without offering an empty next one", async () => {
    const filter = { entityType: "page" };
    const all = await inScope(scopeOf(HANGZHOU), (db) => listAuditEvents(db, filter, { size: 121 }));
    expect(all.events).toHaveLength(121);
    expect(all.nextCursor).toBeNull();
  });
});

describe("the audit filter query", () => {
  it("treats blank fields as no filter", () => {
    const result = parseAuditQuery(new URLSearchParams("action=&entityType=%20&actor=&authority=&from=&to=&cursor="));
    expect(result).toEqual({ ok: true, data: {} });
  });

  it("trims and keeps valid values, and reads the cursor as a bigint", () => {
    const result = parseAuditQuery(
      new URLSearchParams({
        action: " institution. ",
        actor: "hangzhou.admin@tipei.example",
        authority: XIHU,
        from: "2026-11-01",
        to: "2026-11-30",
        cursor: "9223372036854775807",
      }),
    );
    expect(result).toEqual({
      ok: true,
      data: {
        action: "institution.",
        actor: "hangzhou.admin@tipei.example",
        authority: XIHU,
        from: "2026-11-01",
        to: "2026-11-30",
        cursor: 9223372036854775807n,
      },
    });
  });

  it("fails with an error per bad field, never by throwing", () => {
    const result = parseAuditQuery(
      new URLSearchParams({
        action: "x".repeat(101),
        actor: "not an email",
        authority: "ningbo",
        from: "2026-02-30",
        to: "yesterday",
        cursor: "-5",
      }),
    );
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        action: ["validation.tooLong"],
        actor: ["validation.audit.actor"],
        authority: ["validation.audit.authority"],
        from: ["validation.audit.date"],
        to: ["validation.audit.date"],
        cursor: ["validation.audit.cursor"],
      },
    });
  });

  it("refuses days the database cannot hold", () => {
    expect(parseAuditQuery(new URLSearchParams({ from: "0000-01-01", to: "9999-12-31" }))).toEqual({
      ok: false,
      fieldErrors: { from: ["validation.audit.date"], to: ["validation.audit.date"] },
    });
  });

  it("reads a repeated parameter once, by its first value", () => {
    expect(parseAuditQuery(new URLSearchParams("action=member.&action=institution."))).toEqual({
      ok: true,
      data: { action: "member." },
    });
  });

  it("refuses an end date before the start date and a cursor beyond bigint", () => {
    expect(parseAuditQuery(new URLSearchParams({ from: "2026-11-02", to: "2026-11-01" }))).toEqual({
      ok: false,
      fieldErrors: { to: ["validation.audit.dateOrder"] },
    });
    expect(parseAuditQuery(new URLSearchParams({ cursor: "9223372036854775808" }))).toEqual({
      ok: false,
      fieldErrors: { cursor: ["validation.audit.cursor"] },
    });
  });
});

describe("diffAuditChange", () => {
  it("lists added, removed and changed keys, keeping markup as plain text", () => {
    expect(
      diffAuditChange({ a: 1, b: "<b>x</b>", same: [1] }, { b: "<script>alert(1)</script>", c: null, same: [1] }),
    ).toEqual([
      { key: "a", before: "1", after: null, redacted: false },
      { key: "b", before: '"<b>x</b>"', after: '"<script>alert(1)</script>"', redacted: false },
      { key: "c", before: null, after: "null", redacted: false },
    ]);
  });

  it("hides the values of secrets but says they changed", () => {
    expect(diffAuditChange({ passwordHash: "old" }, { passwordHash: "new" })).toEqual([
      { key: "passwordHash", before: null, after: null, redacted: true },
    ]);
  });

  it("compares non-object values whole and shortens long ones", () => {
    expect(diffAuditChange(null, null)).toEqual([]);
    expect(diffAuditChange("DRAFT", "SUBMITTED")).toEqual([
      { key: "", before: '"DRAFT"', after: '"SUBMITTED"', redacted: false },
    ]);
    const [long] = diffAuditChange(null, { text: "字".repeat(500) });
    expect(long?.after?.length).toBe(200);
    expect(long?.after?.endsWith("…")).toBe(true);
  });
});
