import { answerOrder } from "~/modules/compliance/rectification-answer.server";
import { decideOrder } from "~/modules/compliance/rectification-decide.server";
import { InvalidRectification, RectificationNotFound } from "~/modules/compliance/rectification-errors";
import { issueOrder, prepareIssue } from "~/modules/compliance/rectification-issue.server";
import { orderDetail, rectificationOrdersOf } from "~/modules/compliance/rectification-read.server";
import { RectificationTransitionRefused } from "~/modules/compliance/rectification-state-machine";
import { storeUpload } from "~/modules/registry/files.server";
import { fileOf, samplePdf } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import {
  deadlineIn,
  giveReport,
  member,
  PEOPLE,
  regulator,
  writeCounts,
  XIHU_SWIM,
  YINZHOU_FOOTBALL,
} from "./rectification-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const hangzhou = regulator(PEOPLE.hangzhouAdmin, "330100");
const xihu = regulator(PEOPLE.xihuInspector, "330106");
const ningbo = regulator(PEOPLE.ningboAdmin, "330200");
const swimAdmin = member(PEOPLE.swimAdmin);
const swimStaff = member(PEOPLE.swimStaff);

let findings: string[] = [];

beforeAll(async () => {
  await seedDemoData();
  ({ findingIds: findings } = await giveReport(owner, XIHU_SWIM, [
    { rule: "VEN-01", label: "文三路游泳馆" },
    { rule: "STF-06", severity: "CRITICAL", label: null },
    { rule: "VEN-05", outcome: "PASS" },
  ]));
});

function emails(kind: string) {
  return owner.emailOutbox.findMany({ where: { kind }, select: { toAddress: true, subject: true, textBody: true } });
}

async function issue(findingIds = findings.slice(0, 2), by = hangzhou) {
  return issueOrder(by, {
    institutionId: XIHU_SWIM,
    findingIds,
    deadline: deadlineIn(14),
    instructions: "请增加训练面积或减少同时在场人数，并配备安全员。",
  });
}

function issueWith(change: Partial<Parameters<typeof issueOrder>[1]>, by = hangzhou) {
  return issueOrder(by, {
    institutionId: XIHU_SWIM,
    findingIds: findings,
    deadline: deadlineIn(3),
    instructions: "整改",
    ...change,
  });
}

function pdf(name = "整改照片.pdf"): File {
  return fileOf(samplePdf(), name, "application/pdf");
}

async function evidenceFile(institutionId = XIHU_SWIM, scope = swimAdmin): Promise<string> {
  const stored = await storeUpload(scope, { institutionId, purpose: "rectificationEvidence", file: pdf() });
  if (!stored.ok) throw new Error(stored.error);
  return stored.fileId;
}

