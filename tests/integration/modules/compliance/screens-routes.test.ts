import { addDays, isoDateInChina } from "~/lib/china-date";
import type { ComplianceListPage, InstitutionCompliance } from "~/modules/compliance/compliance-read.server";
import { issueOrder } from "~/modules/compliance/rectification-issue.server";
import JurisdictionCompliance, { loader as listLoader } from "~/routes/gov.$authority.compliance._index";
import InstitutionCompliancePage, { loader as detailLoader } from "~/routes/gov.$authority.compliance.$institutionId";
import { loader as csvLoader } from "~/routes/gov.$authority.compliance[.csv]";
import StandardsBrowser, { loader as standardsLoader } from "~/routes/gov.$authority.standards";
import InstitutionOwnCompliance, { loader as orgLoader } from "~/routes/org.$institutionId.compliance._index";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { loadContext, settle } from "../../../support/remix-calls";
import { callLoader, cookieFor, renderPage } from "../registry/review-fixtures";
import { authorityId, fail, giveReport, pass, registeredInstitution } from "./screens-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const user = (email: string) => stableId("user", `${email}@tipei.example`);
const PLATFORM = user("admin");
const HANGZHOU = user("hangzhou.admin");
const XIHU_INSPECTOR = user("xihu.inspector");
const NINGBO = user("ningbo.admin");
const SWIM_ADMIN = user("xihu.swim");
const SWIM_STAFF = user("xihu.swim.staff");
const FOOTBALL_ADMIN = user("yinzhou.football");

const SWIM = stableId("institution", "xihu-swim");
const FOOTBALL = stableId("institution", "yinzhou-football");
let notEvaluated = "";
let injected = "";

beforeAll(async () => {
  await seedDemoData();
  await owner.institution.update({
    where: { id: SWIM },
    data: { status: "APPROVED", registrationNo: "330106-2026-0001", registeredAt: new Date("2026-10-01T02:00:00Z") },
  });
  await giveReport(
    owner,
    SWIM,
    "E",
    [
      // An evidence key the catalog has, with its values…
      {
        rule: "VEN-02",
        outcome: "FAIL",
        entity: { type: "venue", id: "v1", label: "地下训练馆" },
        evidence: { key: "compliance.evidence.venueUnused", values: { venue: "地下训练馆" } },
      },
      // …one it does not have: the rule's title and the raw values are shown instead.
      fail("VEN-01", "一号馆", { area: 120, trainees: 30, ok: false, note: null }),
      fail("STF-03"),
      pass("FEE-01"),
      { rule: "HRS-06", outcome: "NOT_APPLICABLE" },
    ],
    {
      parameters: {
        date: "2026-11-21",
        parameters: [
          {
            key: "STF-01.maxClassSize",
            value: 30,
            source: { kind: "authority", authorityId: authorityId("330100") },
            effectiveFrom: "2026-01-01",
          },
          { key: "FEE-03.maxAmountFen", value: 500_000, source: { kind: "default" }, effectiveFrom: null },
          { key: "ESCROW.autoConfirmWorkingDays", value: 7, source: { kind: "default" }, effectiveFrom: null },
          { key: "GONE-99.removed", value: 1, source: { kind: "default" }, effectiveFrom: null },
        ],
      },
    },
  );
  notEvaluated = await registeredInstitution(owner, "330106", "西湖尚未评估游泳");
  injected = await registeredInstitution(owner, "330108", '=HYPERLINK("http://evil.example","点我"),滨江');
  await giveReport(owner, injected, "C", [fail("VEN-01")]);
  await owner.authority.update({
    where: { id: authorityId("330100") },
    data: {
      settings: { version: 1, overrides: { "STF-01.maxClassSize": [{ effectiveFrom: "2026-01-01", value: 30 }] } },
    },
  });
});

const list = (slug: string, who: string | null, search = "") =>
  callLoader(listLoader, `/gov/${slug}/compliance${search}`, { authority: slug }, who);
const detail = (slug: string, institutionId: string, who: string | null) =>
  callLoader(detailLoader, `/gov/${slug}/compliance/${institutionId}`, { authority: slug, institutionId }, who);
const standards = (slug: string, who: string | null) =>
  callLoader(standardsLoader, `/gov/${slug}/standards`, { authority: slug }, who);
const org = (institutionId: string, who: string | null) =>
  callLoader(orgLoader, `/org/${institutionId}/compliance`, { institutionId }, who);

