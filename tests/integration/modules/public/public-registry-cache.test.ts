import pg from "pg";
import { searchAnswer } from "~/lib/api/public-api.server";
import type { ApiCall } from "~/lib/api/respond.server";
import { currentRegistryVersion, readPublicRegistry } from "~/modules/registry/public-registry-cache.server";
import { searchPublicRegistry } from "~/modules/registry/public-search.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { captureSql } from "../../../support/sql-capture";
import { insertDraft, insertRegistered } from "./registry-fixtures";

// The owner's client stands for another web process or a job: its writes go straight to the
// database, past anything this process holds in memory.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

beforeAll(async () => {
  await seedDemoData();
});

let serial = 0;
function nextNo(): string {
  serial += 1;
  return `330106-2026-${String(8000 + serial).padStart(4, "0")}`;
}

/** The names a search for `q` finds, through the cache. */
async function namesFound(q: string): Promise<string[]> {
  const outcome = await readPublicRegistry(`test-search:${q}`, (db) => searchPublicRegistry(db, { q, page: 1 }));
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.fieldErrors));
  return outcome.result.items.map((item) => item.name);
}

/** How much the registry's version moved while `change` ran. */
async function bumpsOf(change: () => Promise<unknown>): Promise<number> {
  const before = await currentRegistryVersion();
  await change();
  return (await currentRegistryVersion()) - before;
}

