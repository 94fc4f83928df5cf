import { createHash } from "node:crypto";
import { inspectUpload } from "~/lib/storage/inspect-upload.server";
import { MAX_DOCUMENT_BYTES, MAX_PHOTO_BYTES, UPLOAD_RULES } from "~/modules/registry/files-purposes";
import {
  fileOf,
  jpegWithoutEoi,
  pngWithoutIend,
  sampleExecutable,
  sampleHtml,
  samplePdf,
  samplePng,
  sampleWebp,
} from "../../../fixtures/sample-files";

const documents = UPLOAD_RULES.document;
const photos = UPLOAD_RULES.photo;

/** A file whose size the browser does not declare: only reading it finds the size. */
function streamedFile(chunks: number, chunkSize: number): Blob {
  const chunk = new Uint8Array(chunkSize);
  const blob = new Blob([]);
  let sent = 0;
  let pulled = 0;
  Object.defineProperty(blob, "stream", {
    value: () =>
      new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === chunks) return controller.close();
          sent++;
          pulled += chunkSize;
          controller.enqueue(chunk);
        },
      }),
  });
  Object.defineProperty(blob, "pulled", { get: () => pulled });
  return blob;
}

describe("inspecting an upload", () => {
  it("keeps the bytes, their size and sha256, and the type found in the content", async () => {
    const png = samplePng();
    const result = await inspectUpload(fileOf(png, "licence.pdf", "application/pdf"), documents);
    expect(result).toEqual({
      ok: true,
      upload: {
        bytes: png,
        sizeBytes: png.length,
        sha256: createHash("sha256").update(png).digest("hex"),
        contentType: "image/png",
      },
    });
  });

  it("refuses an empty file", async () => {
    expect(await inspectUpload(fileOf(new Uint8Array(), "empty.pdf"), documents)).toEqual({
      ok: false,
      problem: "empty",
    });
  });

  it("refuses a document over 10 MB and a photo over 5 MB, and takes one of exactly the limit", async () => {
    const padded = (size: number) => {
      const pdf = samplePdf();
      const file = new Uint8Array(size);
      file.set(pdf.subarray(0, 9));
      file.set(pdf.subarray(9), size - (pdf.length - 9));
      return file;
    };
    expect(MAX_DOCUMENT_BYTES).toBe(10 * 1024 * 1024);
    expect(MAX_PHOTO_BYTES).toBe(5 * 1024 * 1024);
    expect(await inspectUpload(fileOf(padded(MAX_DOCUMENT_BYTES + 1), "big.pdf"), documents)).toEqual({
      ok: false,
      problem: "tooLarge",
    });
    expect((await inspectUpload(fileOf(padded(MAX_DOCUMENT_BYTES), "big.pdf"), documents)).ok).toBe(true);
    expect(await inspectUpload(fileOf(new Uint8Array(MAX_PHOTO_BYTES + 1), "big.png"), photos)).toEqual({
      ok: false,
      problem: "tooLarge",
    });
  });

  it("stops reading a file as soon as it passes the limit", async () => {
    const file = streamedFile(100, 1024 * 1024);
    expect(await inspectUpload(file, photos)).toEqual({ ok: false, problem: "tooLarge" });
    expect((file as Blob & { pulled: number }).pulled).toBeLessThanOrEqual(MAX_PHOTO_BYTES + 2 * 1024 * 1024);
  });

  it("refuses a renamed executable and an HTML page called .pdf", async () => {
    expect(await inspectUpload(fileOf(sampleExecutable(), "licence.pdf", "application/pdf"), documents)).toEqual({
      ok: false,
      problem: "type",
    });
    expect(await inspectUpload(fileOf(sampleHtml(), "licence.pdf", "application/pdf"), documents)).toEqual({
      ok: false,
      problem: "type",
    });
  });

  it("refuses a PDF as a photo but takes a WebP", async () => {
    expect(await inspectUpload(fileOf(samplePdf(), "photo.jpg", "image/jpeg"), photos)).toEqual({
      ok: false,
      problem: "type",
    });
    expect(await inspectUpload(fileOf(sampleWebp(), "photo.webp"), photos)).toMatchObject({
      ok: true,
      upload: { contentType: "image/webp" },
    });
  });

  it("refuses truncated images as malformed", async () => {
    expect(await inspectUpload(fileOf(pngWithoutIend(), "scan.png"), documents)).toEqual({
      ok: false,
      problem: "malformed",
    });
    expect(await inspectUpload(fileOf(jpegWithoutEoi(), "photo.jpg"), photos)).toEqual({
      ok: false,
      problem: "malformed",
    });
  });
});
