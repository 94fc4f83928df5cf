import { randomUUID } from "node:crypto";
import { readdir, rm } from "node:fs/promises";
import { messagesFor } from "~/lib/i18n/catalog";
import { MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES } from "~/modules/registry/files-purposes";
import { action as startAction } from "~/routes/org.$institutionId._index";
import { action as documentsAction } from "~/routes/org.$institutionId.filing.documents";
import { action as staffAction } from "~/routes/org.$institutionId.filing.staff";
import { stableId } from "../../../../prisma/seed/stable-id";
import {
  fileOf,
  jpegWithoutEoi,
  pdfWithoutEof,
  pngWithoutIend,
  sampleElf,
  sampleExecutable,
  sampleHtml,
  sampleJpeg,
  samplePdf,
  samplePng,
} from "../../../fixtures/sample-files";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { formRequest, loadContext, outcome, settle } from "../../../support/remix-calls";
import { sessionCookie } from "../../../support/session-cookie";

// Through the filing wizard's two upload forms (documents, and a coach's photo), every kind of bad
// file: oversized, executables renamed as a document or a photo, a type the name or the declared
// Content-Type lies about, and files cut short. Each is refused with a field error whose message
// exists in both languages, and nothing is written: no stored_file row, no bytes in the storage,
// no change to the draft.

const storageDir = await vi.hoisted(async () => {
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const dir = await mkdtemp(`${tmpdir()}/tipei-refusals-`);
  process.env.STORAGE_BACKEND = "local";
  process.env.STORAGE_DIR = dir;
  return dir;
});

const owner = ownerClient();
const INSTITUTION = stableId("institution", "xihu-swim");
const base = `/org/${INSTITUTION}/filing`;
let admin: string;

beforeAll(async () => {
  await seedDemoData();
  admin = await sessionCookie("xihu.swim@tipei.example");
  const started = await post(startAction, `/org/${INSTITUTION}`, { kind: "INITIAL" });
  expect(started.status).toBe(302);
});
afterAll(async () => {
  await owner.$disconnect();
  await rm(storageDir, { recursive: true, force: true });
});

type Action = (args: {
  request: Request;
  context: ReturnType<typeof loadContext>;
  params: Record<string, string>;
}) => Promise<unknown>;

async function post(action: Action, path: string, fields: Record<string, string>, files: Record<string, File> = {}) {
  return outcome(
    await settle(() =>
      action({
        request: formRequest(path, fields, admin, files),
        context: loadContext(),
        params: { institutionId: INSTITUTION },
      }),
    ),
  );
}

async function storedObjects(dir = storageDir): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await storedObjects(full)));
    else found.push(full);
  }
  return found;
}

async function written() {
  const filing = await owner.filing.findFirstOrThrow({ where: { institutionId: INSTITUTION } });
  return {
    files: await owner.storedFile.count(),
    objects: (await storedObjects()).length,
    draft: JSON.stringify(filing.draft),
  };
}

/** A valid PDF padded to `size` bytes (header first, trailer last). */
function pdfOfSize(size: number): Uint8Array {
  const pdf = samplePdf();
  const file = new Uint8Array(size);
  file.set(pdf.subarray(0, 9));
  file.set(pdf.subarray(9), size - (pdf.length - 9));
  return file;
}

/** A valid JPEG padded past `size` bytes with a comment segment's worth of filler after its end. */
function jpegOfSize(size: number): Uint8Array {
  const jpeg = sampleJpeg();
  const file = new Uint8Array(size);
  file.set(jpeg);
  return file;
}

const documents = (file: File) =>
  post(documentsAction, `${base}/documents`, { insuranceExpiresOn: "2027-06-30" }, { businessLicense: file });
const coachPhoto = (file: File) =>
  post(staffAction, `${base}/staff`, { id: randomUUID(), name: "陈浩", fullTime: "on" }, { photo: file });

