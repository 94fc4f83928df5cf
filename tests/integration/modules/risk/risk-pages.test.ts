import { scoreTenant } from "~/modules/risk/scoring.server";
import RiskPage, { loader as riskLoader } from "~/routes/gov.$authority.risk._index";
import InstitutionRiskPage, { loader as institutionRiskLoader } from "~/routes/gov.$authority.risk.$institutionId";
import { loader as csvLoader } from "~/routes/gov.$authority.risk[.csv]";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { loadContext } from "../../../support/remix-calls";
import {
  authorityId,
  callLoader,
  cookieFor,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  renderPage,
} from "../registry/review-fixtures";

// The regulator's risk screens through the route modules, as the demo regulators: Hangzhou sees its
// districts' institutions ranked (never Ningbo's), Ningbo cannot open a Xihu institution.

const owner = ownerClient();
const ZHEJIANG = authorityId("330000");
const XIHU = authorityId("330106");

beforeAll(async () => {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
  await scoreTenant(ZHEJIANG, { trigger: "nightly" });
}, 120_000);
afterAll(() => owner.$disconnect());

type Overview = { overview: { rows: { institutionId: string; score: number; districtName: string }[]; total: number } };

describe("the risk screens", () => {
  it("ranks Hangzhou's institutions by score for its admin, never Ningbo's", async () => {
    const result = await callLoader(riskLoader, "/gov/hangzhou/risk", { authority: "hangzhou" }, HANGZHOU_ADMIN);
    expect(result.status).toBe(200);
    const { overview } = result.body as Overview;
    const hangzhouIds = await owner.institution.findMany({
      where: { authority: { parentId: authorityId("330100") }, riskAssessmentId: { not: null } },
      select: { id: true },
    });
    expect(overview.total).toBe(hangzhouIds.length);
    const ids = new Set(hangzhouIds.map((i) => i.id));
    expect(overview.rows.every((r) => ids.has(r.institutionId))).toBe(true);
    const scores = overview.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const xihuOnly = await callLoader(
      riskLoader,
      `/gov/hangzhou/risk?district=${XIHU}`,
      { authority: "hangzhou" },
      HANGZHOU_ADMIN,
    );
    const xihu = (xihuOnly.body as Overview).overview.rows;
    expect(xihu.length).toBeGreaterThan(0);
    const districts = new Set(xihu.map((r) => r.districtName));
    expect(districts.size).toBe(1);
    expect([...districts][0]).toContain("西湖区");

    const html = renderPage(RiskPage, "/gov/:authority/risk", "/gov/hangzhou/risk", result.body, "zh-CN");
    expect(html).toContain("风险监测");
    expect(html).not.toContain("style=");
  });

  it("shows one institution's factors to its city, and 404 to another city", async () => {
    const xihu = await owner.institution.findFirstOrThrow({
      where: { authorityId: XIHU, riskAssessmentId: { not: null } },
    });
    const own = await callLoader(
      institutionRiskLoader,
      `/gov/hangzhou/risk/${xihu.id}`,
      { authority: "hangzhou", institutionId: xihu.id },
      HANGZHOU_ADMIN,
    );
    expect(own.status).toBe(200);
    const html = renderPage(
      InstitutionRiskPage,
      "/gov/:authority/risk/:institutionId",
      `/gov/hangzhou/risk/${xihu.id}`,
      own.body,
      "zh-CN",
    );
    expect(html).toContain("风险分");
    const foreign = await callLoader(
      institutionRiskLoader,
      `/gov/ningbo/risk/${xihu.id}`,
      { authority: "ningbo", institutionId: xihu.id },
      NINGBO_ADMIN,
    );
    expect(foreign.status).toBe(404);
  });

  it("exports the ranking as CSV with a BOM and a row per institution", async () => {
    const response = (await csvLoader({
      request: new Request("http://localhost/gov/hangzhou/risk.csv", {
        headers: { Cookie: await cookieFor(HANGZHOU_ADMIN) },
      }),
      params: { authority: "hangzhou" },
      context: loadContext(),
    })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
    const lines = text.trim().split("\r\n");
    const count = await owner.institution.count({
      where: { authority: { parentId: authorityId("330100") }, riskAssessmentId: { not: null } },
    });
    expect(lines.length).toBe(count + 1);
    expect(lines[0]).toContain("风险分");
  });
});
