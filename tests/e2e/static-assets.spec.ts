import { expect, test } from "./support/fixtures.ts";

test("fingerprinted assets under /build/ are cached for a year as immutable", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/build\/[^"]+-[A-Z0-9]{8}\.(?:js|css))"/g)].map((m) => m[1]);
  expect(assets.length, "the home page should reference fingerprinted scripts and styles").toBeGreaterThan(0);
  expect(assets.some((asset) => asset?.endsWith(".css"))).toBe(true);

  for (const asset of new Set(assets)) {
    const response = await request.get(asset ?? "");
    expect(response.status(), asset).toBe(200);
    const cacheControl = response.headers()["cache-control"] ?? "";
    expect(cacheControl, asset).toContain("immutable");
    expect(cacheControl, asset).toContain("max-age=31536000");
  }
});

test("files outside /build/ are not marked immutable", async ({ request }) => {
  const response = await request.get("/favicon.svg");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).not.toContain("immutable");
});
