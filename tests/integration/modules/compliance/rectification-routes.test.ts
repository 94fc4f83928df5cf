import type { Locale } from "~/lib/i18n/catalog";
import { storeUpload } from "~/modules/registry/files.server";
import ListPage, { loader as listLoader } from "~/routes/gov.$authority.rectifications._index";
import DetailPage, {
  action as detailAction,
  loader as detailLoader,
} from "~/routes/gov.$authority.rectifications.$orderId";
import NewPage, { action as newAction, loader as newLoader } from "~/routes/gov.$authority.rectifications.new";
import OrgPage, {
  action as orgAction,
  loader as orgLoader,
} from "~/routes/org.$institutionId.compliance.rectifications.$orderId";
import { fileOf, sampleHtml, samplePdf, samplePng } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { loadContext, outcome, settle } from "../../../support/remix-calls";
import { callAction, callLoader, cookieFor, renderPage } from "../registry/review-fixtures";
import {
  deadlineIn,
  deadlinePassed,
  giveReport,
  member,
  PEOPLE,
  writeCounts,
  XIHU_SWIM,
  YINZHOU_FOOTBALL,
} from "./rectification-fixtures";

// The rectification routes called as each role would call them: who gets in, what they may do,
// and that a refused request writes nothing.
const owner = ownerClient();
afterAll(() => owner.$disconnect());

const UNKNOWN = "00000000-0000-4000-8000-000000000000";
let findings: string[] = [];
let footballFindings: string[] = [];

beforeAll(async () => {
  await seedDemoData();
  ({ findingIds: findings } = await giveReport(owner, XIHU_SWIM, [
    { rule: "VEN-01", label: "文三路游泳馆" },
    { rule: "HRS-02", severity: "CRITICAL" },
  ]));
  ({ findingIds: footballFindings } = await giveReport(owner, YINZHOU_FOOTBALL, [{ rule: "STF-01" }]));
});

const listOf = (slug: string, user: string | null, search = "") =>
  callLoader(listLoader, `/gov/${slug}/rectifications${search}`, { authority: slug }, user);
const newPage = (slug: string, user: string | null, institution?: string) =>
  callLoader(
    newLoader,
    `/gov/${slug}/rectifications/new${institution === undefined ? "" : `?institution=${institution}`}`,
    { authority: slug },
    user,
  );
const issue = (slug: string, user: string | null, institution: string, fields: Record<string, string>) =>
  callAction(
    newAction,
    `/gov/${slug}/rectifications/new?institution=${institution}`,
    { authority: slug },
    user,
    fields,
  );
const detail = (slug: string, orderId: string, user: string | null) =>
  callLoader(detailLoader, `/gov/${slug}/rectifications/${orderId}`, { authority: slug, orderId }, user);
const decide = (slug: string, orderId: string, user: string | null, fields: Record<string, string>) =>
  callAction(detailAction, `/gov/${slug}/rectifications/${orderId}`, { authority: slug, orderId }, user, fields);
const orgPage = (institutionId: string, orderId: string, user: string | null) =>
  callLoader(orgLoader, `/org/${institutionId}/compliance/rectifications/${orderId}`, { institutionId, orderId }, user);

/** Posts the answer form as the browser does: multipart, one part per chosen file under "evidence". */
async function answer(
  institutionId: string,
  orderId: string,
  user: string,
  fields: Record<string, string>,
  files: File[] = [],
) {
  const path = `/org/${institutionId}/compliance/rectifications/${orderId}`;
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) form.append("evidence", file);
  const headers = new Headers({ Cookie: await cookieFor(user) });
  const request = new Request(`http://localhost${path}`, { method: "POST", body: form, headers });
  return outcome(
    await settle(() => orgAction({ request, params: { institutionId, orderId }, context: loadContext() })),
  );
}

const pdf = (name = "整改记录.pdf") => fileOf(samplePdf(), name, "application/pdf");

