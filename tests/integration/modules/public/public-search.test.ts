import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { inPublicRegistry } from "~/lib/db-scope.server";
import type { Locale } from "~/lib/i18n/catalog";
import { consume, LIMITS } from "~/modules/identity/rate-limits.server";
import {
  listRegistryDistricts,
  type PublicSearchQuery,
  parsePublicSearchQuery,
  searchPublicRegistry,
} from "~/modules/registry/public-search.server";
import InstitutionSearch, { loader } from "~/routes/institutions._index";
import { completeContent } from "../../../fixtures/registration-content";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { getRequest, loadContext } from "../../../support/remix-calls";
import {
  HANGZHOU_ADMIN,
  HANGZHOU_APPLICANT,
  insertDraft,
  insertRegistered,
  NINGBO_ADMIN,
  NINGBO_APPLICANT,
  registerThroughServices,
  XIHU_SWIM,
  YINZHOU_FOOTBALL,
  yinzhouFootballContent,
} from "./registry-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

let hangzhouNo: string;
let ningboNo: string;

beforeAll(async () => {
  await seedDemoData();
  hangzhouNo = await registerThroughServices(XIHU_SWIM, HANGZHOU_APPLICANT, HANGZHOU_ADMIN, completeContent());
  ningboNo = await registerThroughServices(YINZHOU_FOOTBALL, NINGBO_APPLICANT, NINGBO_ADMIN, yinzhouFootballContent());
  await insertRegistered(owner, {
    name: "浪花游泳俱乐部",
    district: "330105",
    sports: ["SWIMMING"],
    registrationNo: "330105-2025-0001",
  });
  await insertRegistered(owner, {
    name: "宁波海曙围棋道场",
    district: "330203",
    sports: ["GO"],
    registrationNo: "330203-2025-0001",
  });
  await insertRegistered(owner, {
    name: "西湖撤销测试羽毛球馆",
    district: "330106",
    sports: ["BADMINTON"],
    registrationNo: "330106-2025-0002",
    status: "REVOKED",
  });
  for (let i = 1; i <= 25; i++) {
    const n = String(i).padStart(2, "0");
    await insertRegistered(owner, {
      name: `分页测试乒乓球馆${n}号`,
      district: "330102",
      sports: ["TABLE_TENNIS"],
      registrationNo: `330102-2025-00${n}`,
    });
  }
  await insertDraft(owner, "草稿阶段测试游泳学校", "330106");
});

async function search(query: Partial<PublicSearchQuery>) {
  const outcome = await inPublicRegistry((db) => searchPublicRegistry(db, { page: 1, ...query }));
  if (!outcome.ok) throw new Error(`search refused: ${JSON.stringify(outcome.fieldErrors)}`);
  return outcome.result;
}
const names = (result: Awaited<ReturnType<typeof search>>) => result.items.map((i) => i.name);