describe("issuing an order", () => {
  it("offers the failed findings of the latest report of the approved content, not passes or draft pre-checks", async () => {
    await giveReport(owner, XIHU_SWIM, [{ rule: "SCH-01" }], { subject: "DRAFT" });
    const preparation = await prepareIssue(hangzhou, XIHU_SWIM);
    expect(preparation?.findings.map((f) => f.ruleCode)).toEqual(["STF-06", "VEN-01"]);
    expect(preparation?.findings.every((f) => f.openOrder === null)).toBe(true);
    expect(await prepareIssue(ningbo, XIHU_SWIM)).toBeNull();
  });

  it("copies the findings into the order, records, audits and emails the institution's admins", async () => {
    const orderId = await issue();
    const order = await owner.rectificationOrder.findUniqueOrThrow({
      where: { id: orderId },
      include: { items: true },
    });
    expect(order).toMatchObject({
      status: "ISSUED",
      institutionId: XIHU_SWIM,
      issuedById: PEOPLE.hangzhouAdmin,
      escalatedAt: null,
      closedAt: null,
    });
    expect(order.deadline.toISOString().slice(0, 10)).toBe(deadlineIn(14));
    expect(order.items.map((i) => [i.ruleCode, i.severity, i.entityLabel]).sort()).toEqual([
      ["STF-06", "CRITICAL", null],
      ["VEN-01", "MAJOR", "文三路游泳馆"],
    ]);
    expect(order.items[0]?.evidence).toMatchObject({ key: "compliance.evidence.test", values: { area: 120 } });
    expect(await owner.rectificationEvent.count({ where: { orderId, event: "issue", toStatus: "ISSUED" } })).toBe(1);
    expect(
      await owner.auditEvent.count({ where: { entityId: orderId, action: "compliance.rectification.issued" } }),
    ).toBe(1);
    const sent = await emails("rectification.issued");
    expect(sent.map((e) => e.toAddress)).toEqual(["xihu.swim@tipei.example"]);
    expect(sent[0]?.textBody).toContain(`/org/${XIHU_SWIM}/compliance/rectifications/${orderId}`);
    expect(sent[0]?.textBody).toContain("请增加训练面积");
  });

  it("keeps the order readable as issued after the institution is evaluated again", async () => {
    const orderId = await issue([findings[0] ?? ""]);
    await owner.complianceFinding.updateMany({
      where: { id: findings[0] },
      data: { evidence: { key: "compliance.evidence.changed", values: {} } },
    });
    await owner.complianceReport.delete({ where: { id: (await owner.complianceFinding.findFirst())?.reportId } });
    const detail = await orderDetail(hangzhou, orderId, { jurisdiction: true });
    expect(detail?.items).toHaveLength(1);
    expect(detail?.items[0]).toMatchObject({ ruleCode: "VEN-01", evidence: { key: "compliance.evidence.test" } });
    expect((await owner.rectificationItem.findFirstOrThrow({ where: { orderId } })).findingId).toBeNull();
    // A new evaluation for the rest of the file.
    ({ findingIds: findings } = await giveReport(owner, XIHU_SWIM, [
      { rule: "VEN-01", label: "文三路游泳馆" },
      { rule: "STF-06", severity: "CRITICAL", label: null },
    ]));
  });

  it("marks findings that an open order already covers", async () => {
    await issue([findings[1] ?? ""]);
    const preparation = await prepareIssue(xihu, XIHU_SWIM);
    expect(preparation?.findings.find((f) => f.id === findings[1])?.openOrder?.status).toBe("ISSUED");
  });

  it("writes nothing for findings that are not failures of the latest report, a deadline before tomorrow or another city's institution", async () => {
    const before = await writeCounts(owner);
    const old = (await owner.complianceFinding.findMany({ where: { institutionId: XIHU_SWIM, outcome: "FAIL" } }))
      .map((f) => f.id)
      .filter((id) => !findings.includes(id));
    const passed = await giveReport(owner, XIHU_SWIM, [{ rule: "VEN-01" }], { minutesAgo: 60 });
    const football = await giveReport(owner, YINZHOU_FOOTBALL, [{ rule: "VEN-01" }]);
    const attempts: [() => Promise<unknown>, new (...args: never[]) => Error][] = [
      [() => issue([...findings, ...old.slice(0, 1)]), InvalidRectification],
      [() => issue(passed.findingIds), InvalidRectification],
      [() => issue(football.findingIds), InvalidRectification],
      [() => issue([]), InvalidRectification],
      [() => issueWith({ deadline: deadlineIn(0) }), InvalidRectification],
      [() => issueWith({ deadline: deadlineIn(366) }), InvalidRectification],
      [() => issueWith({ instructions: " " }), InvalidRectification],
      [() => issue(findings, ningbo), RectificationNotFound],
      [() => issueWith({ institutionId: YINZHOU_FOOTBALL }, ningbo), InvalidRectification],
    ];
    for (const [attempt, error] of attempts) await expect(attempt()).rejects.toBeInstanceOf(error);
    expect(await writeCounts(owner)).toEqual(before);
  });

  it("lets the district's inspector issue too", async () => {
    const orderId = await issue(findings, xihu);
    const order = await owner.rectificationOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(order).toMatchObject({ issuingAuthorityId: xihu.authorityId, authorityId: xihu.authorityId });
  });
});