async function issueThroughPage(slug = "hangzhou", user: string = PEOPLE.hangzhouAdmin, ids = findings) {
  const fields = new URLSearchParams({ deadline: deadlineIn(10), instructions: "请按要求整改并上传照片。" });
  for (const id of ids) fields.append("findingIds", id);
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded", Cookie: await cookieFor(user) });
  const request = new Request(`http://localhost/gov/${slug}/rectifications/new?institution=${XIHU_SWIM}`, {
    method: "POST",
    body: fields,
    headers,
  });
  const answered = await outcome(
    await settle(() => newAction({ request, params: { authority: slug }, context: loadContext() })),
  );
  expect(answered.status).toBe(302);
  const location = answered.headers.get("Location") ?? "";
  expect(location).toMatch(new RegExp(`^/gov/${slug}/rectifications/[0-9a-f-]{36}\\?issued=1$`));
  return location.split("/").pop()?.split("?")[0] ?? "";
}

describe("the new-order page", () => {
  it("lets regulator admins and inspectors of the jurisdiction in, nobody else", async () => {
    expect((await newPage("hangzhou", PEOPLE.hangzhouAdmin, XIHU_SWIM)).status).toBe(200);
    expect((await newPage("hangzhou-xihu", PEOPLE.xihuInspector, XIHU_SWIM)).status).toBe(200);
    expect((await newPage("hangzhou", PEOPLE.platformAdmin, XIHU_SWIM)).status).toBe(200);
    expect((await newPage("hangzhou", PEOPLE.xihuInspector, XIHU_SWIM)).status).toBe(404);
    expect((await newPage("ningbo", PEOPLE.ningboAdmin, XIHU_SWIM)).status).toBe(404);
    expect((await newPage("hangzhou", PEOPLE.ningboAdmin, XIHU_SWIM)).status).toBe(404);
    expect((await newPage("hangzhou", PEOPLE.hangzhouAdmin, YINZHOU_FOOTBALL)).status).toBe(404);
    expect((await newPage("hangzhou", PEOPLE.hangzhouAdmin, "not-a-uuid")).status).toBe(404);
    expect((await newPage("hangzhou", PEOPLE.swimAdmin, XIHU_SWIM)).status).toBe(404);
    expect((await newPage("hangzhou", PEOPLE.parent, XIHU_SWIM)).status).toBe(404);
    expect((await newPage("hangzhou", null, XIHU_SWIM)).status).toBe(302);
  });

  it("lists the failed findings to choose from, or says where to start without an institution", async () => {
    const { body } = await newPage("hangzhou", PEOPLE.hangzhouAdmin, XIHU_SWIM);
    expect(body).toMatchObject({ state: "issue", preparation: { institution: { id: XIHU_SWIM } } });
    expect(
      (body as { preparation: { findings: { ruleCode: string }[] } }).preparation.findings.map((f) => f.ruleCode),
    ).toEqual(["HRS-02", "VEN-01"]);
    expect((await newPage("hangzhou", PEOPLE.hangzhouAdmin)).body).toMatchObject({ state: "choose" });
  });

  it("refuses a form without findings, with a deadline before tomorrow or without instructions, and writes nothing", async () => {
    const before = await writeCounts(owner);
    const none = await issue("hangzhou", PEOPLE.hangzhouAdmin, XIHU_SWIM, {
      deadline: deadlineIn(3),
      instructions: "整改",
    });
    expect(none).toMatchObject({
      status: 400,
      body: { fieldErrors: { findingIds: ["validation.rectification.chooseFinding"] } },
    });
    const today = await issue("hangzhou", PEOPLE.hangzhouAdmin, XIHU_SWIM, {
      findingIds: findings[0] ?? "",
      deadline: deadlineIn(0),
      instructions: "",
    });
    expect(today).toMatchObject({
      status: 400,
      body: {
        fieldErrors: { deadline: ["validation.rectification.deadlineTooSoon"], instructions: ["validation.required"] },
        values: { findingIds: [findings[0]], deadline: deadlineIn(0) },
      },
    });
    const foreignFinding = await issue("hangzhou", PEOPLE.hangzhouAdmin, XIHU_SWIM, {
      findingIds: footballFindings[0] ?? "",
      deadline: deadlineIn(3),
      instructions: "整改",
    });
    expect(foreignFinding).toMatchObject({
      status: 400,
      body: { fieldErrors: { findingIds: ["validation.rectification.findingsChanged"] } },
    });
    const fields = { findingIds: findings[0] ?? "", deadline: deadlineIn(3), instructions: "整改" };
    expect((await issue("ningbo", PEOPLE.ningboAdmin, XIHU_SWIM, fields)).status).toBe(404);
    expect((await issue("hangzhou", PEOPLE.swimAdmin, XIHU_SWIM, fields)).status).toBe(404);
    expect((await issue("hangzhou", PEOPLE.hangzhouAdmin, "not-a-uuid", fields)).status).toBe(404);
    expect(await writeCounts(owner)).toEqual(before);
  });

  it("issues and sends the regulator to the new order", async () => {
    const orderId = await issueThroughPage();
    expect(await owner.rectificationItem.count({ where: { orderId } })).toBe(2);
    expect((await issueThroughPage("hangzhou-xihu", PEOPLE.xihuInspector, findings.slice(0, 1))).length).toBe(36);
  });

  it("renders in Chinese and in English", async () => {
    const { body } = await newPage("hangzhou", PEOPLE.hangzhouAdmin, XIHU_SWIM);
    const url = `/gov/hangzhou/rectifications/new?institution=${XIHU_SWIM}`;
    expect(render(NewPage, url, body, "zh-CN")).toContain("下达整改通知");
    expect(render(NewPage, url, body, "en")).toContain("Issue the order");
  });
});

