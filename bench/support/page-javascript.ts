// The JavaScript a server-rendered page makes the browser load: every script Chromium fetches
// while it opens the page and hydrates it (modulepreload links, Remix's entry script, and the
// chunks those import on the way, such as the page language's messages), each fetched once and
// gzipped as the compression middleware would send it. A browser rather than a parse of the HTML:
// a chunk imported at run time is not in the HTML.
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";

const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

/** Gzip bytes (level 6, the middleware's default) of every script the page at `url` loads. */
export async function pageJavaScript(url: string): Promise<{ files: number; rawBytes: number; gzipBytes: number }> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const scripts = new Set<string>();
    page.on("request", (request) => {
      if (request.resourceType() === "script") scripts.add(request.url());
    });
    const answer = await page.goto(url, { waitUntil: "networkidle" });
    if (!answer?.ok()) throw new Error(`${url} answered ${answer?.status()}`);
    let rawBytes = 0;
    let gzipBytes = 0;
    for (const src of scripts) {
      const res = await fetch(src);
      if (!res.ok) throw new Error(`${src} answered ${res.status}`);
      const bytes = Buffer.from(await res.arrayBuffer());
      rawBytes += bytes.length;
      gzipBytes += gzipSync(bytes, { level: 6 }).length;
    }
    return { files: scripts.size, rawBytes, gzipBytes };
  } finally {
    await browser.close();
  }
}
