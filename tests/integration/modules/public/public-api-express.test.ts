import { createServer, get as httpGet, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { gunzipSync } from "node:zlib";
import pino from "pino";
import { parseEnv } from "~/lib/env.server";
import { consume, LIMITS } from "~/modules/identity/rate-limits.server";
import { loader as searchLoader } from "~/routes/api.v1.institutions._index";
import { loader as profileLoader } from "~/routes/api.v1.institutions.$registrationNo";
import { createApp } from "../../../../server/app";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { loadContext } from "../../../support/remix-calls";
import { insertRegistered } from "./registry-fixtures";

// The web server answers GET and HEAD of the public API's two data paths on Node's request, before
// Express and Remix (server/public-api.ts). These tests run the real server's handler (the lane with
// helmet's headers, compression, the request log and the rate limit, then Express) and hold its
// answers against the Remix loaders', which the rest of the API's tests (public-api.test.ts, the
// fuzzing) exercise: same status, headers and bytes.

const owner = ownerClient();
const closers: (() => void)[] = [];
afterAll(async () => {
  for (const close of closers) close();
  await owner.$disconnect();
});

type LogLine = { level: number; msg: string; req?: { id: string; url: string }; res?: { statusCode: number } };
const logLines: LogLine[] = [];
let remixCalls: string[] = [];

/** The real app on a port of its own, behind one trusted proxy; Remix is a stand-in that says so. */
async function serve(overrides: Record<string, string | undefined> = {}): Promise<string> {
  const env = parseEnv({ ...process.env, TRUST_PROXY_HOPS: "1", ...overrides });
  const sink = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) logLines.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const app = createApp({
    env,
    logger: pino({ level: "debug" }, sink),
    remixHandler: () => (req, res) => {
      remixCalls.push(`${req.method} ${req.originalUrl}`);
      res.status(299).type("text/plain").send("remix");
    },
  });
  const server = createServer(app).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** The bytes as sent (fetch would decompress them). */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    httpGet(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

let base: string;
let registrationNo: string;
let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;

beforeAll(async () => {
  await seedDemoData();
  registrationNo = "330106-2026-7001";
  await insertRegistered(owner, {
    name: "杭州快速通道游泳馆",
    district: "330106",
    sports: ["SWIMMING"],
    registrationNo,
  });
  base = await serve();
});

beforeEach(() => {
  remixCalls = [];
});

function viaExpress(path: string, headers: Record<string, string> = {}, ip = freshIp(), method = "GET") {
  return fetch(`${base}${path}`, { method, headers: { "X-Forwarded-For": ip, ...headers } });
}

/** The same request through the Remix route's loader (the origin is APP_ORIGIN, http://localhost). */
function viaLoader(path: string, headers: Record<string, string> = {}) {
  const request = new Request(`http://localhost${path}`, { headers });
  const context = loadContext(freshIp());
  const match = /^\/api\/v1\/institutions\/([^/?]+)/.exec(path);
  return match
    ? profileLoader({ request, params: { registrationNo: decodeURIComponent(match[1] ?? "") }, context })
    : searchLoader({ request, params: {}, context });
}

const API_HEADERS = [
  "content-type",
  "cache-control",
  "etag",
  "access-control-allow-origin",
  "access-control-expose-headers",
  "retry-after",
];

// What helmet sets (Strict-Transport-Security only behind https).
const HELMET_HEADERS = [
  "content-security-policy",
  "cross-origin-opener-policy",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "referrer-policy",
  "x-content-type-options",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-frame-options",
  "x-permitted-cross-domain-policies",
  "x-xss-protection",
];

/** Express answers what the loader answers: status, the API's headers, the body's bytes. */
async function expectSameAnswer(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const express = await viaExpress(path, headers);
  const remix = await viaLoader(path, headers);
  expect(express.status, path).toBe(remix.status);
  for (const name of API_HEADERS) expect(express.headers.get(name), `${path} ${name}`).toBe(remix.headers.get(name));
  // Vary: the loader's, plus the compression middleware's Accept-Encoding when there is a body.
  const vary = [remix.headers.get("vary"), remix.status === 304 ? null : "Accept-Encoding"].filter(Boolean);
  expect(express.headers.get("vary")).toBe(vary.length > 0 ? vary.join(", ") : null);
  expect(Buffer.from(await express.clone().arrayBuffer())).toEqual(Buffer.from(await remix.arrayBuffer()));
  expect(remixCalls, "Remix was not asked").toEqual([]);
  return express;
}

describe("the public API in front of Remix", () => {
  it("answers a profile as the Remix route does, with the security headers and a request id", async () => {
    const first = await expectSameAnswer(`/api/v1/institutions/${registrationNo}`);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ registrationNo, name: "杭州快速通道游泳馆" });
    // JSON loads nothing: a policy that allows nothing, and no nonce drawn for it.
    expect(first.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("x-request-id")).toMatch(/^[\w-]{36}$/);
    // A number typed with full-width digits and no dashes is the same profile.
    const typed = registrationNo.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))).replaceAll("-", "");
    await expectSameAnswer(`/api/v1/institutions/${encodeURIComponent(typed)}`);
    // A repeated request (the cached JSON) is the same bytes.
    await expectSameAnswer(`/api/v1/institutions/${registrationNo}`);
  });

  it("answers 400, 404 and 304 as the Remix route does, in the caller's language", async () => {
    for (const [path, headers] of [
      ["/api/v1/institutions/not-a-number", {}],
      ["/api/v1/institutions/not-a-number", { "Accept-Language": "en-GB,en;q=0.9" }],
      ["/api/v1/institutions/330106-2099-0000", {}],
      ["/api/v1/institutions/330106-2099-0000", { "Accept-Language": "en" }],
    ] as const) {
      const answer = await expectSameAnswer(path, headers);
      expect([400, 404]).toContain(answer.status);
    }
    const etag = (await viaExpress(`/api/v1/institutions/${registrationNo}`)).headers.get("etag") ?? "";
    const unchanged = await expectSameAnswer(`/api/v1/institutions/${registrationNo}`, { "If-None-Match": etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe("");
  });

  it("answers a search as the Remix route does, bad parameters too", async () => {
    const page = await expectSameAnswer(`/api/v1/institutions?q=${encodeURIComponent("快速通道")}`);
    expect(((await page.json()) as { data: { registrationNo: string }[] }).data).toEqual([
      expect.objectContaining({ registrationNo }),
    ]);
    await expectSameAnswer("/api/v1/institutions?sport=SWIMMING&district=330106");
    const bad = await expectSameAnswer("/api/v1/institutions?page=0&sport=CURLING", { "Accept-Language": "en" });
    expect(bad.status).toBe(400);
  });

  it("serves a changed profile at once, not the JSON it kept", async () => {
    const before = await viaExpress(`/api/v1/institutions/${registrationNo}`);
    const etag = before.headers.get("etag") ?? "";
    await owner.$executeRaw`UPDATE institution SET status = 'SUSPENDED' WHERE registration_no = ${registrationNo}`;
    try {
      const after = await viaExpress(`/api/v1/institutions/${registrationNo}`, { "If-None-Match": etag });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).not.toBe(etag);
      expect(await after.json()).toMatchObject({ status: "SUSPENDED", registrationInForce: false });
    } finally {
      await owner.$executeRaw`UPDATE institution SET status = 'APPROVED' WHERE registration_no = ${registrationNo}`;
    }
  });

  it("counts every request against the caller's address in the shared limiter", async () => {
    const ip = "198.51.100.42";
    // Another process's requests count too: the limiter's state is in Redis.
    for (let i = 0; i < LIMITS.publicApiIp.points - 1; i++) await consume("publicApiIp", ip);
    expect((await viaExpress(`/api/v1/institutions/${registrationNo}`, {}, ip)).status).toBe(200);
    // Behind one trusted proxy, an address the client put in front of the proxy's is not the one counted.
    const limited = await viaExpress("/api/v1/institutions", { "Accept-Language": "en" }, `10.9.9.9, ${ip}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited.headers.get("cache-control")).toBe("no-store");
    expect(await limited.json()).toMatchObject({
      code: "rate_limited",
      title: "Too many requests: please try again later.",
    });
    expect((await viaExpress(`/api/v1/institutions/${registrationNo}`)).status).toBe(200);
  });

  it("leaves other methods, other paths and the OpenAPI document to Remix", async () => {
    const options = await viaExpress(`/api/v1/institutions/${registrationNo}`, {}, freshIp(), "OPTIONS");
    // What Remix answers may be a page: the page's policy, with its own nonce for the scripts.
    expect(options.headers.get("content-security-policy")).toMatch(/script-src 'self' 'nonce-[\w+/=]{24}'/);
    await viaExpress(`/api/v1/institutions/${registrationNo}`, { Origin: "http://localhost" }, freshIp(), "POST");
    await viaExpress(`/api/v1/institutions/${registrationNo}/qr.png`);
    await viaExpress(`/api/v1/institutions/${registrationNo}/courses`);
    await viaExpress("/api/v1/openapi.json");
    expect(remixCalls).toEqual([
      `OPTIONS /api/v1/institutions/${registrationNo}`,
      `POST /api/v1/institutions/${registrationNo}`,
      `GET /api/v1/institutions/${registrationNo}/qr.png`,
      `GET /api/v1/institutions/${registrationNo}/courses`,
      "GET /api/v1/openapi.json",
    ]);
    // HEAD is answered here, without a body.
    const head = await viaExpress(`/api/v1/institutions/${registrationNo}`, {}, freshIp(), "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("etag")).toMatch(/^W\//);
    // The length a GET's body would have (RFC 9110 §9.3.2).
    const got = await viaExpress(`/api/v1/institutions/${registrationNo}`);
    expect(head.headers.get("content-length")).toBe(String((await got.arrayBuffer()).byteLength));
    expect(await head.text()).toBe("");
  });

  it("logs successes at debug and refusals at warn, each with its request id", async () => {
    logLines.length = 0;
    await viaExpress(`/api/v1/institutions/${registrationNo}`, { "X-Request-Id": "verify-0001" });
    await viaExpress("/api/v1/institutions/330106-2099-0000", { "X-Request-Id": "verify-0002" });
    await viaExpress("/login", { "X-Request-Id": "page-00000003" });
    await vi.waitFor(() => expect(logLines.filter((l) => l.msg.startsWith("request"))).toHaveLength(3));
    const byId = Object.fromEntries(logLines.map((l) => [l.req?.id, l]));
    expect(byId["verify-0001"]).toMatchObject({ level: 20, res: { statusCode: 200 } });
    expect(byId["verify-0002"]).toMatchObject({ level: 40, res: { statusCode: 404 } });
    // Pages still log at info.
    expect(byId["page-00000003"]).toMatchObject({ level: 30 });
  });

  it("compresses a body of 4 KB or more, and sends a smaller one as it is", async () => {
    // A profile of a few kilobytes: over compression's default threshold (1 KB), under ours.
    const profilePath = `/api/v1/institutions/${registrationNo}`;
    const small = await rawGet(`${base}${profilePath}`, { "X-Forwarded-For": freshIp(), "Accept-Encoding": "gzip" });
    expect(small.headers["content-encoding"]).toBeUndefined();
    expect(small.headers.vary).toContain("Accept-Encoding");
    expect(small.body.length).toBeGreaterThan(1024);
    expect(small.body.length).toBeLessThan(4096);
    // Its length is said, not chunked.
    expect(small.headers["content-length"]).toBe(String(small.body.length));
    expect(small.headers["transfer-encoding"]).toBeUndefined();
    expect(small.body).toEqual(Buffer.from(await (await viaLoader(profilePath)).arrayBuffer()));
    // Twenty institutions' summaries and links are well over 4 KB.
    for (let i = 0; i < 20; i++) {
      await insertRegistered(owner, {
        name: `杭州压缩测试游泳馆${i}`,
        district: "330106",
        sports: ["SWIMMING"],
        registrationNo: `330106-2026-${7100 + i}`,
      });
    }
    const path = `/api/v1/institutions?q=${encodeURIComponent("压缩测试")}`;
    const sent = await rawGet(`${base}${path}`, { "X-Forwarded-For": freshIp(), "Accept-Encoding": "gzip" });
    expect(sent.headers["content-encoding"]).toBe("gzip");
    // The plain body's length is not the gzipped one's: compression drops it.
    expect(sent.headers["content-length"]).toBeUndefined();
    const plain = Buffer.from(await (await viaLoader(path)).arrayBuffer());
    expect(plain.length).toBeGreaterThan(4096);
    expect(gunzipSync(sent.body)).toEqual(plain);
    expect(sent.body.length).toBeLessThan(plain.length / 2);
  });

  it("leaves the API to Remix when APP_ORIGIN is not set (links name the request's origin) and in maintenance", async () => {
    const own = await serve({ APP_ORIGIN: undefined, NODE_ENV: "test" });
    const direct = await fetch(`${own}/api/v1/institutions/${registrationNo}`, {
      headers: { "X-Forwarded-For": freshIp() },
    });
    expect(await direct.text()).toBe("remix");
    // Express gives it the API's security headers all the same, as the lane does.
    const laned = await viaExpress(`/api/v1/institutions/${registrationNo}`);
    for (const name of HELMET_HEADERS) {
      expect(laned.headers.get(name), name).not.toBeNull();
      expect(direct.headers.get(name), name).toBe(laned.headers.get(name));
    }
    expect(direct.headers.get("content-security-policy")).toBe("default-src 'none';frame-ancestors 'none'");
    const closed = await serve({ MAINTENANCE_MODE: "1" });
    const during = await fetch(`${closed}/api/v1/institutions/${registrationNo}`, {
      headers: { "X-Forwarded-For": freshIp() },
    });
    expect(during.status).toBe(503);
    expect(await during.text()).toContain("系统维护中");
    expect(remixCalls).toEqual([`GET /api/v1/institutions/${registrationNo}`]);
  });

  it("answers a number that is not valid percent-encoding with the API's 400, not an error page", async () => {
    const answer = await viaExpress("/api/v1/institutions/%E0%A4%A", { "Accept-Language": "en" });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("content-type")).toBe("application/problem+json; charset=utf-8");
    expect(await answer.json()).toMatchObject({ code: "invalid_query" });
  });
});
