import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server";
import { createApp } from "../../../server/app";

// The rate limits (login, sign-up, password reset, the public API) count per client address, as
// the load context's clientIp. A client must not be able to choose it with X-Forwarded-For, or
// each guess would start a fresh count; only the proxies the deployment declares may name it.

const BASE_ENV = {
  NODE_ENV: "production",
  APP_ORIGIN: "http://127.0.0.1",
  DATABASE_URL: "postgresql://tipei_app:tipei_app@127.0.0.1:5432/tipei",
  REDIS_URL: "redis://127.0.0.1:6379",
  SESSION_SECRET: "a-session-secret-that-is-long-enough-0123456789",
};

const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

/** The real Express app with a stand-in for Remix that answers the clientIp it was given. */
async function serve(trustProxyHops?: string): Promise<string> {
  const env = parseEnv({ ...BASE_ENV, TRUST_PROXY_HOPS: trustProxyHops });
  const app = createApp({
    env,
    logger: pino({ level: "silent" }),
    remixHandler: (getLoadContext) => (req, res) => {
      res.type("text/plain").send(String(getLoadContext(req, res).clientIp));
    },
  });
  const server = createServer(app).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const clientIpSeen = async (base: string, forwardedFor: string) =>
  (await fetch(`${base}/login`, { headers: { "X-Forwarded-For": forwardedFor } })).text();

describe("the client address the rate limits count by", () => {
  it("is the connection's by default, whatever X-Forwarded-For claims", async () => {
    const base = await serve();
    expect(await clientIpSeen(base, "203.0.113.77")).toBe("127.0.0.1");
    expect(await clientIpSeen(base, "203.0.113.78, 198.51.100.1")).toBe("127.0.0.1");
  });

  it("is the one the declared proxy names, and no further hop the client added", async () => {
    const base = await serve("1");
    expect(await clientIpSeen(base, "203.0.113.77")).toBe("203.0.113.77");
    // A client that sends its own header behind one proxy gets the address the proxy saw.
    expect(await clientIpSeen(base, "10.9.9.9, 203.0.113.78")).toBe("203.0.113.78");
  });
});
