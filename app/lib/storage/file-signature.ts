/**
 * What a file is, decided by its bytes alone: the name and the type the browser declared are
 * whatever the uploader chose, so neither counts. Four formats are accepted — PDF, JPEG, PNG,
 * WebP — and each is also checked for its end (PDF trailer, JPEG end-of-image, PNG IEND, WebP
 * RIFF length) where that is cheap, so a truncated or forged file is refused. Everything else
 * (SVG, HTML, HEIC, executables, archives) is unknown, on purpose.
 */
export const SNIFFED_TYPES = ["application/pdf", "image/jpeg", "image/png", "image/webp"] as const;
export type SniffedType = (typeof SNIFFED_TYPES)[number];

export type Identification =
  | { verdict: "ok"; contentType: SniffedType }
  /** It starts like one of the formats but its structure is broken or cut off. */
  | { verdict: "malformed"; contentType: SniffedType }
  | { verdict: "unknown" };

export function identifyContent(bytes: Uint8Array): Identification {
  for (const [contentType, check] of CHECKS) {
    const structure = check(bytes);
    if (structure === "not-this") continue;
    return structure === "whole" ? { verdict: "ok", contentType } : { verdict: "malformed", contentType };
  }
  return { verdict: "unknown" };
}

type Structure = "not-this" | "whole" | "broken";

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function startsWith(bytes: Uint8Array, prefix: Uint8Array, at = 0): boolean {
  if (bytes.length < at + prefix.length) return false;
  return prefix.every((b, i) => bytes[at + i] === b);
}

function lastIndexOf(bytes: Uint8Array, needle: Uint8Array, from: number): number {
  for (let i = bytes.length - needle.length; i >= from; i--) {
    if (startsWith(bytes, needle, i)) return i;
  }
  return -1;
}

const byteAt = (bytes: Uint8Array, i: number) => bytes[i] ?? 0;
const u32be = (b: Uint8Array, i: number) =>
  ((byteAt(b, i) << 24) | (byteAt(b, i + 1) << 16) | (byteAt(b, i + 2) << 8) | byteAt(b, i + 3)) >>> 0;
const u32le = (b: Uint8Array, i: number) =>
  (byteAt(b, i) | (byteAt(b, i + 1) << 8) | (byteAt(b, i + 2) << 16) | (byteAt(b, i + 3) << 24)) >>> 0;
const fourCC = (b: Uint8Array, i: number) => String.fromCharCode(...b.subarray(i, i + 4));

// ——— PDF ———
const PDF_HEADER = ascii("%PDF-");
const PDF_EOF = ascii("%%EOF");
/** Readers look for the trailer in the last kilobyte; so do we. */
const PDF_TRAILER_WINDOW = 1024;

function pdf(bytes: Uint8Array): Structure {
  // The header at byte 0 exactly: readers tolerate junk before it, which is how HTML/PDF polyglots work.
  if (!startsWith(bytes, PDF_HEADER)) return "not-this";
  const version = String.fromCharCode(...bytes.subarray(5, 8));
  if (!/^[12]\.\d$/.test(version)) return "broken";
  const from = Math.max(0, bytes.length - PDF_TRAILER_WINDOW);
  return lastIndexOf(bytes, PDF_EOF, from) >= 0 ? "whole" : "broken";
}

// ——— JPEG: walk the segments to the end-of-image marker ———
const EOI = 0xd9;
const SOS = 0xda;
const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;

function jpeg(bytes: Uint8Array): Structure {
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) return "not-this";
  let i = 2;
  let scanned = false;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) return "broken";
    while (bytes[i] === 0xff) i++; // fill bytes before a marker
    if (i >= bytes.length) return "broken";
    const marker = byteAt(bytes, i);
    i++;
    // Bytes after the end-of-image (camera trailers, motion photos) are never decoded as the image.
    if (marker === EOI) return scanned ? "whole" : "broken";
    if (marker === 0x01 || isRestart(marker)) continue;
    if (marker === 0x00 || i + 2 > bytes.length) return "broken";
    const length = (byteAt(bytes, i) << 8) | byteAt(bytes, i + 1);
    if (length < 2) return "broken";
    i += length;
    if (i > bytes.length) return "broken";
    if (marker === SOS) {
      scanned = true;
      // Entropy-coded data: a 0xFF in it is followed by 0x00 (stuffing) or a restart marker.
      while (i < bytes.length) {
        if (bytes[i] === 0xff && i + 1 < bytes.length) {
          const next = byteAt(bytes, i + 1);
          if (next !== 0x00 && !isRestart(next)) break;
        }
        i++;
      }
      if (i + 1 >= bytes.length) return "broken";
    }
  }
  return "broken";
}

// ——— PNG: walk the chunks from IHDR to IEND ———
const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
const PNG_MAX_CHUNK = 0x7fffffff;

function png(bytes: Uint8Array): Structure {
  if (!startsWith(bytes, PNG_SIGNATURE)) return "not-this";
  let i = PNG_SIGNATURE.length;
  let first = true;
  let sawData = false;
  while (i + 8 <= bytes.length) {
    const length = u32be(bytes, i);
    const type = fourCC(bytes, i + 4);
    if (length > PNG_MAX_CHUNK || !/^[A-Za-z]{4}$/.test(type)) return "broken";
    if (first && type !== "IHDR") return "broken";
    first = false;
    const end = i + 8 + length + 4; // length, type, data, CRC
    if (end > bytes.length) return "broken";
    if (type === "IDAT") sawData = true;
    if (type === "IEND") return sawData ? "whole" : "broken";
    i = end;
  }
  return "broken";
}

// ——— WebP: a RIFF container whose declared length the file must hold ———
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const VP8_FRAME_START = Uint8Array.of(0x9d, 0x01, 0x2a);
const VP8L_SIGNATURE = 0x2f;

function webp(bytes: Uint8Array): Structure {
  if (!startsWith(bytes, RIFF) || !startsWith(bytes, WEBP, 8)) return "not-this";
  const riffEnd = 8 + u32le(bytes, 4);
  if (riffEnd > bytes.length || riffEnd < 20) return "broken";
  const chunks: string[] = [];
  let i = 12;
  while (i < riffEnd) {
    if (i + 8 > riffEnd) return "broken";
    const type = fourCC(bytes, i);
    const size = u32le(bytes, i + 4);
    const dataEnd = i + 8 + size;
    if (dataEnd > riffEnd) return "broken";
    if (type === "VP8 " && !startsWith(bytes, VP8_FRAME_START, i + 8 + 3)) return "broken";
    if (type === "VP8L" && bytes[i + 8] !== VP8L_SIGNATURE) return "broken";
    chunks.push(type);
    i = dataEnd + (size % 2); // chunks are padded to an even length
  }
  const [head] = chunks;
  if (head !== "VP8 " && head !== "VP8L" && head !== "VP8X") return "broken";
  return chunks.some((c) => c === "VP8 " || c === "VP8L" || c === "ANMF") ? "whole" : "broken";
}

const CHECKS: [SniffedType, (bytes: Uint8Array) => Structure][] = [
  ["application/pdf", pdf],
  ["image/jpeg", jpeg],
  ["image/png", png],
  ["image/webp", webp],
];

/** The extension a sniffed type is saved and offered under. */
export const EXTENSION_OF: Record<SniffedType, string> = {
  "application/pdf": "pdf",
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
};