describe("the public registry cache", () => {
  it("answers a repeated search with one version read, no transaction", async () => {
    await insertRegistered(owner, {
      name: "杏林晨曦游泳馆",
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo: nextNo(),
    });
    expect(await namesFound("杏林晨曦")).toEqual(["杏林晨曦游泳馆"]);
    const { result, statements } = await captureSql(() => namesFound("杏林晨曦"));
    expect(result).toEqual(["杏林晨曦游泳馆"]);
    expect(statements.map((s) => s.text)).toEqual(["SELECT version FROM public_registry_version"]);
  });

  it("shows a registration, a rename, a suspension and a removal made elsewhere at once", async () => {
    expect(await namesFound("梧桐远帆")).toEqual([]);
    const id = await insertRegistered(owner, {
      name: "梧桐远帆游泳馆",
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo: nextNo(),
    });
    expect(await namesFound("梧桐远帆")).toEqual(["梧桐远帆游泳馆"]);
    await owner.institution.update({ where: { id }, data: { name: "梧桐远帆跆拳道馆" } });
    expect(await namesFound("梧桐远帆")).toEqual(["梧桐远帆跆拳道馆"]);
    await owner.institution.update({ where: { id }, data: { status: "SUSPENDED" } });
    const outcome = await readPublicRegistry("test-status", (db) =>
      searchPublicRegistry(db, { q: "梧桐远帆", page: 1 }),
    );
    expect(outcome.ok && outcome.result.items.map((i) => i.status)).toEqual(["SUSPENDED"]);
    await owner.institution.delete({ where: { id } });
    expect(await namesFound("梧桐远帆")).toEqual([]);
  });

  it("moves the version once per statement however many registered rows it changes", async () => {
    for (const n of [1, 2, 3]) {
      await insertRegistered(owner, {
        name: `枫桥星火${n}游泳馆`,
        district: "330106",
        sports: ["SWIMMING"],
        registrationNo: nextNo(),
      });
    }
    expect(await namesFound("枫桥星火")).toHaveLength(3);
    const bumps = await bumpsOf(
      () => owner.$executeRaw`UPDATE institution SET compliance_grade = 'B', compliance_evaluated_at = now()
                               WHERE name LIKE '枫桥星火%'`,
    );
    expect(bumps).toBe(1);
  });

  it("moves when an update gives or takes a registration number, and for a large update once", async () => {
    const draft = await insertDraft(owner, "石榴晨光草稿", "330106");
    const registrationNo = nextNo();
    expect(
      await bumpsOf(() =>
        owner.institution.update({ where: { id: draft }, data: { registrationNo, status: "APPROVED" } }),
      ),
    ).toBe(1);
    expect(await namesFound("石榴晨光")).toEqual(["石榴晨光草稿"]);
    expect(
      await bumpsOf(() =>
        owner.institution.update({ where: { id: draft }, data: { registrationNo: null, status: "DRAFT" } }),
      ),
    ).toBe(1);
    expect(await namesFound("石榴晨光")).toEqual([]);
    // Every registered institution renamed by one statement and back: one bump each.
    expect(
      await bumpsOf(
        () => owner.$executeRaw`UPDATE institution SET name = name || '·' WHERE registration_no IS NOT NULL`,
      ),
    ).toBe(1);
    expect(
      await bumpsOf(
        () => owner.$executeRaw`UPDATE institution SET name = rtrim(name, '·') WHERE registration_no IS NOT NULL`,
      ),
    ).toBe(1);
  });

  it("does not move for what the registry does not show: risk columns, unregistered institutions, settings", async () => {
    await namesFound("松涛鹤鸣");
    const draft = await insertDraft(owner, "松涛鹤鸣草稿", "330106");
    expect(
      await bumpsOf(async () => {
        await owner.$executeRaw`UPDATE institution SET risk_score = 77 WHERE registration_no IS NOT NULL`;
        await owner.institution.update({ where: { id: draft }, data: { name: "松涛鹤鸣草稿改名" } });
        await insertDraft(owner, "松涛鹤鸣另一草稿", "330106");
        await owner.authority.update({
          where: { id: stableId("authority", "330106") },
          data: { settings: { reviewSlaDays: 9 } },
        });
      }),
    ).toBe(0);
    // And a cached answer therefore stays in use: one statement.
    const { statements } = await captureSql(() => namesFound("松涛鹤鸣"));
    expect(statements).toHaveLength(1);
  });

  it("shows an authority's new name in the results at once", async () => {
    await insertRegistered(owner, {
      name: "竹影清风游泳馆",
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo: nextNo(),
    });
    const authorityOf = async () => {
      const outcome = await readPublicRegistry("test-authority", (db) =>
        searchPublicRegistry(db, { q: "竹影清风", page: 1 }),
      );
      return outcome.ok ? outcome.result.items[0]?.authority.name : undefined;
    };
    const district = stableId("authority", "330106");
    const { name } = await owner.authority.findUniqueOrThrow({ where: { id: district }, select: { name: true } });
    expect(await authorityOf()).toBe(name);
    try {
      await owner.authority.update({ where: { id: district }, data: { name: "西湖区体育局（缓存测试）" } });
      expect(await authorityOf()).toBe("西湖区体育局（缓存测试）");
    } finally {
      await owner.authority.update({ where: { id: district }, data: { name } });
    }
  });

  it("serves the API's search from it, with the same answer as a fresh read", async () => {
    await insertRegistered(owner, {
      name: "柳岸飞燕游泳馆",
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo: nextNo(),
    });
    const call: ApiCall = {
      method: "GET",
      path: "/api/v1/institutions",
      acceptLanguage: "zh-CN",
      ifNoneMatch: null,
      clientIp: "203.0.113.9",
      origin: "http://localhost",
    };
    const params = new URLSearchParams({ q: "柳岸飞燕" });
    const first = await searchAnswer(call, params);
    const { result: again, statements } = await captureSql(() => searchAnswer(call, params));
    expect(statements.map((s) => s.text)).toEqual(["SELECT version FROM public_registry_version"]);
    expect(again).toEqual(first);
    expect(JSON.stringify(first)).toContain("柳岸飞燕游泳馆");
  });

  it("is read-only for the app's role", async () => {
    const app = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await app.connect();
    try {
      await expect(app.query("UPDATE public_registry_version SET version = 0")).rejects.toThrow(/permission denied/);
      await expect(app.query("INSERT INTO public_registry_version VALUES (false, 0)")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }
  });
});
