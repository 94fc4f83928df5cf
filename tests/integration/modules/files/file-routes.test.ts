import { rm } from "node:fs/promises";
import type { Prisma } from "~/generated/prisma/client.ts";
import { createSession } from "~/modules/identity/session.server";
import { storeUpload } from "~/modules/registry/files.server";
import type { FilePurpose } from "~/modules/registry/files-purposes";
import type { ActingScope } from "~/modules/registry/filing.server";
import { loader as coachPhotoLoader } from "~/routes/coach-photos.$fileId";
import { loader as fileLoader } from "~/routes/files.$fileId";
import { stableId } from "../../../../prisma/seed/stable-id";
import { fileOf, samplePdf, samplePng } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { getRequest, loadContext, settle } from "../../../support/remix-calls";

// The uploads of this file go to a directory of its own (read by the env on first use).
const storageDir = await vi.hoisted(async () => {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(`${tmpdir()}/tipei-file-routes-`);
  process.env.STORAGE_BACKEND = "local";
  process.env.STORAGE_DIR = dir;
  return dir;
});

const owner = ownerClient();
const XIHU_SWIM = stableId("institution", "xihu-swim");
const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");
const BINJIANG_CHESS = stableId("institution", "binjiang-chess");
const user = (email: string) => stableId("user", `${email}@tipei.example`);
const asMember = (email: string): ActingScope => ({ userId: user(email), authorityId: null, platform: false });
const PLATFORM: ActingScope = { userId: user("admin"), authorityId: null, platform: true };

const cookies = new Map<string, string>();
const PEOPLE = [
  "xihu.swim",
  "xihu.swim.staff",
  "hangzhou.admin",
  "xihu.inspector",
  "zhejiang.admin",
  "admin",
  "ningbo.admin",
  "yinzhou.inspector",
  "yinzhou.football",
  "parent",
] as const;
type Person = (typeof PEOPLE)[number];

const pdf = samplePdf();
const png = samplePng();
let licenceId: string;
let photoId: string;
let foreignPhotoId: string;
let unregisteredPhotoId: string;

async function upload(scope: ActingScope, institutionId: string, purpose: FilePurpose, file: File) {
  const result = await storeUpload(scope, { institutionId, purpose, file });
  if (!result.ok) throw new Error(result.error);
  return result.fileId;
}

function profileShowing(coachPhotoIds: string[]): Prisma.InputJsonValue {
  return {
    version: 1,
    name: "机构",
    coaches: coachPhotoIds.map((photoFileId, i) => ({ id: `coach-${i}`, name: "教练", photoFileId, certificates: [] })),
  };
}

