import { EXTENSION_OF, type SniffedType } from "~/lib/storage/file-signature";

/**
 * The response headers of a served file. The content type is the one sniffed at upload (never
 * the uploader's claim), `nosniff` stops the browser from guessing another, and the `sandbox`
 * policy makes the file an opaque origin without scripts should a browser render it as a page.
 */
export type ServedFile = { originalName: string; contentType: string; sizeBytes: number };

export function privateFileHeaders(file: ServedFile): Headers {
  return new Headers({
    ...commonHeaders(file),
    "Content-Disposition": contentDisposition(file.originalName, file.contentType),
    // Documents of one institution: never in a shared cache, never kept by the browser.
    "Cache-Control": "private, no-store",
  });
}

/** A coach photo of the public registry (STF-04): anyone may fetch and cache it for a day. */
export function publicPhotoHeaders(file: ServedFile): Headers {
  return new Headers({
    ...commonHeaders(file),
    // The uploader's file name may hold a person's name: the public sees a neutral one.
    "Content-Disposition": contentDisposition("coach-photo", file.contentType),
    "Cache-Control": "public, max-age=86400",
  });
}

function commonHeaders(file: ServedFile): Record<string, string> {
  return {
    "Content-Type": file.contentType,
    "Content-Length": String(file.sizeBytes),
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
  };
}

/**
 * `inline` with the file's name, its extension made to match what the file really is (a PDF
 * uploaded as "x.html" is offered as "x.html.pdf"): an ASCII fallback for old clients and the
 * exact name RFC 5987-encoded.
 */
export function contentDisposition(originalName: string, contentType: string): string {
  const name = withTrueExtension(originalName, contentType);
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, "_");
  return `inline; filename="${fallback}"; filename*=UTF-8''${rfc5987(name)}`;
}

function withTrueExtension(name: string, contentType: string): string {
  const extension = EXTENSION_OF[contentType as SniffedType];
  if (!extension) return name;
  const accepted = extension === "jpg" ? ["jpg", "jpeg"] : [extension];
  const current = /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase();
  return current && accepted.includes(current) ? name : `${name}.${extension}`;
}

function rfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`,
  );
}