describe("searching the public registry", () => {
  it("finds an institution by one or two characters of its Chinese name (below pg_trgm's three)", async () => {
    expect(names(await search({ q: "浪花" }))).toContain("杭州浪花游泳培训有限公司");
    expect(names(await search({ q: "浪" }))).toContain("杭州浪花游泳培训有限公司");
    expect(names(await search({ q: "追风" }))).toEqual(["宁波鄞州追风足球俱乐部有限公司"]);
  });

  it("finds it by a longer part of the name too, the closest match first", async () => {
    // A name that starts with the query comes before one that merely contains it.
    expect(names(await search({ q: "浪花游泳" }))).toEqual(["浪花游泳俱乐部", "杭州浪花游泳培训有限公司"]);
    expect(names(await search({ q: "杭州浪花游泳培训有限公司" }))[0]).toBe("杭州浪花游泳培训有限公司");
  });

  it("finds an institution by its exact registration number, however it is typed", async () => {
    for (const typed of [hangzhouNo, hangzhouNo.replaceAll("-", ""), "３３０１０６－２０２６－０００１"]) {
      const result = await search({ q: typed });
      expect(result.items.map((i) => i.registrationNo)).toEqual([hangzhouNo]);
    }
    expect((await search({ q: "330106-2099-0001" })).totalItems).toBe(0);
  });

  it("lists Hangzhou's and Ningbo's institutions alike: the registry is public, tenancy does not apply", async () => {
    const result = await search({ q: "有限公司" });
    expect(result.items.map((i) => i.registrationNo)).toEqual(expect.arrayContaining([hangzhouNo, ningboNo]));
    const ningbo = result.items.find((i) => i.registrationNo === ningboNo);
    expect(ningbo).toMatchObject({ status: "APPROVED", sports: ["FOOTBALL"], authority: { code: "330212" } });
  });

  it("filters by sport", async () => {
    const go = await search({ sport: "GO" });
    expect(names(go)).toContain("宁波海曙围棋道场");
    expect(go.items.every((i) => i.sports.includes("GO"))).toBe(true);
    expect(names(await search({ q: "浪花", sport: "FOOTBALL" }))).toEqual([]);
  });

  it("filters by district, and by a city for all of its districts", async () => {
    const xihu = await search({ district: "330106" });
    expect(names(xihu)).toEqual(expect.arrayContaining(["杭州浪花游泳培训有限公司", "西湖撤销测试羽毛球馆"]));
    expect(xihu.items.every((i) => i.authority.code === "330106")).toBe(true);
    const ningbo = await search({ district: "330200" });
    expect(names(ningbo)).toEqual(expect.arrayContaining(["宁波海曙围棋道场", "宁波鄞州追风足球俱乐部有限公司"]));
    expect(ningbo.items.every((i) => ["330203", "330205", "330212"].includes(i.authority.code))).toBe(true);
    const unknown = await inPublicRegistry((db) => searchPublicRegistry(db, { page: 1, district: "110101" }));
    expect(unknown).toEqual({ ok: false, fieldErrors: { district: ["validation.publicSearch.districtUnknown"] } });
  });

  it("pages 20 at a time, in name order", async () => {
    const first = await search({ q: "分页测试" });
    expect(first).toMatchObject({ page: 1, pageSize: 20, totalItems: 25, totalPages: 2 });
    expect(names(first)[0]).toBe("分页测试乒乓球馆01号");
    expect(first.items).toHaveLength(20);
    const second = await search({ q: "分页测试", page: 2 });
    expect(names(second)).toEqual(["21", "22", "23", "24", "25"].map((n) => `分页测试乒乓球馆${n}号`));
    expect((await search({ q: "分页测试", page: 3 })).items).toEqual([]);
  });

  it("never finds a draft, and shows a revoked institution with its status", async () => {
    expect((await search({ q: "草稿阶段" })).totalItems).toBe(0);
    expect((await search({ q: "草稿阶段测试游泳学校" })).totalItems).toBe(0);
    expect((await search({ q: "撤销测试" })).items).toMatchObject([{ status: "REVOKED" }]);
  });

  it("treats LIKE wildcards in the query as text", async () => {
    expect((await search({ q: "%" })).totalItems).toBe(0);
    expect((await search({ q: "_" })).totalItems).toBe(0);
  });

  it("offers the districts that have registered institutions, with their city", async () => {
    const districts = await inPublicRegistry((db) => listRegistryDistricts(db));
    expect(districts.map((d) => d.code)).toEqual(
      expect.arrayContaining(["330102", "330105", "330106", "330203", "330212"]),
    );
    // Cities and the province are offered through their districts, never as districts themselves.
    expect(districts.map((d) => d.code)).not.toContain("330100");
    expect(districts.find((d) => d.code === "330212")?.city?.code).toBe("330200");
  });
});

describe("reading the query string", () => {
  const parse = (query: string) => parsePublicSearchQuery(new URLSearchParams(query));

  it("ignores blank fields (the form sends them all) and trims the query", () => {
    expect(parse("q=%20%20浪花%20&sport=&district=&page=")).toEqual({ ok: true, data: { q: "浪花", page: 1 } });
  });

  it("answers every bad parameter with its own error", () => {
    expect(parse(`q=${"长".repeat(101)}&sport=CURLING&district=33&page=0`)).toEqual({
      ok: false,
      fieldErrors: {
        q: ["validation.publicSearch.query"],
        sport: ["validation.publicSearch.sport"],
        district: ["validation.publicSearch.district"],
        page: ["validation.publicSearch.page"],
      },
    });
    expect(parse("page=abc").ok).toBe(false);
    expect(parse("page=1.5").ok).toBe(false);
    expect(parse("page=501").ok).toBe(false);
  });
});