beforeAll(async () => {
  await seedDemoData();
  for (const person of PEOPLE) {
    const setCookie = await createSession(user(person), { ip: null, userAgent: null });
    cookies.set(person, setCookie.split(";")[0] ?? "");
  }
  licenceId = await upload(asMember("xihu.swim"), XIHU_SWIM, "businessLicense", fileOf(pdf, "营业执照 (副本).pdf"));
  photoId = await upload(asMember("xihu.swim"), XIHU_SWIM, "coachPhoto", fileOf(png, "陈浩.png"));
  foreignPhotoId = await upload(asMember("yinzhou.football"), YINZHOU_FOOTBALL, "coachPhoto", fileOf(png, "x.png"));
  unregisteredPhotoId = await upload(PLATFORM, BINJIANG_CHESS, "coachPhoto", fileOf(png, "y.png"));
  // Xihu swim is registered and shows its coach photo — and, wrongly, its licence as a photo;
  // Yinzhou football is registered and names Xihu's licence id as its coach's photo.
  await owner.institution.update({
    where: { id: XIHU_SWIM },
    data: { registrationNo: "330106-2026-0001", publicProfile: profileShowing([photoId, licenceId]) },
  });
  await owner.institution.update({
    where: { id: YINZHOU_FOOTBALL },
    data: { registrationNo: "330212-2026-0001", publicProfile: profileShowing([licenceId, foreignPhotoId]) },
  });
  // Binjiang chess shows a photo but is not registered (a draft).
  await owner.institution.update({
    where: { id: BINJIANG_CHESS },
    data: { publicProfile: profileShowing([unregisteredPhotoId]) },
  });
});
afterAll(async () => {
  await owner.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

async function download(fileId: string, person: Person | null, method: "GET" | "HEAD" = "GET") {
  const request = new Request(`http://localhost/files/${fileId}`, {
    method,
    headers: person ? { Cookie: cookies.get(person) ?? "" } : {},
  });
  return (await settle(() => fileLoader({ request, params: { fileId }, context: loadContext() }))) as Response;
}

async function photo(fileId: string) {
  return (await settle(() =>
    coachPhotoLoader({ request: getRequest(`/coach-photos/${fileId}`), params: { fileId }, context: loadContext() }),
  )) as Response;
}

const bodyOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe("GET /files/:fileId", () => {
  it("streams the file to a member of the institution, with headers that keep it inert and private", async () => {
    const response = await download(licenceId, "xihu.swim");
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "application/pdf",
      "content-length": String(pdf.length),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": "sandbox",
      "content-disposition":
        "inline; filename=\"____ (__).pdf\"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29.pdf",
    });
    expect(await bodyOf(response)).toEqual(pdf);
  });

  it.each([
    ["the institution's staff", "xihu.swim.staff"],
    ["the city's regulator admin (Hangzhou, above Xihu)", "hangzhou.admin"],
    ["the district's inspector (Xihu)", "xihu.inspector"],
    ["the province's regulator admin", "zhejiang.admin"],
    ["a platform admin", "admin"],
  ] as const)("lets %s read it", async (_who, person) => {
    const response = await download(licenceId, person);
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual(pdf);
  });

  it.each([
    ["another city's regulator (Ningbo)", "ningbo.admin"],
    ["another district's inspector (Yinzhou)", "yinzhou.inspector"],
    ["another institution's admin", "yinzhou.football"],
    ["a parent", "parent"],
  ] as const)("answers 404 to %s, as for a file that does not exist", async (_who, person) => {
    expect((await download(licenceId, person)).status).toBe(404);
  });

  it("answers 404 for an unknown id and a malformed one", async () => {
    expect((await download("00000000-0000-4000-8000-000000000000", "admin")).status).toBe(404);
    expect((await download("../../etc/passwd", "admin")).status).toBe(404);
    expect((await download("not-a-uuid", "xihu.swim")).status).toBe(404);
  });

  it("sends anonymous visitors to sign in, whatever the id (so the answer says nothing about the file)", async () => {
    for (const id of [licenceId, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      const response = await download(id, null);
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent(`/files/${id}`)}`);
    }
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await download(licenceId, "xihu.swim", "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(pdf.length));
    expect(response.body).toBeNull();
  });

  it("offers a file under the extension of what it really is", async () => {
    const id = await upload(asMember("xihu.swim"), XIHU_SWIM, "certificateScan", fileOf(png, "scan.html"));
    const response = await download(id, "xihu.swim");
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toBe(
      "inline; filename=\"scan.html.png\"; filename*=UTF-8''scan.html.png",
    );
  });
});

describe("GET /coach-photos/:fileId", () => {
  it("serves a coach photo a registered institution shows on its public profile, to anyone, cacheably", async () => {
    const response = await photo(photoId);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "content-type": "image/png",
      "cache-control": "public, max-age=86400",
      "x-content-type-options": "nosniff",
      "content-security-policy": "sandbox",
      // The uploader's file name (a coach's name) is not published.
      "content-disposition": "inline; filename=\"coach-photo.png\"; filename*=UTF-8''coach-photo.png",
    });
    expect(await bodyOf(response)).toEqual(png);
  });

  it("answers 404 for a document, even one a profile lists as a coach photo", async () => {
    expect((await photo(licenceId)).status).toBe(404);
  });

  it("answers 404 for a photo of an institution that is not registered", async () => {
    expect((await photo(unregisteredPhotoId)).status).toBe(404);
  });

  it("answers 404 for a coach photo no profile shows, and for unknown or malformed ids", async () => {
    const hidden = await upload(asMember("xihu.swim"), XIHU_SWIM, "coachPhoto", fileOf(png, "new.png"));
    expect((await photo(hidden)).status).toBe(404);
    expect((await photo("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await photo("not-a-uuid")).status).toBe(404);
  });

  it("serves another registered institution's own coach photo", async () => {
    expect((await photo(foreignPhotoId)).status).toBe(200);
  });

  it("stops serving a photo once the profile no longer shows it", async () => {
    await owner.institution.update({ where: { id: YINZHOU_FOOTBALL }, data: { publicProfile: profileShowing([]) } });
    expect((await photo(foreignPhotoId)).status).toBe(404);
  });
});