describe("the list of orders", () => {
  it("answers the jurisdiction's regulators, 404 to everyone else", async () => {
    expect((await listOf("hangzhou", PEOPLE.hangzhouAdmin)).status).toBe(200);
    expect((await listOf("hangzhou-xihu", PEOPLE.xihuInspector)).status).toBe(200);
    expect((await listOf("hangzhou", PEOPLE.xihuInspector)).status).toBe(404);
    expect((await listOf("hangzhou", PEOPLE.ningboAdmin)).status).toBe(404);
    expect((await listOf("hangzhou", PEOPLE.swimAdmin)).status).toBe(404);
    expect((await listOf("hangzhou", PEOPLE.parent)).status).toBe(404);
    expect((await listOf("hangzhou", null)).status).toBe(302);
    expect((await listOf("hangzhou", PEOPLE.hangzhouAdmin, "?status=nonsense")).status).toBe(400);
  });

  it("puts late orders first, then the others by deadline; Ningbo sees none of them", async () => {
    const late = await issueThroughPage();
    await deadlinePassed(owner, late, 3);
    const { body } = await listOf("hangzhou", PEOPLE.hangzhouAdmin);
    const page = body as { rows: { id: string; late: boolean; deadline: string }[]; total: number };
    expect(page.rows[0]).toMatchObject({ id: late, late: true });
    const rest = page.rows.slice(1).map((r) => r.deadline);
    expect(rest).toEqual([...rest].sort());
    expect(page.total).toBe(page.rows.length);
    const ningbo = (await listOf("ningbo", PEOPLE.ningboAdmin)).body as { rows: unknown[] };
    expect(ningbo.rows).toEqual([]);
    const url = "/gov/hangzhou/rectifications";
    expect(render(ListPage, url, body, "zh-CN")).toContain("已逾期 3 天");
    expect(render(ListPage, url, body, "en")).toContain("3 days late");
  });
});