/** The CSV loader's raw answer (bytes, so the byte-order mark is seen, not stripped by a decoder). */
async function csv(slug: string, who: string | null, search = "") {
  const headers = new Headers(who ? { Cookie: await cookieFor(who) } : {});
  const request = new Request(`http://localhost/gov/${slug}/compliance.csv${search}`, { headers });
  const answer = (await settle(() =>
    csvLoader({ request, params: { authority: slug }, context: loadContext() }),
  )) as Response;
  return { status: answer.status, headers: answer.headers, bytes: new Uint8Array(await answer.arrayBuffer()) };
}

const noInlineStyles = (html: string) => expect(html).not.toMatch(/\sstyle="/);

describe("the jurisdiction's compliance list", () => {
  it("answers regulators of the authority or above, and nobody else", async () => {
    expect((await list("hangzhou", HANGZHOU)).status).toBe(200);
    expect((await list("hangzhou", PLATFORM)).status).toBe(200);
    expect((await list("hangzhou-xihu", HANGZHOU)).status).toBe(200);
    expect((await list("hangzhou-xihu", XIHU_INSPECTOR)).status).toBe(200);
    expect((await list("hangzhou", XIHU_INSPECTOR)).status).toBe(404);
    expect((await list("hangzhou", NINGBO)).status).toBe(404);
    expect((await list("hangzhou-xihu", SWIM_ADMIN)).status).toBe(404);
    expect((await list("hangzhou", null)).status).toBe(302);
  });

  it("lists the district's institutions with grades and failing rules", async () => {
    const { body } = await list("hangzhou-xihu", XIHU_INSPECTOR);
    const page = body as ComplianceListPage & { csvHref: string };
    expect(page.rows.map((r) => [r.name, r.grade, r.failingRules])).toEqual([
      ["杭州浪花游泳培训有限公司", "E", ["STF-03", "VEN-01", "VEN-02"]],
      ["西湖尚未评估游泳", null, []],
    ]);
    expect(page.gradeCounts.find((c) => c.grade === "E")?.count).toBe(1);
    expect(page.csvHref).toBe("/gov/hangzhou-xihu/compliance.csv");
  });

  it("refuses a filter it does not know with 400 and the field", async () => {
    const { status, body } = await list("hangzhou", HANGZHOU, "?grade=F&rule=XXX-01");
    expect(status).toBe(400);
    expect(Object.keys((body as { fieldErrors: object }).fieldErrors).sort()).toEqual(["grade", "rule"]);
  });

  it("renders counts as a table and a chart with text values, the filter and the CSV link, without inline styles", async () => {
    const { body } = await list("hangzhou", HANGZHOU, "?grade=E");
    const html = renderPage(
      JurisdictionCompliance,
      "gov/:authority/compliance",
      "/gov/hangzhou/compliance?grade=E",
      body,
      "zh-CN",
    );
    for (const text of [
      "各等级机构数",
      "E 级 · 严重违规",
      "尚未评定",
      "<svg",
      'role="img"',
      "杭州浪花游泳培训有限公司",
      "STF-03",
      "教练持有认可的有效资格证书",
      'href="/gov/hangzhou/compliance.csv?grade=E"',
      `/gov/hangzhou/compliance/${SWIM}`,
    ]) {
      expect(html).toContain(text);
    }
    noInlineStyles(html);
    const en = renderPage(
      JurisdictionCompliance,
      "gov/:authority/compliance",
      "/gov/hangzhou/compliance",
      (await list("hangzhou", HANGZHOU)).body,
      "en",
    );
    expect(en).toContain("Grade E · Critical");
    expect(en).toContain("Institutions by grade");
  });
});

describe("the CSV export", () => {
  it("is UTF-8 with a byte-order mark, in the reader's language, one line per institution", async () => {
    const { status, headers, bytes } = await csv("hangzhou", HANGZHOU);
    expect(status).toBe(200);
    expect(headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="compliance-hangzhou-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    const lines = text.slice(1).split("\r\n");
    expect(lines[0]).toBe("机构名称,备案编号,区（县）,等级,评估时间,不符合的规则");
    expect(lines).toContain(
      "杭州浪花游泳培训有限公司,330106-2026-0001,杭州市西湖区文化和广电旅游体育局,E,2026-11-21 00:30,STF-03; VEN-01; VEN-02",
    );
  });

  it("neutralises a name that a spreadsheet would run as a formula", async () => {
    const text = new TextDecoder().decode((await csv("hangzhou", HANGZHOU, "?grade=C")).bytes);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我""),滨江",`);
    expect(text).not.toMatch(/(^|\n|,)=HYPERLINK/);
  });

  it("takes the list's filters and guard", async () => {
    const lines = (search: string) =>
      csv("hangzhou", HANGZHOU, search).then((r) => new TextDecoder().decode(r.bytes).trim().split("\r\n"));
    expect(await lines("?rule=STF-03")).toHaveLength(2);
    expect((await csv("hangzhou", HANGZHOU, "?grade=Z")).status).toBe(400);
    expect((await csv("hangzhou", NINGBO)).status).toBe(404);
    expect((await csv("hangzhou", XIHU_INSPECTOR)).status).toBe(404);
    expect((await csv("hangzhou", FOOTBALL_ADMIN)).status).toBe(404);
    expect((await csv("hangzhou", null)).status).toBe(302);
  });
});

describe("one institution's compliance for its regulators", () => {
  it("answers the jurisdiction's regulators and 404 to everyone else", async () => {
    expect((await detail("hangzhou", SWIM, HANGZHOU)).status).toBe(200);
    expect((await detail("hangzhou-xihu", SWIM, XIHU_INSPECTOR)).status).toBe(200);
    expect((await detail("ningbo", SWIM, NINGBO)).status).toBe(404);
    expect((await detail("hangzhou", SWIM, NINGBO)).status).toBe(404);
    expect((await detail("hangzhou", FOOTBALL, HANGZHOU)).status).toBe(404);
    expect((await detail("hangzhou-xihu", injected, XIHU_INSPECTOR)).status).toBe(404);
    expect((await detail("hangzhou", "not-a-uuid", HANGZHOU)).status).toBe(404);
    expect((await detail("hangzhou", SWIM, SWIM_ADMIN)).status).toBe(404);
  });

  it("renders grade, report facts, every finding with its evidence, the parameters and the order link", async () => {
    const { body } = await detail("hangzhou", SWIM, HANGZHOU);
    expect((body as InstitutionCompliance).report?.parameters.map((p) => p.key)).toEqual([
      "STF-01.maxClassSize",
      "FEE-03.maxAmountFen",
      "ESCROW.autoConfirmWorkingDays",
    ]);
    const html = renderPage(
      InstitutionCompliancePage,
      "gov/:authority/compliance/:institutionId",
      `/gov/hangzhou/compliance/${SWIM}`,
      body,
      "zh-CN",
    );
    for (const text of [
      "E 级 · 严重违规",
      "2026.11",
      "每晚例行评估",
      "不符合 3 项，需注意 0 项",
      // Known evidence key: the catalog's sentence.
      "地下训练馆：课表中没有在此上课的线下课程。",
      // Unknown key: the rule's title and the raw values, never the key.
      "生均培训场地面积（area = 120；note = —；ok = 否；trainees = 30）",
      "场地：一号馆",
      "依据：",
      "符合的规则（1 条）",
      "不适用或未启用的规则（1 条）",
      "本次评估使用的参数（2 项）",
      "杭州市体育局设置（2026-01-01 起）",
      "5,000.00 元",
      "下达整改通知",
      `href="/gov/hangzhou/rectifications/new?institution=${SWIM}"`,
      "没有整改通知。",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("screens-test.not-in-catalog");
    noInlineStyles(html);
  });

  it("says when evaluation happens for an institution not evaluated yet", async () => {
    const { status, body } = await detail("hangzhou-xihu", notEvaluated, XIHU_INSPECTOR);
    expect(status).toBe(200);
    expect((body as InstitutionCompliance).report).toBeNull();
    const html = renderPage(
      InstitutionCompliancePage,
      "gov/:authority/compliance/:institutionId",
      `/gov/hangzhou-xihu/compliance/${notEvaluated}`,
      body,
      "zh-CN",
    );
    expect(html).toContain("平台在机构备案通过时和每晚自动评估");
  });
});

describe("the standards browser", () => {
  it("answers regulators of the authority or above only", async () => {
    expect((await standards("hangzhou-xihu", XIHU_INSPECTOR)).status).toBe(200);
    expect((await standards("hangzhou", XIHU_INSPECTOR)).status).toBe(404);
    expect((await standards("ningbo", HANGZHOU)).status).toBe(404);
    expect((await standards("hangzhou", SWIM_ADMIN)).status).toBe(404);
    expect((await standards("hangzhou", null)).status).toBe(302);
  });

  it("shows every rule with severity, sources and today's parameters with their origin", async () => {
    const { body } = await standards("hangzhou-xihu", XIHU_INSPECTOR);
    const html = renderPage(
      StandardsBrowser,
      "gov/:authority/standards",
      "/gov/hangzhou-xihu/standards",
      body,
      "zh-CN",
    );
    for (const code of ["FEE-01", "SCH-04", "VEN-06", "STF-08", "HRS-06", "REG-04"]) expect(html).toContain(code);
    for (const text of [
      "单次收费不超过规定金额",
      "严重程度：严重",
      "《课外体育培训行为规范》（2021）",
      "可选规则，默认关闭",
      "本辖区未启用",
      "继承自杭州市体育局（2026-01-01 起）",
      "30 人",
      'href="/gov/hangzhou-xihu/settings"',
      'href="/gov/hangzhou-xihu/settings#settings-rule-STF-01"',
      'href="/gov/hangzhou-xihu/compliance?rule=VEN-02"',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("ESCROW");
    noInlineStyles(html);
  });
});

describe("the institution's own compliance page", () => {
  it("answers the institution's members only", async () => {
    expect((await org(SWIM, SWIM_ADMIN)).status).toBe(200);
    expect((await org(SWIM, SWIM_STAFF)).status).toBe(200);
    expect((await org(SWIM, FOOTBALL_ADMIN)).status).toBe(404);
    expect((await org(SWIM, HANGZHOU)).status).toBe(404);
    expect((await org(SWIM, PLATFORM)).status).toBe(404);
    expect((await org(SWIM, null)).status).toBe(302);
  });

  it("puts the problems first, in plain words, each with what to fix, then the orders", async () => {
    const { body } = await org(SWIM, SWIM_STAFF);
    const html = renderPage(
      InstitutionOwnCompliance,
      "org/:institutionId/compliance",
      `/org/${SWIM}/compliance`,
      body,
      "zh-CN",
    );
    for (const text of [
      "需要处理的问题（3 项）",
      "未达到要求",
      "如何整改：",
      "把 12 岁及以下学员的课程安排在地上 1–3 层的场地",
      "为每位教练上传至少一项认可且在有效期内的资格证书",
      "场地：地下训练馆",
      "符合的规则（1 条）",
      "整改通知",
    ]) {
      expect(html).toContain(text);
    }
    // Critical rules before major ones: VEN-02 and STF-03 (critical) come before VEN-01 (major).
    expect(html.indexOf("VEN-01")).toBeGreaterThan(html.indexOf("VEN-02"));
    expect(html.indexOf("VEN-01")).toBeGreaterThan(html.indexOf("STF-03"));
    expect(html).not.toContain("本次评估使用的参数");
    noInlineStyles(html);
  });

  it("tells an institution without a report when it will be checked", async () => {
    const { status, body } = await org(FOOTBALL, FOOTBALL_ADMIN);
    expect(status).toBe(200);
    const html = renderPage(
      InstitutionOwnCompliance,
      "org/:institutionId/compliance",
      `/org/${FOOTBALL}/compliance`,
      body,
      "en",
    );
    expect(html).toContain(
      "No check yet. The platform checks your institution as soon as its registration is approved, then every night.",
    );
  });
});

describe("rectification orders on the compliance pages", () => {
  it("lists an order issued from the findings on both the regulator's and the institution's page", async () => {
    const finding = await owner.complianceFinding.findFirstOrThrow({
      where: { institutionId: SWIM, ruleCode: "VEN-02", outcome: "FAIL" },
    });
    const orderId = await issueOrder(
      { userId: HANGZHOU, authorityId: authorityId("330100"), platform: false },
      {
        institutionId: SWIM,
        findingIds: [finding.id],
        deadline: addDays(isoDateInChina(), 14),
        instructions: "把 12 岁以下学员的课程移到地上楼层。",
      },
    );
    const regulatorHtml = renderPage(
      InstitutionCompliancePage,
      "gov/:authority/compliance/:institutionId",
      `/gov/hangzhou/compliance/${SWIM}`,
      (await detail("hangzhou", SWIM, HANGZHOU)).body,
      "zh-CN",
    );
    expect(regulatorHtml).toContain(`href="/gov/hangzhou/rectifications/${orderId}"`);
    const orgHtml = renderPage(
      InstitutionOwnCompliance,
      "org/:institutionId/compliance",
      `/org/${SWIM}/compliance`,
      (await org(SWIM, SWIM_ADMIN)).body,
      "zh-CN",
    );
    expect(orgHtml).toContain(`href="/org/${SWIM}/compliance/rectifications/${orderId}"`);
    // Another institution's page does not show it.
    const { body } = await org(FOOTBALL, FOOTBALL_ADMIN);
    expect((body as { orders: unknown[] }).orders).toEqual([]);
  });
});
