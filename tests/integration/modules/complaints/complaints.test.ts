import { inScope } from "~/lib/db-scope.server";
import MyComplaints, { loader as listLoader } from "~/routes/account_.complaints._index";
import MyComplaint, { loader as complaintLoader } from "~/routes/account_.complaints.$complaintId";
import { loader as fileLoader } from "~/routes/files.$fileId";
import ComplaintQueue, { loader as queueLoader } from "~/routes/gov.$authority.complaints._index";
import GovComplaint, {
  action as govAction,
  loader as govLoader,
} from "~/routes/gov.$authority.complaints.$complaintId";
import ComplainPage, {
  action as complainAction,
  loader as complainLoader,
} from "~/routes/institutions.$registrationNo_.complain";
import { fileOf, sampleExecutable, samplePng } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { formRequest, loadContext, outcome, settle } from "../../../support/remix-calls";
import { approveXihuSwim, XIHU_SWIM } from "../compliance/pool-safety-fixtures";
import {
  callAction,
  callLoader,
  cookieFor,
  HANGZHOU_ADMIN,
  NINGBO_ADMIN,
  renderPage,
  userId,
  XIHU_INSPECTOR,
} from "../registry/review-fixtures";

// Complaints end to end through the route modules: a parent files one with a photo against a
// registered institution; the Hangzhou bureau accepts it, assigns the Xihu inspector and resolves
// it with an outcome the parent reads. The institution, other parents and Ningbo see nothing.

// The uploads of this file go to a directory of its own (read by the env on first use).
await vi.hoisted(async () => {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  process.env.STORAGE_BACKEND = "local";
  process.env.STORAGE_DIR = await mkdtemp(`${tmpdir()}/tipei-complaints-`);
});

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const PARENT = userId("parent@tipei.example");
const OTHER_PARENT = userId("parent.en@tipei.example");
const INSTITUTION_ADMIN = userId("xihu.swim@tipei.example");

let registrationNo = "";
let complainPath = "";
let complaintId = "";
let photoId = "";

beforeAll(async () => {
  await seedDemoData();
  await approveXihuSwim();
  const institution = await owner.institution.findUniqueOrThrow({
    where: { id: XIHU_SWIM },
    select: { registrationNo: true },
  });
  registrationNo = institution.registrationNo ?? "";
  complainPath = `/institutions/${registrationNo}/complain`;
});

async function postComplaint(user: string, fields: Record<string, string>, files: Record<string, File> = {}) {
  const request = formRequest(complainPath, fields, await cookieFor(user), files);
  return outcome(await settle(() => complainAction({ request, params: { registrationNo }, context: loadContext() })));
}

async function fileAs(user: string, id: string) {
  const request = new Request(`http://localhost/files/${id}`, { headers: { Cookie: await cookieFor(user) } });
  return outcome(await settle(() => fileLoader({ request, params: { fileId: id }, context: loadContext() })));
}

const govPath = (slug: string, id: string) => `/gov/${slug}/complaints/${id}`;
const govPost = async (user: string, slug: string, fields: Record<string, string>) =>
  callAction(govAction, govPath(slug, complaintId), { authority: slug, complaintId }, user, fields);

async function writes() {
  return {
    complaints: await owner.complaint.count(),
    events: await owner.complaintEvent.count(),
    files: await owner.storedFile.count({ where: { purpose: "complaintPhoto" } }),
    audit: await owner.auditEvent.count({ where: { action: { startsWith: "complaint." } } }),
  };
}