describe("one order for its regulators", () => {
  let orderId = "";
  beforeAll(async () => {
    orderId = await issueThroughPage();
  });

  it("answers the jurisdiction's regulators and 404 to everyone else", async () => {
    expect((await detail("hangzhou", orderId, PEOPLE.hangzhouAdmin)).status).toBe(200);
    expect((await detail("hangzhou-xihu", orderId, PEOPLE.xihuInspector)).status).toBe(200);
    expect((await detail("zhejiang", orderId, PEOPLE.zhejiangAdmin)).status).toBe(200);
    expect((await detail("hangzhou", orderId, PEOPLE.ningboAdmin)).status).toBe(404);
    expect((await detail("ningbo", orderId, PEOPLE.ningboAdmin)).status).toBe(404);
    expect((await detail("hangzhou-binjiang", orderId, PEOPLE.hangzhouAdmin)).status).toBe(404);
    expect((await detail("hangzhou", orderId, PEOPLE.swimAdmin)).status).toBe(404);
    expect((await detail("hangzhou", "not-a-uuid", PEOPLE.hangzhouAdmin)).status).toBe(404);
    expect((await detail("hangzhou", UNKNOWN, PEOPLE.hangzhouAdmin)).status).toBe(404);
    expect((await detail("hangzhou", orderId, null)).status).toBe(302);
    expect((await decide("ningbo", orderId, PEOPLE.ningboAdmin, {})).status).toBe(404);
    expect((await decide("hangzhou", UNKNOWN, PEOPLE.hangzhouAdmin, {})).status).toBe(404);
  });

  it("refuses a decision before the institution answers, one without a reason or intent, and writes nothing", async () => {
    const before = await writeCounts(owner);
    expect(await decide("hangzhou", orderId, PEOPLE.hangzhouAdmin, { intent: "accept" })).toMatchObject({
      status: 409,
      body: { formError: "rectification.error.refused" },
    });
    expect(await decide("hangzhou", orderId, PEOPLE.hangzhouAdmin, { intent: "withdraw" })).toMatchObject({
      status: 400,
      body: { fieldErrors: { withdrawReason: ["validation.required"] } },
    });
    expect((await decide("hangzhou", orderId, PEOPLE.hangzhouAdmin, { intent: "approve" })).status).toBe(400);
    expect(await writeCounts(owner)).toEqual(before);
  });

  it("takes the answer from the institution's page and the decision from the regulator's", async () => {
    const answered = await answer(XIHU_SWIM, orderId, PEOPLE.swimAdmin, { text: "已增加两名救生员。" }, [
      pdf("排班表.pdf"),
      fileOf(samplePng(), "现场照片.png", "image/png"),
    ]);
    expect(answered.status).toBe(302);
    expect(answered.headers.get("Location")).toBe(`/org/${XIHU_SWIM}/compliance/rectifications/${orderId}?answered=1`);
    const response = await owner.rectificationResponse.findFirstOrThrow({ where: { orderId } });
    const files = await owner.storedFile.findMany({ where: { id: { in: response.fileIds } } });
    expect(files.map((f) => [f.purpose, f.institutionId, f.originalName]).sort()).toEqual([
      ["rectificationEvidence", XIHU_SWIM, "排班表.pdf"],
      ["rectificationEvidence", XIHU_SWIM, "现场照片.png"],
    ]);
    const rejected = await decide("hangzhou-xihu", orderId, PEOPLE.xihuInspector, {
      intent: "reject",
      rejectReason: "请补充救生员资格证。",
    });
    expect(rejected).toMatchObject({ status: 200, body: { ok: true, done: "reject" } });
    const { body } = await detail("hangzhou", orderId, PEOPLE.hangzhouAdmin);
    expect(body).toMatchObject({ detail: { order: { status: "REJECTED" } } });
    const url = `/gov/hangzhou/rectifications/${orderId}`;
    const zh = render(DetailPage, url, body, "zh-CN");
    for (const text of ["整改未通过", "排班表.pdf", "请补充救生员资格证。", "HRS-02", "撤回整改通知"])
      expect(zh).toContain(text);
    expect(render(DetailPage, url, body, "en")).toContain("Not accepted: rectify again");
  });
});