describe("answering and deciding", () => {
  let orderId = "";
  beforeAll(async () => {
    orderId = await issue();
  });

  it("takes the institution staff's answer with documents, and emails the nearest regulator admins and the issuer", async () => {
    const fileId = await evidenceFile(XIHU_SWIM, swimStaff);
    await answerOrder(swimStaff, XIHU_SWIM, orderId, { text: "已将同时在场人数减至 20 人。", fileIds: [fileId] });
    const order = await owner.rectificationOrder.findUniqueOrThrow({
      where: { id: orderId },
      include: { responses: true },
    });
    expect(order.status).toBe("ANSWERED");
    expect(order.responses).toEqual([
      expect.objectContaining({
        text: "已将同时在场人数减至 20 人。",
        fileIds: [fileId],
        respondedById: PEOPLE.swimStaff,
      }),
    ]);
    const sent = await owner.emailOutbox.findMany({ where: { kind: "rectification.answered" } });
    expect(sent.map((e) => e.toAddress)).toEqual(["hangzhou.admin@tipei.example"]);
    expect(sent[0]?.textBody).toContain(`/gov/hangzhou/rectifications/${orderId}`);
    const detail = await orderDetail(hangzhou, orderId, { jurisdiction: true });
    expect(detail?.responses[0]?.files).toEqual([
      expect.objectContaining({ id: fileId, name: "整改照片.pdf", contentType: "application/pdf" }),
    ]);
  });

  it("refuses documents that are not this institution's evidence uploads, and writes nothing", async () => {
    const foreign = await evidenceFile(YINZHOU_FOOTBALL, member(PEOPLE.footballAdmin));
    const license = await storeUpload(swimAdmin, { institutionId: XIHU_SWIM, purpose: "businessLicense", file: pdf() });
    if (!license.ok) throw new Error(license.error);
    const before = await writeCounts(owner);
    for (const fileIds of [[foreign], [license.fileId], ["00000000-0000-4000-8000-000000000000"]]) {
      await expect(answerOrder(swimAdmin, XIHU_SWIM, orderId, { text: "见附件", fileIds })).rejects.toBeInstanceOf(
        InvalidRectification,
      );
    }
    expect(await writeCounts(owner)).toEqual(before);
  });

  it("refuses an answer to another institution's order and a regulator's decision outside its jurisdiction", async () => {
    await expect(
      answerOrder(member(PEOPLE.footballAdmin), YINZHOU_FOOTBALL, orderId, { text: "x", fileIds: [] }),
    ).rejects.toBeInstanceOf(RectificationNotFound);
    await expect(
      answerOrder(member(PEOPLE.footballAdmin), XIHU_SWIM, orderId, { text: "x", fileIds: [] }),
    ).rejects.toBeInstanceOf(RectificationNotFound);
    await expect(decideOrder(ningbo, orderId, "accept", "")).rejects.toBeInstanceOf(RectificationNotFound);
  });

  it("rejects with a reason: the institution hears why and answers again", async () => {
    await expect(decideOrder(hangzhou, orderId, "reject", "  ")).rejects.toBeInstanceOf(InvalidRectification);
    await decideOrder(xihu, orderId, "reject", "照片看不清，请补充测量记录。");
    expect((await owner.rectificationOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("REJECTED");
    const sent = await emails("rectification.rejected");
    expect(sent.map((e) => e.toAddress)).toEqual(["xihu.swim@tipei.example"]);
    expect(sent[0]?.textBody).toContain("照片看不清");
    await answerOrder(swimAdmin, XIHU_SWIM, orderId, { text: "已补充测量记录。", fileIds: [await evidenceFile()] });
    expect((await owner.rectificationOrder.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("ANSWERED");
  });

  it("accepts and closes; answering or deciding again is refused and writes nothing", async () => {
    await decideOrder(hangzhou, orderId, "accept", "");
    const order = await owner.rectificationOrder.findUniqueOrThrow({ where: { id: orderId } });
    expect(order.status).toBe("ACCEPTED");
    expect(order.closedAt).not.toBeNull();
    expect((await emails("rectification.accepted")).map((e) => e.toAddress)).toEqual(["xihu.swim@tipei.example"]);
    const before = await writeCounts(owner);
    await expect(answerOrder(swimAdmin, XIHU_SWIM, orderId, { text: "再补充", fileIds: [] })).rejects.toBeInstanceOf(
      RectificationTransitionRefused,
    );
    await expect(decideOrder(hangzhou, orderId, "reject", "不对")).rejects.toBeInstanceOf(
      RectificationTransitionRefused,
    );
    await expect(decideOrder(hangzhou, orderId, "withdraw", "错发")).rejects.toBeInstanceOf(
      RectificationTransitionRefused,
    );
    expect(await writeCounts(owner)).toEqual(before);
  });

  it("keeps the whole history, naming officials to regulators only", async () => {
    const forRegulator = await orderDetail(hangzhou, orderId, { jurisdiction: true });
    expect(forRegulator?.history.map((h) => h.event)).toEqual(["accept", "answer", "reject", "answer", "issue"]);
    expect(forRegulator?.history.find((h) => h.event === "reject")?.actor).toEqual({
      side: "regulator",
      name: expect.any(String),
    });
    const forInstitution = await orderDetail(swimAdmin, orderId, { institutionId: XIHU_SWIM });
    expect(forInstitution?.issuedBy).toBeNull();
    expect(forInstitution?.history.find((h) => h.event === "reject")).toMatchObject({
      actor: { side: "regulator", name: null },
      reason: "照片看不清，请补充测量记录。",
    });
    expect(forInstitution?.history.find((h) => h.event === "answer")?.actor.name).not.toBeNull();
    const audited = await owner.auditEvent.findMany({
      where: { entityId: orderId },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audited.map((a) => a.action)).toEqual([
      "compliance.rectification.issued",
      "compliance.rectification.answered",
      "compliance.rectification.rejected",
      "compliance.rectification.answered",
      "compliance.rectification.accepted",
    ]);
  });

  it("withdraws an open order with a reason", async () => {
    const other = await issue([findings[0] ?? ""]);
    await decideOrder(xihu, other, "withdraw", "重复下达");
    const order = await owner.rectificationOrder.findUniqueOrThrow({ where: { id: other } });
    expect(order.status).toBe("WITHDRAWN");
    expect(order.closedAt).not.toBeNull();
    expect((await emails("rectification.withdrawn")).at(-1)?.textBody).toContain("重复下达");
  });

  it("lists the institution's orders for its members and its regulators, not for another city", async () => {
    const own = await rectificationOrdersOf(swimStaff, XIHU_SWIM);
    expect(own.length).toBeGreaterThan(2);
    expect(await rectificationOrdersOf(hangzhou, XIHU_SWIM)).toHaveLength(own.length);
    expect(await rectificationOrdersOf(ningbo, XIHU_SWIM)).toEqual([]);
    expect(await rectificationOrdersOf(member(PEOPLE.footballAdmin), XIHU_SWIM)).toEqual([]);
  });
});