describe("filing a complaint", () => {
  it("shows the form to parents only", async () => {
    const form = await callLoader(complainLoader, complainPath, { registrationNo }, PARENT);
    expect(form.status).toBe(200);
    const html = renderPage(ComplainPage, "/institutions/:registrationNo/complain", complainPath, form.body, "zh-CN");
    expect(html).toContain("安全隐患");
    expect(html).toContain('name="photos"');
    expect((await callLoader(complainLoader, complainPath, { registrationNo }, INSTITUTION_ADMIN)).status).toBe(403);
    expect((await callLoader(complainLoader, complainPath, { registrationNo }, null)).status).toBe(302);
  });

  it("refuses a renamed executable as a photo: 400, no complaint row, no file row", async () => {
    const before = await writes();
    const { status, body } = await postComplaint(
      PARENT,
      { category: "SAFETY", description: "泳池边没有救生员值守，孩子差点出事。" },
      { photos: fileOf(sampleExecutable(), "photo.png", "image/png") },
    );
    expect(status).toBe(400);
    expect(body).toMatchObject({ fieldErrors: { photos: ["validation.upload.photoType"] } });
    expect(await writes()).toEqual(before);
  });

  it("refuses a description too short: 400, nothing written", async () => {
    const before = await writes();
    const { status } = await postComplaint(PARENT, { category: "SAFETY", description: "太差" });
    expect(status).toBe(400);
    expect(await writes()).toEqual(before);
  });

  it("files a complaint with a photo, audited, and the parent sees it with the photo", async () => {
    const before = await writes();
    const { status, headers } = await postComplaint(
      PARENT,
      { category: "SAFETY", description: "泳池边没有救生员值守，孩子差点出事。" },
      { photos: fileOf(samplePng(), "现场.png", "image/png") },
    );
    expect(status).toBe(303);
    complaintId = headers.get("Location")?.match(/complaints\/([0-9a-f-]{36})/)?.[1] ?? "";
    expect(complaintId).not.toBe("");
    expect(await writes()).toEqual({
      complaints: before.complaints + 1,
      events: before.events + 1,
      files: before.files + 1,
      audit: before.audit + 1,
    });
    const row = await owner.complaint.findUniqueOrThrow({ where: { id: complaintId } });
    expect(row).toMatchObject({ status: "SUBMITTED", institutionId: XIHU_SWIM, parentUserId: PARENT });
    photoId = row.photoFileIds[0] ?? "";
    const file = await owner.storedFile.findUniqueOrThrow({ where: { id: photoId } });
    expect(file).toMatchObject({ purpose: "complaintPhoto", institutionId: XIHU_SWIM, uploadedById: PARENT });

    const list = await callLoader(listLoader, "/account/complaints", {}, PARENT);
    expect(JSON.stringify(list.body)).toContain(complaintId);
    const listHtml = renderPage(MyComplaints, "/account/complaints", "/account/complaints", list.body, "zh-CN");
    expect(listHtml).toContain(`/account/complaints/${complaintId}`);
    expect(listHtml).toContain("已提交");
    const detail = await callLoader(complaintLoader, `/account/complaints/${complaintId}`, { complaintId }, PARENT);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ complaint: { status: "SUBMITTED", photoFileIds: [photoId] } });
    const photo = await fileAs(PARENT, photoId);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("Content-Type")).toBe("image/png");
  });

  it("hides the complaint and its photo from another parent (404)", async () => {
    const detail = await callLoader(
      complaintLoader,
      `/account/complaints/${complaintId}`,
      { complaintId },
      OTHER_PARENT,
    );
    expect(detail.status).toBe(404);
    expect((await fileAs(OTHER_PARENT, photoId)).status).toBe(404);
  });

  it("hides the complaint and its photo from the institution's admin (404), row-level security too", async () => {
    const detail = await callLoader(
      complaintLoader,
      `/account/complaints/${complaintId}`,
      { complaintId },
      INSTITUTION_ADMIN,
    );
    expect(detail.status).toBe(404);
    const gov = await callLoader(
      govLoader,
      govPath("hangzhou-xihu", complaintId),
      {
        authority: "hangzhou-xihu",
        complaintId,
      },
      INSTITUTION_ADMIN,
    );
    expect(gov.status).toBe(404);
    expect((await fileAs(INSTITUTION_ADMIN, photoId)).status).toBe(404);
    expect((await fileAs(userId("xihu.swim.staff@tipei.example"), photoId)).status).toBe(404);
    const seen = await inScope({ userId: INSTITUTION_ADMIN, authorityId: null, platform: false }, (db) =>
      db.complaint.findUnique({ where: { id: complaintId } }),
    );
    expect(seen).toBeNull();
  });
});