describe("one order for its institution", () => {
  let orderId = "";
  beforeAll(async () => {
    orderId = await issueThroughPage();
  });

  it("answers the institution's admins and staff, 404 to everyone else", async () => {
    expect((await orgPage(XIHU_SWIM, orderId, PEOPLE.swimAdmin)).status).toBe(200);
    expect((await orgPage(XIHU_SWIM, orderId, PEOPLE.swimStaff)).status).toBe(200);
    expect((await orgPage(XIHU_SWIM, orderId, PEOPLE.footballAdmin)).status).toBe(404);
    expect((await orgPage(YINZHOU_FOOTBALL, orderId, PEOPLE.footballAdmin)).status).toBe(404);
    expect((await orgPage(XIHU_SWIM, orderId, PEOPLE.hangzhouAdmin)).status).toBe(404);
    expect((await orgPage(XIHU_SWIM, orderId, PEOPLE.platformAdmin)).status).toBe(404);
    expect((await orgPage(XIHU_SWIM, "not-a-uuid", PEOPLE.swimAdmin)).status).toBe(404);
    expect((await orgPage(XIHU_SWIM, orderId, null)).status).toBe(302);
    expect((await answer(YINZHOU_FOOTBALL, orderId, PEOPLE.footballAdmin, { text: "x" })).status).toBe(404);
    expect((await answer(XIHU_SWIM, orderId, PEOPLE.footballAdmin, { text: "x" })).status).toBe(404);
  });

  it("refuses forged documents, too many, a missing text or a non-multipart post, and writes nothing", async () => {
    const before = await writeCounts(owner);
    const forged = await answer(XIHU_SWIM, orderId, PEOPLE.swimStaff, { text: "见附件" }, [
      pdf(),
      fileOf(sampleHtml(), "证明.pdf", "application/pdf"),
    ]);
    expect(forged).toMatchObject({ status: 400, body: { fieldErrors: { evidence: ["validation.upload.type"] } } });
    const many = await answer(XIHU_SWIM, orderId, PEOPLE.swimStaff, { text: "见附件" }, [
      pdf(),
      pdf(),
      pdf(),
      pdf(),
      pdf(),
    ]);
    expect(many).toMatchObject({
      status: 400,
      body: { fieldErrors: { evidence: ["validation.rectification.tooManyFiles"] } },
    });
    const noText = await answer(XIHU_SWIM, orderId, PEOPLE.swimStaff, { text: " " }, [pdf()]);
    expect(noText).toMatchObject({ status: 400, body: { fieldErrors: { text: ["validation.required"] } } });
    const plain = await callAction(
      orgAction,
      `/org/${XIHU_SWIM}/compliance/rectifications/${orderId}`,
      { institutionId: XIHU_SWIM, orderId },
      PEOPLE.swimStaff,
      { text: "没有附件的表单" },
    );
    expect(plain).toMatchObject({ status: 400, body: { formError: "validation.badForm" } });
    expect(await writeCounts(owner)).toEqual(before);
  });

  it("ignores posted file ids: an answer carries only the files uploaded with it", async () => {
    const other = await storeUpload(member(PEOPLE.footballAdmin), {
      institutionId: YINZHOU_FOOTBALL,
      purpose: "rectificationEvidence",
      file: pdf(),
    });
    if (!other.ok) throw new Error(other.error);
    const answered = await answer(XIHU_SWIM, orderId, PEOPLE.swimStaff, {
      text: "整改情况见附件。",
      evidence: other.fileId,
      fileIds: other.fileId,
      "evidenceFileIds.0": other.fileId,
    });
    expect(answered.status).toBe(302);
    const response = await owner.rectificationResponse.findFirstOrThrow({ where: { orderId } });
    expect(response.fileIds).toEqual([]);
    expect(response.respondedById).toBe(PEOPLE.swimStaff);
  });

  it("refuses an answer once the order is accepted (409), storing no upload", async () => {
    expect(
      await decide("hangzhou", orderId, PEOPLE.hangzhouAdmin, { intent: "accept", acceptNote: "整改到位。" }),
    ).toMatchObject({ status: 200, body: { ok: true, done: "accept" } });
    const before = await writeCounts(owner);
    const late = await answer(XIHU_SWIM, orderId, PEOPLE.swimAdmin, { text: "补充" }, [pdf()]);
    expect(late).toMatchObject({ status: 409, body: { formError: "rectification.error.refused" } });
    expect(await writeCounts(owner)).toEqual(before);
    const { body } = await orgPage(XIHU_SWIM, orderId, PEOPLE.swimAdmin);
    expect(body).toMatchObject({ answerable: false, detail: { order: { status: "ACCEPTED" }, issuedBy: null } });
    const url = `/org/${XIHU_SWIM}/compliance/rectifications/${orderId}`;
    const zh = render(OrgPage, url, body, "zh-CN");
    expect(zh).toContain("监管部门已确认整改通过");
    expect(zh).not.toContain("提交答复");
    expect(render(OrgPage, url, body, "en")).toContain("The regulator has accepted the rectification");
  });

  it("shows the answer form while the order takes answers", async () => {
    const open = await issueThroughPage();
    const { body } = await orgPage(XIHU_SWIM, open, PEOPLE.swimStaff);
    expect(body).toMatchObject({ answerable: true });
    const url = `/org/${XIHU_SWIM}/compliance/rectifications/${open}`;
    const html = render(OrgPage, url, body, "zh-CN");
    expect(html).toContain("提交整改答复");
    expect(html).toMatch(/<form[^>]*enctype="multipart\/form-data"/i);
  });
});

function render(Page: Parameters<typeof renderPage>[0], url: string, body: unknown, locale: Locale): string {
  return renderPage(Page, new URL(`http://localhost${url}`).pathname, url, body, locale);
}
