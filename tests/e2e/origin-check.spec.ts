import { expect, test } from "@playwright/test";
import { baseURLFromEnvironment } from "./support/e2e-environment.ts";

// Cross-site posts never reach an action: the same form that works from the site is refused
// when it comes from elsewhere.
const FORM = { lng: "en", redirectTo: "/" };

test("a post from the app's own origin goes through", async ({ request }) => {
  const response = await request.post(`${baseURLFromEnvironment()}/locale`, {
    form: FORM,
    headers: { Origin: baseURLFromEnvironment() },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
});

for (const [label, headers] of [
  ["a foreign Origin", { Origin: "https://evil.example" }],
  ["a foreign Referer and no Origin", { Referer: "https://evil.example/page" }],
  ["a cross-site fetch with neither", { "Sec-Fetch-Site": "cross-site" }],
  ["Origin null (sandboxed frame)", { Origin: "null" }],
] as const) {
  test(`a post with ${label} is refused with 403 and a localized message`, async ({ request }) => {
    const response = await request.post(`${baseURLFromEnvironment()}/login`, {
      form: { email: "hangzhou.admin@tipei.example", password: "Tipei-Demo-2026!" },
      headers,
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("跨站请求已被拒绝");
    expect(response.headers()["set-cookie"]).toBeUndefined();
  });
}