describe("handling a complaint", () => {
  it("lets the regulators read the photo, Ningbo not", async () => {
    expect((await fileAs(HANGZHOU_ADMIN, photoId)).status).toBe(200);
    expect((await fileAs(XIHU_INSPECTOR, photoId)).status).toBe(200);
    expect((await fileAs(NINGBO_ADMIN, photoId)).status).toBe(404);
  });

  it("answers 404 to Ningbo's admin, in Ningbo's workspace and in Hangzhou's", async () => {
    for (const slug of ["ningbo", "hangzhou"]) {
      const path = govPath(slug, complaintId);
      expect((await callLoader(govLoader, path, { authority: slug, complaintId }, NINGBO_ADMIN)).status).toBe(404);
      expect((await govPost(NINGBO_ADMIN, slug, { intent: "triage" })).status).toBe(404);
    }
    const queue = await callLoader(
      queueLoader,
      "/gov/ningbo/complaints?status=ALL",
      { authority: "ningbo" },
      NINGBO_ADMIN,
    );
    expect(JSON.stringify(queue.body)).not.toContain(complaintId);
  });

  it("is triaged, assigned to the Xihu inspector and resolved by Hangzhou, each step on the history", async () => {
    const queue = await callLoader(queueLoader, "/gov/hangzhou/complaints", { authority: "hangzhou" }, HANGZHOU_ADMIN);
    expect(queue.body).toMatchObject({ counts: { SUBMITTED: 1 } });
    const queueHtml = renderPage(
      ComplaintQueue,
      "/gov/:authority/complaints",
      "/gov/hangzhou/complaints",
      queue.body,
      "en",
    );
    expect(queueHtml).toContain(`/gov/hangzhou/complaints/${complaintId}`);
    expect(queueHtml).toContain("Safety hazard");

    expect((await govPost(HANGZHOU_ADMIN, "hangzhou", { intent: "triage", note: "已受理" })).status).toBe(200);
    const page = await callLoader(
      govLoader,
      govPath("hangzhou", complaintId),
      {
        authority: "hangzhou",
        complaintId,
      },
      HANGZHOU_ADMIN,
    );
    expect(page.body).toMatchObject({ complaint: { status: "TRIAGED", inspectors: [{ id: XIHU_INSPECTOR }] } });
    const pageHtml = renderPage(
      GovComplaint,
      "/gov/:authority/complaints/:complaintId",
      govPath("hangzhou", complaintId),
      page.body,
      "zh-CN",
    );
    expect(pageHtml).toContain(`/files/${photoId}`);
    expect(pageHtml).toContain('value="assign"');

    // Someone who is no inspector of the jurisdiction cannot be assigned.
    const refused = await govPost(HANGZHOU_ADMIN, "hangzhou", { intent: "assign", assigneeId: NINGBO_ADMIN });
    expect(refused.status).toBe(400);
    expect((await govPost(HANGZHOU_ADMIN, "hangzhou", { intent: "assign", assigneeId: XIHU_INSPECTOR })).status).toBe(
      200,
    );

    const before = await writes();
    const noOutcome = await govPost(HANGZHOU_ADMIN, "hangzhou", { intent: "resolve", outcome: "" });
    expect(noOutcome.status).toBe(400);
    expect(await writes()).toEqual(before);
    expect(await owner.complaint.findUniqueOrThrow({ where: { id: complaintId } })).toMatchObject({
      status: "ASSIGNED",
      assignedToId: XIHU_INSPECTOR,
      outcome: null,
    });

    const resolved = await govPost(HANGZHOU_ADMIN, "hangzhou", {
      intent: "resolve",
      outcome: "已现场检查，责令机构增配救生员并整改。",
    });
    expect(resolved.status).toBe(200);
    expect(await writes()).toMatchObject({ events: before.events + 1, audit: before.audit + 1 });
    // Closed: no step applies any more.
    expect((await govPost(HANGZHOU_ADMIN, "hangzhou", { intent: "dismiss", outcome: "再次处理这件投诉" })).status).toBe(
      409,
    );
  });

  it("shows the parent the outcome and the whole history", async () => {
    const detail = await callLoader(complaintLoader, `/account/complaints/${complaintId}`, { complaintId }, PARENT);
    expect(detail.body).toMatchObject({
      complaint: {
        status: "RESOLVED",
        outcome: "已现场检查，责令机构增配救生员并整改。",
        events: [
          { event: "filed", byParent: true },
          { event: "triaged", byParent: false },
          { event: "assigned" },
          { event: "resolved", note: "已现场检查，责令机构增配救生员并整改。" },
        ],
      },
    });
    const html = renderPage(
      MyComplaint,
      "/account/complaints/:complaintId",
      `/account/complaints/${complaintId}`,
      detail.body,
      "zh-CN",
    );
    expect(html).toContain("已现场检查，责令机构增配救生员并整改。");
    expect(html).toContain("已办结");
    expect(html).toContain(`/files/${photoId}`);
    const audit = await owner.auditEvent.findMany({
      where: { entityId: complaintId },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(audit.map((a) => a.action)).toEqual([
      "complaint.filed",
      "complaint.triaged",
      "complaint.assigned",
      "complaint.resolved",
    ]);
  });
});
