import { createHash } from "node:crypto";
import { identifyContent, type SniffedType } from "./file-signature";

/**
 * Reads an uploaded file once: counts its bytes (stopping as soon as it is over the limit),
 * hashes it as it goes, then decides what it is by content. The bytes are kept because the
 * signature checks need the end of the file and the storage needs all of it; the limits keep
 * that to a few megabytes.
 */
export type UploadRule = { maxBytes: number; types: readonly SniffedType[] };

export type InspectedUpload = { bytes: Uint8Array; sizeBytes: number; sha256: string; contentType: SniffedType };
export type UploadProblem = "empty" | "tooLarge" | "type" | "malformed";

export async function inspectUpload(
  file: Blob,
  rule: UploadRule,
): Promise<{ ok: true; upload: InspectedUpload } | { ok: false; problem: UploadProblem }> {
  // A declared size over the limit needs no reading at all.
  if (file.size > rule.maxBytes) return { ok: false, problem: "tooLarge" };
  const hash = createHash("sha256");
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > rule.maxBytes) {
      await reader.cancel();
      return { ok: false, problem: "tooLarge" };
    }
    hash.update(value);
    chunks.push(value);
  }
  if (size === 0) return { ok: false, problem: "empty" };
  const bytes = concat(chunks, size);
  const identified = identifyContent(bytes);
  if (identified.verdict === "unknown" || !rule.types.includes(identified.contentType))
    return { ok: false, problem: "type" };
  if (identified.verdict === "malformed") return { ok: false, problem: "malformed" };
  return {
    ok: true,
    upload: { bytes, sizeBytes: size, sha256: hash.digest("hex"), contentType: identified.contentType },
  };
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
