import { expect, test } from "./support/fixtures.ts";

test("POST /locale refuses a language the site does not offer", async ({ request }) => {
  const response = await request.post("/locale", { form: { lng: "fr", redirectTo: "/" }, maxRedirects: 0 });
  expect(response.status()).toBe(400);
  expect(await response.json()).toEqual({ error: "unknown language" });
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

for (const redirectTo of ["//evil.example", "https://evil.example/", "/\\evil.example"]) {
  test(`POST /locale does not redirect off the site (redirectTo=${redirectTo})`, async ({ request }) => {
    const response = await request.post("/locale", { form: { lng: "en", redirectTo }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe("/");
    expect(response.headers()["set-cookie"]).toMatch(/^lng=/);
  });
}

test("POST /locale returns to the page it came from", async ({ request }) => {
  const response = await request.post("/locale", {
    form: { lng: "en", redirectTo: "/no-such-page?x=1" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
  expect(response.headers().location).toBe("/no-such-page?x=1");
  const cookie = response.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/^lng=/);
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
});
