import type { DataScope } from "~/lib/db-scope.server";
import { inScope } from "~/lib/db-scope.server";
import {
  type ComplianceListQuery,
  complianceRowsForExport,
  failingCountsByRule,
  institutionsFailingRule,
  latestComplianceOf,
  listJurisdictionCompliance,
} from "~/modules/compliance/compliance-read.server";
import { findPublicInstitution } from "~/modules/registry/public-institution.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { authorityId, fail, giveReport, pass, registeredInstitution } from "./screens-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const user = (email: string) => stableId("user", email);
const regulator = (email: string, code: string): DataScope => ({
  userId: user(email),
  authorityId: authorityId(code),
  platform: false,
});
const zhejiang = regulator("zhejiang.admin@tipei.example", "330000");
const hangzhou = regulator("hangzhou.admin@tipei.example", "330100");
const ningbo = regulator("ningbo.admin@tipei.example", "330200");
const xihu = regulator("xihu.inspector@tipei.example", "330106");
const xihuSwimAdmin: DataScope = { userId: user("xihu.swim@tipei.example"), authorityId: null, platform: false };

const ids = { xihuBad: "", xihuGood: "", xihuNone: "", xihuRevoked: "", binjiang: "", yinzhou: "" };
const gongshu: string[] = [];
const GONGSHU_COUNT = 27;

beforeAll(async () => {
  await seedDemoData();
  ids.xihuBad = await registeredInstitution(owner, "330106", "西湖 E 级游泳馆");
  ids.xihuGood = await registeredInstitution(owner, "330106", "西湖 A 级棋院");
  ids.xihuNone = await registeredInstitution(owner, "330106", "西湖未评估足球");
  ids.xihuRevoked = await registeredInstitution(owner, "330106", "西湖已撤销武术", "REVOKED");
  ids.binjiang = await registeredInstitution(owner, "330108", "滨江 C 级篮球");
  ids.yinzhou = await registeredInstitution(owner, "330212", "鄞州 D 级游泳");
  await giveReport(owner, ids.xihuBad, "E", [
    fail("VEN-02", "地下一层训练馆"),
    fail("STF-03"),
    pass("FEE-01"),
    { rule: "SCH-01", outcome: "WARNING" },
  ]);
  await giveReport(owner, ids.xihuGood, "A", [pass("FEE-01"), pass("VEN-01")]);
  await giveReport(owner, ids.xihuRevoked, "B", [fail("STF-04")]);
  await giveReport(owner, ids.binjiang, "C", [fail("VEN-01", "滨江馆"), pass("VEN-02")]);
  await giveReport(owner, ids.yinzhou, "D", [fail("VEN-01", "鄞州池"), fail("VEN-04", "鄞州池")]);
  for (let i = 0; i < GONGSHU_COUNT; i += 1) {
    const id = await registeredInstitution(owner, "330105", `拱墅 B 级机构 ${String(i).padStart(2, "0")}`);
    await giveReport(owner, id, "B", [fail("STF-04")]);
    gongshu.push(id);
  }
});

const query = (over: Partial<ComplianceListQuery> = {}): ComplianceListQuery => ({ page: 1, ...over });
const names = async (scope: DataScope, over: Partial<ComplianceListQuery> = {}) =>
  (await listJurisdictionCompliance(scope, query(over))).rows.map((r) => r.name);

