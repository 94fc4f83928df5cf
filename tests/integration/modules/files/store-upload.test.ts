import { createHash } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { assertStorageKey } from "~/lib/storage/storage";
import { getStorage } from "~/lib/storage/storage-backend.server";
import { storeUpload, UploadInstitutionNotFound } from "~/modules/registry/files.server";
import { MAX_PHOTO_BYTES } from "~/modules/registry/files-purposes";
import type { ActingScope } from "~/modules/registry/filing.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { fileOf, jpegWithoutEoi, sampleHtml, samplePdf, samplePng } from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";

// The uploads of this file go to a directory of its own (read by the env on first use).
const storageDir = await vi.hoisted(async () => {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(`${tmpdir()}/tipei-uploads-`);
  process.env.STORAGE_BACKEND = "local";
  process.env.STORAGE_DIR = dir;
  return dir;
});

const owner = ownerClient();
beforeAll(seedDemoData);
afterAll(async () => {
  await owner.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

const XIHU_SWIM = stableId("institution", "xihu-swim");
const XIHU = stableId("authority", "330106");
const member: ActingScope = {
  userId: stableId("user", "xihu.swim@tipei.example"),
  authorityId: null,
  platform: false,
};
const foreignMember: ActingScope = {
  userId: stableId("user", "yinzhou.football@tipei.example"),
  authorityId: null,
  platform: false,
};

/** Every object file under the storage directory (temporary files included). */
async function objectsOnDisk(): Promise<string[]> {
  const entries = await readdir(storageDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

describe("storing an upload", () => {
  it("records the file with its sha256, the type found in its content and the institution's authority, audited", async () => {
    const pdf = samplePdf();
    // Declared as a PNG by the browser: the content decides.
    const result = await storeUpload(member, {
      institutionId: XIHU_SWIM,
      purpose: "businessLicense",
      file: fileOf(pdf, "营业执照.pdf", "image/png"),
    });
    if (!result.ok) throw new Error(result.error);
    const row = await owner.storedFile.findUniqueOrThrow({ where: { id: result.fileId } });
    expect(row).toMatchObject({
      authorityId: XIHU,
      institutionId: XIHU_SWIM,
      purpose: "businessLicense",
      originalName: "营业执照.pdf",
      contentType: "application/pdf",
      sizeBytes: pdf.length,
      sha256: createHash("sha256").update(pdf).digest("hex"),
      uploadedById: member.userId,
    });
    const object = await getStorage().get(assertStorageKey(row.storageKey));
    expect(object && new Uint8Array(await new Response(object.body).arrayBuffer())).toEqual(pdf);
    const audit = await owner.auditEvent.findFirstOrThrow({
      where: { action: "registry.file.uploaded", entityId: result.fileId },
    });
    expect(audit).toMatchObject({ authorityId: XIHU, actorUserId: member.userId, entityType: "stored_file" });
    expect(audit.after).toMatchObject({ purpose: "businessLicense", sha256: row.sha256, sizeBytes: pdf.length });
    expect(JSON.stringify(audit.after)).not.toContain("营业执照");
  });

  it("gives each upload its own random key, even for the same bytes", async () => {
    const upload = () =>
      storeUpload(member, { institutionId: XIHU_SWIM, purpose: "coachPhoto", file: fileOf(samplePng(), "a.png") });
    const [a, b] = await Promise.all([upload(), upload()]);
    if (!a?.ok || !b?.ok) throw new Error("refused");
    const rows = await owner.storedFile.findMany({ where: { id: { in: [a.fileId, b.fileId] } } });
    expect(new Set(rows.map((r) => r.storageKey)).size).toBe(2);
    expect(new Set(rows.map((r) => r.sha256)).size).toBe(1);
  });

  it.each([
    [
      "an HTML page called .pdf",
      "businessLicense",
      fileOf(sampleHtml(), "licence.pdf", "application/pdf"),
      "validation.upload.type",
    ],
    [
      "a PDF as a coach photo",
      "coachPhoto",
      fileOf(samplePdf(), "photo.jpg", "image/jpeg"),
      "validation.upload.photoType",
    ],
    ["a truncated JPEG", "certificateScan", fileOf(jpegWithoutEoi(), "scan.jpg"), "validation.upload.malformed"],
    ["an empty file", "venueLease", fileOf(new Uint8Array(), "lease.pdf"), "validation.upload.empty"],
    [
      "a photo over 5 MB",
      "coachPhoto",
      fileOf(new Uint8Array(MAX_PHOTO_BYTES + 1), "big.jpg"),
      "validation.upload.photoTooLarge",
    ],
  ] as const)("refuses %s with a message for the form, writing nothing", async (_name, purpose, file, error) => {
    const before = await objectsOnDisk();
    const rows = await owner.storedFile.count();
    expect(await storeUpload(member, { institutionId: XIHU_SWIM, purpose, file })).toEqual({ ok: false, error });
    expect(await owner.storedFile.count()).toBe(rows);
    expect(await objectsOnDisk()).toEqual(before);
  });

  it("refuses an institution the uploader is not a member of, leaving no bytes behind", async () => {
    const before = await objectsOnDisk();
    await expect(
      storeUpload(foreignMember, {
        institutionId: XIHU_SWIM,
        purpose: "businessLicense",
        file: fileOf(samplePdf(), "x.pdf"),
      }),
    ).rejects.toBeInstanceOf(UploadInstitutionNotFound);
    await expect(
      storeUpload(member, {
        institutionId: "not-a-uuid",
        purpose: "businessLicense",
        file: fileOf(samplePdf(), "x.pdf"),
      }),
    ).rejects.toBeInstanceOf(UploadInstitutionNotFound);
    expect(await objectsOnDisk()).toEqual(before);
  });

  it("removes the stored bytes when the row cannot be written: no orphan, no half record", async () => {
    await owner.$executeRawUnsafe(`CREATE FUNCTION test_refuse_stored_file() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'stored_file refused by the test'; END $$`);
    await owner.$executeRawUnsafe(
      `CREATE TRIGGER test_refuse_stored_file BEFORE INSERT ON stored_file FOR EACH ROW EXECUTE FUNCTION test_refuse_stored_file()`,
    );
    try {
      const before = await objectsOnDisk();
      const rows = await owner.storedFile.count();
      const audits = await owner.auditEvent.count({ where: { action: "registry.file.uploaded" } });
      const put = vi.spyOn(getStorage(), "put");
      const remove = vi.spyOn(getStorage(), "delete");
      await expect(
        storeUpload(member, {
          institutionId: XIHU_SWIM,
          purpose: "insurancePolicy",
          file: fileOf(samplePdf(), "p.pdf"),
        }),
      ).rejects.toThrow(/stored_file refused by the test/);
      // The bytes were written, then removed under the same key.
      expect(put).toHaveBeenCalledTimes(1);
      expect(remove).toHaveBeenCalledWith(put.mock.calls[0]?.[0]);
      put.mockRestore();
      remove.mockRestore();
      expect(await objectsOnDisk()).toEqual(before);
      expect(await owner.storedFile.count()).toBe(rows);
      expect(await owner.auditEvent.count({ where: { action: "registry.file.uploaded" } })).toBe(audits);
    } finally {
      await owner.$executeRawUnsafe("DROP TRIGGER test_refuse_stored_file ON stored_file");
      await owner.$executeRawUnsafe("DROP FUNCTION test_refuse_stored_file()");
    }
  });

  it("keeps a clean original name: no path, no control characters, a fallback when there is none", async () => {
    const named = async (name: string) => {
      const result = await storeUpload(member, {
        institutionId: XIHU_SWIM,
        purpose: "venueLease",
        file: fileOf(samplePdf(), name),
      });
      if (!result.ok) throw new Error(result.error);
      return (await owner.storedFile.findUniqueOrThrow({ where: { id: result.fileId } })).originalName;
    };
    expect(await named("C:\\fakepath\\租赁合同.pdf")).toBe("租赁合同.pdf");
    expect(await named("evil\u202egnp.pdf")).toBe("evilgnp.pdf");
    expect(await named("")).toBe("venueLease.pdf");
  });
});
