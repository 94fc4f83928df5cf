import { expect, test } from "./support/fixtures.ts";

const NONCE_SOURCE = /'nonce-([A-Za-z0-9+/]+={0,2})'/;

function directive(policy: string, name: string): string {
  const found = policy.split(";").find((part) => part.trim().startsWith(`${name} `));
  if (!found) throw new Error(`no ${name} in Content-Security-Policy: ${policy}`);
  return found.trim();
}

test("the document's CSP carries a fresh nonce, and every script in the HTML has it", async ({ request }) => {
  const response = await request.get("/");
  expect(response.status()).toBe(200);
  const policy = response.headers()["content-security-policy"] ?? "";
  const scriptSrc = directive(policy, "script-src");
  const nonce = NONCE_SOURCE.exec(scriptSrc)?.[1];
  expect(nonce, `script-src should hold a nonce: ${scriptSrc}`).toBeTruthy();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(directive(policy, "object-src")).toBe("object-src 'none'");
  expect(directive(policy, "frame-ancestors")).toBe("frame-ancestors 'none'");

  const html = await response.text();
  const scriptTags = html.match(/<script\b[^>]*>/g) ?? [];
  // Remix renders its context, the module loader and the streamed data as scripts.
  expect(scriptTags.length).toBeGreaterThan(1);
  for (const tag of scriptTags) expect(tag).toContain(`nonce="${nonce}"`);

  const again = await request.get("/");
  const nextNonce = NONCE_SOURCE.exec(again.headers()["content-security-policy"] ?? "")?.[1];
  expect(nextNonce).toBeTruthy();
  expect(nextNonce, "a nonce must not be reused across responses").not.toBe(nonce);
});

test("every response gets an X-Request-Id, and a well-formed one from the client is echoed", async ({ request }) => {
  const generated = await request.get("/");
  expect(generated.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  expect(generated.headers()["x-powered-by"]).toBeUndefined();

  const echoed = await request.get("/", { headers: { "X-Request-Id": "e2e-test-request-0001" } });
  expect(echoed.headers()["x-request-id"]).toBe("e2e-test-request-0001");

  // Anything that could smuggle text into logs is replaced, not echoed.
  const malformed = await request.get("/", { headers: { "X-Request-Id": "bad id<script>" } });
  expect(malformed.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
});

test("the CSP stops script injected into a page: inline script, event handlers and javascript: links", async ({
  browser,
  baseURL,
}) => {
  // A page of its own: the fixture's page fails on any CSP violation, and here they are the point.
  const page = await browser.newPage({ baseURL });
  const violations: string[] = [];
  await page.exposeFunction("__reportViolation", (directive: string) => violations.push(directive));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      (window as unknown as { __reportViolation: (d: string) => void }).__reportViolation(event.violatedDirective),
    );
  });
  await page.goto("/");
  await page.evaluate(() => {
    // What stored text would become if it ever reached the page unescaped.
    const script = document.createElement("script");
    script.textContent = "window.__injected = 'inline script';";
    document.body.append(script);
    document.body.insertAdjacentHTML("beforeend", `<img src="/x.png" onerror="window.__injected = 'handler'">`);
    const link = document.createElement("a");
    link.href = "javascript:window.__injected = 'javascript: link'";
    link.id = "injected-link";
    link.textContent = "x";
    document.body.append(link);
  });
  await page.click("#injected-link");
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(3);
  expect(await page.evaluate(() => (window as unknown as { __injected?: string }).__injected)).toBeUndefined();
  expect(violations.every((d) => d.startsWith("script-src"))).toBe(true);
  await page.close();
});

/** The attributes of one Set-Cookie header, lower-cased names (`name` and `value` for the pair). */
function cookieAttributes(setCookie: string): Record<string, string> {
  const [pair = "", ...attributes] = setCookie.split(";").map((part) => part.trim());
  const [name = "", ...value] = pair.split("=");
  const parsed: Record<string, string> = { name, value: value.join("=") };
  for (const attribute of attributes) {
    const [key = "", ...rest] = attribute.split("=");
    parsed[key.toLowerCase()] = rest.join("=") || "true";
  }
  return parsed;
}

test("cookies are HttpOnly, Secure in production, SameSite=Lax and site-wide; the session ends at sign-out", async ({
  playwright,
  baseURL,
}) => {
  // Each request from a context of its own, with no cookie jar: only the Cookie header given is sent.
  // zhejiang.admin signs in nowhere else in the suite, and the language switch goes signed out, so
  // no shared demo account changes under another test.
  const send = async (
    method: "get" | "post",
    url: string,
    options: { cookie?: string; form?: Record<string, string> },
  ) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL ?? "" } });
    const headers = options.cookie ? { Cookie: options.cookie } : undefined;
    const response = await context[method](url, { headers, form: options.form, maxRedirects: 0 });
    const cookies = response
      .headersArray()
      .filter((h) => h.name.toLowerCase() === "set-cookie")
      .map((h) => cookieAttributes(h.value));
    const result = { status: response.status(), location: response.headers().location ?? "", cookies };
    await context.dispose();
    return result;
  };

  const signIn = await send("post", "/login", {
    form: { email: "zhejiang.admin@tipei.example", password: "Tipei-Demo-2026!" },
  });
  expect(signIn.status).toBe(302);
  const session = signIn.cookies.find((c) => c.name === "tipei_session" && c.value);
  expect(session).toMatchObject({ httponly: "true", secure: "true", samesite: "Lax", path: "/" });
  expect(Number(session?.["max-age"])).toBe(14 * 24 * 3600);

  const switched = await send("post", "/locale", { form: { lng: "en", redirectTo: "/" } });
  const locale = switched.cookies.find((c) => c.name === "lng");
  expect(locale).toMatchObject({
    value: expect.any(String),
    httponly: "true",
    secure: "true",
    samesite: "Lax",
    path: "/",
  });

  // Signing out revokes the session on the server: the old cookie, sent again, is refused.
  const cookie = `tipei_session=${session?.value}`;
  expect((await send("get", "/gov/zhejiang", { cookie })).status).toBe(200);
  const signOut = await send("post", "/logout", { cookie });
  expect(signOut.status).toBe(302);
  expect(signOut.cookies.find((c) => c.name === "tipei_session")?.["max-age"]).toBe("0");
  const replayed = await send("get", "/gov/zhejiang", { cookie });
  expect(replayed.status).toBe(302);
  expect(replayed.location).toMatch(/^\/login/);
});
