import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { parseEnv } from "~/lib/env.server";
import { createApp } from "../../../server/app";

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

/** The real Express app on a free port, with a stand-in for Remix that says which path reached it. */
async function serve(maintenance: string | undefined): Promise<string> {
  const env = parseEnv({ ...BASE_ENV, MAINTENANCE_MODE: maintenance });
  const app = createApp({
    env,
    logger: pino({ level: "silent" }),
    remixHandler: () => (req, res) => {
      res.status(200).type("text/plain").send(`remix ${req.path}`);
    },
    publicDir: "public",
  });
  const server = createServer(app).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("maintenance mode", () => {
  it("answers every page with 503 and the maintenance page in both languages, with a way back", async () => {
    const base = await serve("1");
    for (const path of ["/", "/institutions", "/gov/hangzhou/risk"]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("600");
      const html = await response.text();
      expect(html).toContain("系统维护中");
      expect(html).toContain("Under maintenance");
      expect(html).toContain('<a href="/">');
      expect(html).not.toContain("remix");
    }
  });

  it("refuses posts too, so nothing is written while it is on", async () => {
    const base = await serve("1");
    const response = await fetch(`${base}/login`, { method: "POST", headers: { Origin: "http://127.0.0.1" } });
    expect(response.status).toBe(503);
  });

  it("still lets the health check and the page's stylesheet through", async () => {
    const base = await serve("1");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.text()).toBe("remix /healthz");
    const css = await fetch(`${base}/maintenance.css`);
    expect(css.status).toBe(200);
  });

  it("is off unless asked for", async () => {
    for (const value of [undefined, "", "0"]) {
      const base = await serve(value);
      const response = await fetch(`${base}/institutions`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("remix /institutions");
    }
  });

  it("refuses a value it does not know", () => {
    expect(() => parseEnv({ ...BASE_ENV, MAINTENANCE_MODE: "yes" })).toThrow(/MAINTENANCE_MODE/);
  });
});
