// The JavaScript a server-rendered page makes the browser load before it is interactive: the
// modulepreload links, script src attributes and the module imports of inline scripts (Remix's
// entry script), each fetched once and gzipped as the compression middleware would send it.
import { gzipSync } from "node:zlib";

export function scriptUrlsOf(html: string): string[] {
  const urls = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href) urls.add(href);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1] ?? "")?.[1];
    if (src) urls.add(src);
    for (const imp of (m[2] ?? "").matchAll(/\bimport\s*(?:[^"'()]*?\bfrom\s*)?["']([^"']+\.js)["']/g)) {
      if (imp[1]) urls.add(imp[1]);
    }
  }
  return [...urls];
}

/** Gzip bytes (level 6, the middleware's default) of every script the page at `url` loads. */
export async function pageJavaScript(url: string): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const page = await fetch(url);
  if (!page.ok) throw new Error(`${url} answered ${page.status}`);
  const urls = scriptUrlsOf(await page.text());
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const src of urls) {
    const res = await fetch(new URL(src, url));
    if (!res.ok) throw new Error(`${src} answered ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 6 }).length;
  }
  return { files: urls.length, rawBytes, gzipBytes };
}