describe("the compliance list of a jurisdiction", () => {
  it("shows a city its districts' registered institutions, never another city's nor revoked ones", async () => {
    const list = await listJurisdictionCompliance(hangzhou, query());
    expect(list.total).toBe(4 + GONGSHU_COUNT);
    const all = [...list.rows, ...(await listJurisdictionCompliance(hangzhou, query({ page: 2 }))).rows];
    const shown = all.map((r) => r.id);
    expect(shown).toEqual(expect.arrayContaining([ids.xihuBad, ids.xihuGood, ids.xihuNone, ids.binjiang]));
    expect(shown).not.toContain(ids.yinzhou);
    expect(shown).not.toContain(ids.xihuRevoked);
    expect(await names(ningbo)).toEqual(["鄞州 D 级游泳"]);
  });

  it("shows a district only itself", async () => {
    const list = await listJurisdictionCompliance(xihu, query());
    expect(list.rows.map((r) => r.id).sort()).toEqual([ids.xihuBad, ids.xihuGood, ids.xihuNone].sort());
    expect(list.districts.map((d) => d.id)).toEqual([authorityId("330106")]);
    // A district id of another city is simply nothing to this scope.
    expect((await listJurisdictionCompliance(xihu, query({ district: authorityId("330212") }))).total).toBe(0);
  });

  it("counts institutions per grade, the ungraded ones apart", async () => {
    const { gradeCounts } = await listJurisdictionCompliance(hangzhou, query());
    expect(gradeCounts).toEqual([
      { grade: "A", count: 1 },
      { grade: "B", count: GONGSHU_COUNT },
      { grade: "C", count: 1 },
      { grade: "D", count: 0 },
      { grade: "E", count: 1 },
      { grade: null, count: 1 },
    ]);
    // The grade filter picks rows; the counts stay those of the whole (so the chart keeps its shape).
    const onlyE = await listJurisdictionCompliance(hangzhou, query({ grade: "E" }));
    expect(onlyE.rows.map((r) => r.id)).toEqual([ids.xihuBad]);
    expect(onlyE.total).toBe(1);
    expect(onlyE.gradeCounts).toEqual(gradeCounts);
    expect(await names(hangzhou, { grade: "NONE" })).toEqual(["西湖未评估足球"]);
  });

  it("lists worst first, with each institution's failing rules and warnings", async () => {
    const { rows } = await listJurisdictionCompliance(hangzhou, query());
    expect(rows.slice(0, 3).map((r) => r.grade)).toEqual(["E", "C", "B"]);
    expect(rows[0]).toMatchObject({
      id: ids.xihuBad,
      failingRules: ["STF-03", "VEN-02"],
      warningRules: 1,
      district: { name: "杭州市西湖区文化和广电旅游体育局" },
    });
    expect(rows[0]?.evaluatedAt).toBe("2026-11-20T16:30:00.000Z");
  });

  it("filters by failing rule and counts the institutions failing each rule", async () => {
    expect(await names(hangzhou, { rule: "VEN-01" })).toEqual(["滨江 C 级篮球"]);
    const province = await listJurisdictionCompliance(zhejiang, query({ rule: "VEN-01" }));
    expect(province.rows.map((r) => r.name)).toEqual(["鄞州 D 级游泳", "滨江 C 级篮球"]);
    expect(province.gradeCounts.filter((c) => c.count > 0)).toEqual([
      { grade: "C", count: 1 },
      { grade: "D", count: 1 },
    ]);
    const counts = Object.fromEntries(province.ruleCounts.map((c) => [c.rule, c.institutions]));
    expect(counts).toMatchObject({ "VEN-01": 2, "VEN-04": 1, "STF-04": GONGSHU_COUNT, "VEN-02": 1, "FEE-01": 0 });
    const hangzhouCounts = Object.fromEntries(
      (await failingCountsByRule(hangzhou)).map((c) => [c.rule, c.institutions]),
    );
    expect(hangzhouCounts).toMatchObject({ "VEN-01": 1, "VEN-04": 0 });
    const failing = await institutionsFailingRule(hangzhou, "STF-04");
    expect(failing.total).toBe(GONGSHU_COUNT);
  });

  it("filters by district", async () => {
    expect(await names(hangzhou, { district: authorityId("330108") })).toEqual(["滨江 C 级篮球"]);
    expect(await names(hangzhou, { district: authorityId("330212") })).toEqual([]);
  });

  it("pages without overlap and exports every page", async () => {
    const first = await listJurisdictionCompliance(hangzhou, query());
    const second = await listJurisdictionCompliance(hangzhou, query({ page: 2 }));
    expect(first.pageCount).toBe(2);
    expect(first.rows).toHaveLength(25);
    expect(second.rows).toHaveLength(4 + GONGSHU_COUNT - 25);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(4 + GONGSHU_COUNT);
    expect(second.rows.at(-1)?.id).toBe(ids.xihuNone);
    const exported = await complianceRowsForExport(hangzhou, { grade: "B" });
    expect(exported.map((r) => r.id).sort()).toEqual([...gongshu].sort());
    expect(await complianceRowsForExport(ningbo, { grade: "B" })).toEqual([]);
  });
});