describe("the trigram index", () => {
  it("extracts trigrams from Chinese text (the database's LC_CTYPE is UTF-8 aware)", async () => {
    const rows = await owner.$queryRaw<{ n: number }[]>`SELECT cardinality(show_trgm('浪花游泳')) AS n`;
    expect(rows[0]?.n).toBeGreaterThan(0);
  });

  it("serves a name search of three or more characters", async () => {
    const plan = await owner.$transaction(async (tx) => {
      await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      return tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        "EXPLAIN SELECT id FROM institution WHERE name ILIKE '%浪花游%'",
      );
    });
    expect(plan.map((row) => row["QUERY PLAN"]).join("\n")).toContain("institution_name_trgm_idx");
  });
});

// ——— The page ———

function quietLayoutEffectWarning<T>(render: () => T): T {
  const guarded = console.error;
  console.error = (...args: unknown[]) => {
    if (String(args[0]).includes("useLayoutEffect does nothing on the server")) return;
    guarded(...args);
  };
  try {
    return render();
  } finally {
    console.error = guarded;
  }
}

async function page(search: string, locale: Locale = "zh-CN") {
  const result = await loader({ request: getRequest(`/institutions${search}`), params: {}, context: loadContext() });
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      Component: Outlet,
      children: [{ id: "search", path: "institutions", Component: InstitutionSearch }],
    },
  ]);
  const html = quietLayoutEffectWarning(() =>
    renderToString(
      createElement(Stub, {
        initialEntries: [`/institutions${search}`],
        hydrationData: { loaderData: { root: { locale }, search: result.data } },
      }),
    ),
  );
  return { status: result.init?.status ?? 200, data: result.data, html };
}

describe("GET /institutions", () => {
  it("shows results with their status in words, and page links", async () => {
    const { status, html } = await page("?q=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95");
    expect(status).toBe(200);
    expect(html).toContain("共找到 25 家机构");
    expect(html).toContain("分页测试乒乓球馆01号");
    expect(html).toContain("已备案");
    expect(html).toContain('aria-current="page"');
    expect(html).toContain('href="/institutions?q=%E5%88%86%E9%A1%B5%E6%B5%8B%E8%AF%95&amp;page=2"');
  });

  it("marks a revoked institution in words, not colour alone", async () => {
    const { html } = await page(`?q=${encodeURIComponent("撤销测试")}`, "en");
    expect(html).toContain("Registration revoked");
    expect(html).toContain("Institutions found: 1");
    expect(html).toContain("西湖撤销测试羽毛球馆");
  });

  it("says what to try when nothing matches", async () => {
    const { status, html } = await page(`?q=${encodeURIComponent("不存在的机构名")}`);
    expect(status).toBe(200);
    expect(html).toContain("没有找到符合条件的机构");
    expect(html).toContain("只输入名称中的两三个字");
    expect(html).toContain("可能尚未备案");
  });

  it("answers a bad filter with 400 and the field's error, not a 500", async () => {
    const { status, data, html } = await page("?sport=CURLING&district=999999");
    expect(status).toBe(400);
    expect(data.fieldErrors).toEqual({ sport: ["validation.publicSearch.sport"] });
    expect(html).toContain("请从列表中选择运动项目");
    const unknownDistrict = await page("?district=999999");
    expect(unknownDistrict.status).toBe(400);
    expect(unknownDistrict.html).toContain("没有这个区域");
  });

  it("offers districts grouped by city, each city also as a whole", async () => {
    const { html } = await page("");
    expect(html).toContain("杭州市体育局（全市）");
    expect(html).toContain('value="330212"');
  });
});

describe("GET /institutions, rate limited", () => {
  it("answers 429 with Retry-After once an address has used its searches, and others search on", async () => {
    const crowded = "198.51.100.66";
    for (let i = 0; i < LIMITS.publicSearchPageIp.points; i++) await consume("publicSearchPageIp", crowded);
    const refused = await loader({
      request: getRequest("/institutions?q=%E6%B8%B8%E6%B3%B3"),
      params: {},
      context: loadContext(crowded),
    }).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(429);
    expect(Number((refused as Response).headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another address is not affected, and the API's allowance is counted apart.
    expect((await page("?q=%E6%B8%B8%E6%B3%B3")).status).toBe(200);
    expect(await consume("publicApiIp", crowded)).toBeNull();
  });
});