const CASES: { label: string; send: () => ReturnType<typeof post>; field: string; error: string; status?: number }[] = [
  {
    label: "a Linux executable named .pdf",
    send: () => documents(fileOf(sampleElf(), "营业执照.pdf", "application/pdf")),
    field: "businessLicense",
    error: "validation.upload.type",
  },
  {
    label: "a Windows executable named .pdf",
    send: () => documents(fileOf(sampleExecutable(), "营业执照.pdf", "application/pdf")),
    field: "businessLicense",
    error: "validation.upload.type",
  },
  {
    label: "an HTML page named .pdf",
    send: () => documents(fileOf(sampleHtml(), "营业执照.pdf", "application/pdf")),
    field: "businessLicense",
    error: "validation.upload.type",
  },
  {
    label: "a PDF cut short",
    send: () => documents(fileOf(pdfWithoutEof(), "营业执照.pdf", "application/pdf")),
    field: "businessLicense",
    error: "validation.upload.malformed",
  },
  {
    label: "a PNG cut short",
    send: () => documents(fileOf(pngWithoutIend(), "营业执照.png", "image/png")),
    field: "businessLicense",
    error: "validation.upload.malformed",
  },
  {
    label: "an empty document",
    send: () => documents(fileOf(new Uint8Array(), "营业执照.pdf", "application/pdf")),
    field: "businessLicense",
    error: "validation.upload.empty",
  },
  {
    label: "a document over 10 MB",
    send: () => documents(fileOf(pdfOfSize(MAX_DOCUMENT_BYTES + 1), "营业执照.pdf", "application/pdf")),
    field: "businessLicense",
    error: "validation.upload.tooLarge",
    status: 413,
  },
  {
    label: "a Linux executable named .jpg",
    send: () => coachPhoto(fileOf(sampleElf(), "陈浩.jpg", "image/jpeg")),
    field: "photo",
    error: "validation.upload.photoType",
  },
  {
    label: "a Windows executable named .jpg",
    send: () => coachPhoto(fileOf(sampleExecutable(), "陈浩.jpg", "image/jpeg")),
    field: "photo",
    error: "validation.upload.photoType",
  },
  {
    label: "a PDF sent as a PNG photo (type spoofed)",
    send: () => coachPhoto(fileOf(samplePdf(), "陈浩.png", "image/png")),
    field: "photo",
    error: "validation.upload.photoType",
  },
  {
    label: "a JPEG cut short",
    send: () => coachPhoto(fileOf(jpegWithoutEoi(), "陈浩.jpg", "image/jpeg")),
    field: "photo",
    error: "validation.upload.malformed",
  },
  {
    label: "a photo over 5 MB",
    send: () => coachPhoto(fileOf(jpegOfSize(MAX_PHOTO_BYTES + 1), "陈浩.jpg", "image/jpeg")),
    field: "photo",
    error: "validation.upload.photoTooLarge",
    status: 413,
  },
];

describe("a refused upload", () => {
  it.each(CASES)("refuses $label with a localized field error, writing nothing", async (c) => {
    const before = await written();
    const answer = await c.send();
    const body = answer.body as { fieldErrors?: Record<string, string[]> };
    const errors = body.fieldErrors?.[c.field] ?? [];
    // An oversized part may be stopped by the request limits (413) or by the upload check (400).
    expect([400, c.status ?? 400]).toContain(answer.status);
    expect(errors.length, JSON.stringify(answer.body)).toBeGreaterThan(0);
    if (answer.status === 400) expect(errors).toEqual([c.error]);
    for (const key of errors) {
      const zh = messagesFor("zh-CN")[key as keyof ReturnType<typeof messagesFor>];
      const en = messagesFor("en")[key as keyof ReturnType<typeof messagesFor>];
      expect(zh, key).toMatch(/[\u4e00-\u9fff]/);
      expect(en, key).toMatch(/[A-Za-z]/);
    }
    expect(await written()).toEqual(before);
  });
});

describe("a file whose name and declared type lie", () => {
  it("is kept as what its bytes are: PNG bytes named .pdf and sent as application/pdf are a PNG", async () => {
    const before = await written();
    const answer = await documents(fileOf(samplePng(), "营业执照.pdf", "application/pdf"));
    expect(answer.status).toBe(302);
    const stored = await owner.storedFile.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(stored).toMatchObject({ contentType: "image/png", purpose: "businessLicense" });
    expect((await written()).files).toBe(before.files + 1);
  });
});
