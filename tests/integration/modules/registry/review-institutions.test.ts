import type { Locale } from "~/lib/i18n/catalog";
import { approveFiling, startReview } from "~/modules/registry/filing.server";
import { institutionHistory } from "~/modules/registry/institution-history.server";
import type { SupervisedInstitution } from "~/modules/registry/jurisdiction-institutions.server";
import InstitutionList, { loader as listLoader } from "~/routes/gov.$authority.institutions._index";
import InstitutionPage, { action, loader } from "~/routes/gov.$authority.institutions.$institutionId";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  authorityId,
  callAction,
  callLoader,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  openInstitution,
  renderPage,
  submitInitial,
  type TestInstitution,
  XIHU_INSPECTOR,
} from "./review-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const hangzhouScope = { userId: HANGZHOU_ADMIN, authorityId: authorityId("330100"), platform: false };
const ningboScope = { userId: NINGBO_ADMIN, authorityId: authorityId("330200"), platform: false };
let registered: TestInstitution;
let ningboRegistered: TestInstitution;
let registrationNo = "";

beforeAll(async () => {
  await seedDemoData();
  registered = await openInstitution(owner, "330106", "西湖蓝鲸游泳培训中心");
  const filing = await submitInitial(registered, "330106");
  await startReview(hangzhouScope, filing);
  ({ registrationNo } = await approveFiling(hangzhouScope, filing));
  ningboRegistered = await openInstitution(owner, "330212", "鄞州飞鱼游泳俱乐部");
  const ningboFiling = await submitInitial(ningboRegistered, "330212");
  await startReview(ningboScope, ningboFiling);
  await approveFiling(ningboScope, ningboFiling);
});

type ListBody = { rows: { id: string; name: string; status: string; registrationNo: string | null }[]; total: number };
const list = async (slug: string, user: string, search = "") => {
  const answer = await callLoader(listLoader, `/gov/${slug}/institutions${search}`, { authority: slug }, user);
  return { status: answer.status, body: answer.body as ListBody & { fieldErrors: Record<string, string[]> } };
};
const detail = (slug: string, institutionId: string, user: string) =>
  callLoader(loader, `/gov/${slug}/institutions/${institutionId}`, { authority: slug, institutionId }, user);
const act = (slug: string, institutionId: string, user: string, fields: Record<string, string>) =>
  callAction(action, `/gov/${slug}/institutions/${institutionId}`, { authority: slug, institutionId }, user, fields);

describe("the institutions of a jurisdiction", () => {
  it("lists the city's institutions with status and registration number, never another city's", async () => {
    const { status, body } = await list("hangzhou", HANGZHOU_ADMIN);
    expect(status).toBe(200);
    const names = body.rows.map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(["杭州浪花游泳培训有限公司", "杭州滨江弈思棋院", "西湖蓝鲸游泳培训中心"]),
    );
    expect(names).not.toContain("鄞州飞鱼游泳俱乐部");
    expect(names).not.toContain("宁波鄞州追风足球俱乐部");
    expect(body.rows.find((r) => r.id === registered.id)).toMatchObject({ status: "APPROVED", registrationNo });
  });

  it("filters by status and district and finds by part of the name", async () => {
    const names = async (search: string) =>
      (await list("hangzhou", HANGZHOU_ADMIN, search)).body.rows.map((r) => r.name);
    expect(await names("?status=APPROVED")).toEqual(["西湖蓝鲸游泳培训中心"]);
    expect(await names(`?district=${authorityId("330108")}`)).toEqual(["杭州滨江弈思棋院"]);
    expect(await names("?q=蓝鲸")).toEqual(["西湖蓝鲸游泳培训中心"]);
    expect(await names("?q=飞鱼")).toEqual([]);
    const bad = await list("hangzhou", HANGZHOU_ADMIN, "?status=OPEN");
    expect(bad.status).toBe(400);
    expect(bad.body.fieldErrors).toHaveProperty("status");
  });

  it("renders the list with status and registration number", async () => {
    const { body } = await list("hangzhou", HANGZHOU_ADMIN);
    const html = renderPage(
      InstitutionList,
      "gov/:authority/institutions",
      "/gov/hangzhou/institutions",
      body,
      "zh-CN",
    );
    for (const text of [
      "辖区内机构",
      "西湖蓝鲸游泳培训中心",
      registrationNo,
      "尚未备案",
      `/gov/hangzhou/institutions/${registered.id}`,
    ]) {
      expect(html).toContain(text);
    }
  });

  it("shows one institution: approved content, history and filings", async () => {
    const { status, body } = await detail("hangzhou-xihu", registered.id, XIHU_INSPECTOR);
    expect(status).toBe(200);
    const page = body as SupervisedInstitution & { mayChange: boolean };
    expect(page.institution).toMatchObject({ status: "APPROVED", registrationNo });
    expect(page.approvedContent?.entity?.name).toBe("西湖蓝鲸游泳培训中心");
    expect(page.filings.map((f) => [f.kind, f.status])).toEqual([["INITIAL", "APPROVED"]]);
    expect(page.history.map((h) => h.toStatus)).toEqual(["APPROVED", "UNDER_REVIEW", "SUBMITTED"]);
    expect(page.mayChange).toBe(false);
  });

  it("answers 404 for another city's institution, an unknown one or a malformed id", async () => {
    expect((await detail("hangzhou", ningboRegistered.id, HANGZHOU_ADMIN)).status).toBe(404);
    expect((await detail("ningbo", registered.id, NINGBO_ADMIN)).status).toBe(404);
    expect((await detail("hangzhou", registered.id, NINGBO_ADMIN)).status).toBe(404);
    expect((await detail("hangzhou", stableId("institution", "nothing"), HANGZHOU_ADMIN)).status).toBe(404);
    expect((await detail("hangzhou", "not-a-uuid", HANGZHOU_ADMIN)).status).toBe(404);
  });

  it("renders the registration actions the state machine allows, in both languages", async () => {
    const { body } = await detail("hangzhou", registered.id, HANGZHOU_ADMIN);
    const zh = render(body, "zh-CN");
    for (const text of ["暂停备案", "撤销备案", "关闭备案", "状态记录", "已备案内容", registrationNo]) {
      expect(zh).toContain(text);
    }
    expect(zh).not.toContain("恢复备案");
    expect(render(body, "en")).toContain("Suspend");
  });
});

