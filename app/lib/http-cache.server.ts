import { createHash } from "node:crypto";

/**
 * Validators for cacheable GET responses (the public API, QR codes).
 *
 * The ETag is WEAK (`W/"…"`): it is computed from the uncompressed body, and the Express
 * compression middleware may send that body gzip- or brotli-encoded without touching the ETag.
 * A strong ETag promises byte-identical representations, which a differently encoded body is
 * not; a weak one promises the same content, which is exactly what we know. If-None-Match uses
 * the weak comparison anyway (RFC 9110 §13.1.2), so caches still revalidate with a 304.
 */
export function weakEtagFor(body: string | Uint8Array): string {
  const digest = createHash("sha256").update(body).digest("base64url").slice(0, 27);
  return `W/"${digest}"`;
}

/** The entity tags of an If-None-Match header; `*` matches any current representation. */
export function entityTagsOf(header: string | null): { any: boolean; tags: string[] } {
  if (!header) return { any: false, tags: [] };
  if (header.trim() === "*") return { any: true, tags: [] };
  // An opaque tag may itself contain commas, so tags are matched whole rather than split on ",".
  const tags = [...header.matchAll(/(?:W\/)?"([^"]*)"/g)].map((m) => m[1] ?? "");
  return { any: false, tags };
}

/** Weak comparison: `W/"x"` and `"x"` are the same tag. */
export function ifNoneMatchHits(request: Request, etag: string): boolean {
  return ifNoneMatchHeaderHits(request.headers.get("If-None-Match"), etag);
}

/** The same, from the header's value (servers that do not build a Fetch `Request`). */
export function ifNoneMatchHeaderHits(header: string | null | undefined, etag: string): boolean {
  const { any, tags } = entityTagsOf(header ?? null);
  if (any) return true;
  const opaque = etag.replace(/^W\//, "").replace(/^"|"$/g, "");
  return tags.includes(opaque);
}

/**
 * A 200 with the body and its ETag, or a bodiless 304 when the client already holds it. The 304
 * repeats the headers a 200 would carry (Cache-Control, Vary, CORS) as RFC 9110 §15.4.5 asks.
 */
export function conditionalResponse(
  request: Request,
  body: string,
  init: { status?: number; headers: Record<string, string> },
): Response {
  const etag = weakEtagFor(body);
  const headers = new Headers(init.headers);
  headers.set("ETag", etag);
  if ((request.method === "GET" || request.method === "HEAD") && ifNoneMatchHits(request, etag)) {
    headers.delete("Content-Type");
    headers.delete("Content-Length");
    return new Response(null, { status: 304, headers });
  }
  return new Response(body, { status: init.status ?? 200, headers });
}