describe("one institution's latest report", () => {
  it("gives its regulators the report with every finding and parameter", async () => {
    const found = await latestComplianceOf(hangzhou, ids.xihuBad, "regulator");
    expect(found?.institution).toMatchObject({ name: "西湖 E 级游泳馆", grade: "E", status: "APPROVED" });
    expect(found?.report).toMatchObject({ grade: "E", failCount: 2, warningCount: 1, standardsVersion: "2026.11" });
    expect(found?.report?.findings.map((f) => [f.rule, f.outcome]).sort()).toEqual([
      ["FEE-01", "PASS"],
      ["SCH-01", "WARNING"],
      ["STF-03", "FAIL"],
      ["VEN-02", "FAIL"],
    ]);
    expect(found?.report?.findings.find((f) => f.rule === "VEN-02")?.entity).toEqual({
      type: "venue",
      id: "地下一层训练馆",
      label: "地下一层训练馆",
    });
    expect((await latestComplianceOf(xihu, ids.xihuBad, "regulator"))?.report?.grade).toBe("E");
  });

  it("is nothing to another city, a sibling district, a stranger or a malformed id", async () => {
    expect(await latestComplianceOf(ningbo, ids.xihuBad, "regulator")).toBeNull();
    expect(await latestComplianceOf(xihu, ids.binjiang, "regulator")).toBeNull();
    expect(await latestComplianceOf(hangzhou, ids.yinzhou, "regulator")).toBeNull();
    expect(await latestComplianceOf(xihuSwimAdmin, ids.xihuBad, "member")).toBeNull();
    expect(await latestComplianceOf(hangzhou, "not-a-uuid", "regulator")).toBeNull();
  });

  it("answers an institution not evaluated yet with no report", async () => {
    const found = await latestComplianceOf(hangzhou, ids.xihuNone, "regulator");
    expect(found?.institution.grade).toBeNull();
    expect(found?.report).toBeNull();
  });

  it("keeps row-level security underneath: the tables alone hide other tenants' findings", async () => {
    const count = (scope: DataScope, institutionId: string) =>
      inScope(scope, (db) => db.complianceFinding.count({ where: { institutionId } }));
    expect(await count(hangzhou, ids.yinzhou)).toBe(0);
    expect(await count(ningbo, ids.xihuBad)).toBe(0);
    expect(await count(xihu, ids.binjiang)).toBe(0);
    expect(await count(hangzhou, ids.binjiang)).toBe(2);
  });
});

describe("the grade on the public profile", () => {
  const numberOf = async (id: string) =>
    (await owner.institution.findUniqueOrThrow({ where: { id } })).registrationNo ?? "";

  it("shows a registered institution's grade with the day it was evaluated (China time)", async () => {
    const profile = await findPublicInstitution(await numberOf(ids.xihuBad));
    expect(profile?.complianceGrade).toMatchObject({
      grade: "E",
      assessedOn: "2026-11-21",
      openRules: expect.any(Array),
    });
  });

  it("shows nothing before an evaluation, nor for a revoked registration", async () => {
    expect((await findPublicInstitution(await numberOf(ids.xihuNone)))?.complianceGrade).toBeNull();
    const revoked = await findPublicInstitution(await numberOf(ids.xihuRevoked));
    expect(revoked?.status).toBe("REVOKED");
    expect(revoked?.complianceGrade).toBeNull();
  });
});