describe("registration actions", () => {
  it("needs a reason, and answers an inspector 403, writing nothing", async () => {
    const before = await owner.institutionStatusEvent.count({ where: { institutionId: registered.id } });
    const noReason = await act("hangzhou", registered.id, HANGZHOU_ADMIN, { intent: "suspend", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ fieldErrors: { reason: ["validation.required"] } });
    const inspector = await act("hangzhou-xihu", registered.id, XIHU_INSPECTOR, { intent: "suspend", reason: "检查" });
    expect(inspector.status).toBe(403);
    expect(await owner.institutionStatusEvent.count({ where: { institutionId: registered.id } })).toBe(before);
    expect((await owner.institution.findUniqueOrThrow({ where: { id: registered.id } })).status).toBe("APPROVED");
  });

  it("suspends with a reason: status, history, audit and an email to the institution", async () => {
    const answer = await act("hangzhou", registered.id, HANGZHOU_ADMIN, {
      intent: "suspend",
      reason: "救生员资质过期",
    });
    expect(answer).toMatchObject({ status: 200, body: { ok: true, done: "suspend", status: "SUSPENDED" } });
    expect(
      await owner.institutionStatusEvent.findFirst({
        where: { institutionId: registered.id, toStatus: "SUSPENDED" },
      }),
    ).toMatchObject({ fromStatus: "APPROVED", reason: "救生员资质过期", actorUserId: HANGZHOU_ADMIN });
    expect(
      await owner.auditEvent.count({ where: { entityId: registered.id, action: "registry.institution.suspend" } }),
    ).toBe(1);
    const email = await owner.emailOutbox.findFirst({
      where: { toAddress: registered.adminEmail, kind: "registry.statusChanged" },
    });
    expect(email?.textBody).toContain("救生员资质过期");
  });

  it("refuses what the state machine does not allow with a 409, and only offers what it does", async () => {
    const again = await act("hangzhou", registered.id, HANGZHOU_ADMIN, { intent: "suspend", reason: "再次" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ formError: "govReview.error.transitionRefused" });
    const { body } = await detail("hangzhou", registered.id, HANGZHOU_ADMIN);
    const zh = render(body, "zh-CN");
    expect(zh).toContain("恢复备案");
    expect(zh).not.toContain("暂停备案");
    const unknown = await act("hangzhou", registered.id, HANGZHOU_ADMIN, { intent: "approve", reason: "x" });
    expect(unknown.status).toBe(400);
  });

  it("reinstates and then revokes; nothing is possible after revocation", async () => {
    expect(
      await act("hangzhou", registered.id, HANGZHOU_ADMIN, { intent: "reinstate", reason: "整改完成" }),
    ).toMatchObject({ status: 200, body: { status: "APPROVED" } });
    expect(
      await act("hangzhou", registered.id, HANGZHOU_ADMIN, { intent: "revoke", reason: "严重违规" }),
    ).toMatchObject({
      status: 200,
      body: { status: "REVOKED" },
    });
    expect((await act("hangzhou", registered.id, HANGZHOU_ADMIN, { intent: "reinstate", reason: "x" })).status).toBe(
      409,
    );
  });

  it("answers another city's admin 404 and writes nothing", async () => {
    const before = await owner.institutionStatusEvent.count({ where: { institutionId: ningboRegistered.id } });
    expect(
      (await act("hangzhou", ningboRegistered.id, HANGZHOU_ADMIN, { intent: "suspend", reason: "x" })).status,
    ).toBe(404);
    expect((await act("ningbo", registered.id, NINGBO_ADMIN, { intent: "close", reason: "x" })).status).toBe(404);
    expect(await owner.institutionStatusEvent.count({ where: { institutionId: ningboRegistered.id } })).toBe(before);
  });
});

describe("the status history for both sides", () => {
  it("shows the institution its history with the authority's decisions, without naming officials", async () => {
    const mine = await institutionHistory(registered.applicant, registered.id, "institution");
    expect(mine.map((e) => e.toStatus)).toEqual([
      "REVOKED",
      "APPROVED",
      "SUSPENDED",
      "APPROVED",
      "UNDER_REVIEW",
      "SUBMITTED",
    ]);
    const revoked = mine[0];
    expect(revoked).toMatchObject({ actor: { side: "regulator", name: null }, reason: "严重违规" });
    expect(mine.at(-1)?.actor).toMatchObject({ side: "institution", name: expect.any(String) });
    const regulators = await institutionHistory(hangzhouScope, registered.id, "regulator");
    expect(regulators[0]?.actor.name).not.toBeNull();
  });

  it("shows nothing of an institution to another institution's members or another city", async () => {
    expect(await institutionHistory(ningboRegistered.applicant, registered.id, "institution")).toEqual([]);
    expect(await institutionHistory(ningboScope, registered.id, "regulator")).toEqual([]);
  });
});

function render(data: unknown, locale: Locale): string {
  return renderPage(
    InstitutionPage,
    "gov/:authority/institutions/:institutionId",
    "/gov/hangzhou/institutions/x",
    data,
    locale,
  );
}
