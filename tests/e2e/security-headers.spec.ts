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
