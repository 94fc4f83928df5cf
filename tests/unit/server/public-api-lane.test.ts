import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { publicApiLane } from "../../../server/public-api";

// The lane answers on Node's request listener, where Express's own error handling does not reach:
// a throw there would be an uncaught exception and end the web process. It must become the
// request's 503, and the server must go on answering.

const closers: (() => void)[] = [];
let loggedLines: { level: number; msg: string }[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function serveLane(compression: Parameters<typeof publicApiLane>[0]["compression"]): Promise<string> {
  const lines: { level: number; msg: string }[] = [];
  loggedLines = lines;
  const lane = publicApiLane({
    appOrigin: "http://127.0.0.1",
    maintenance: false,
    trustProxyHops: 0,
    logger: pino({ level: "error" }, { write: (line: string) => lines.push(JSON.parse(line)) }),
    headers: [["x-content-type-options", "nosniff"]],
    compression,
  });
  const server = createServer((req, res) => {
    if (!lane(req, res)) res.writeHead(299).end("not the lane");
  }).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the public API's lane", () => {
  it("answers 503 when something in it throws, logs it, and keeps serving", async () => {
    const base = await serveLane(() => {
      throw new Error("a middleware that throws");
    });
    for (let i = 0; i < 2; i++) {
      const answer = await fetch(`${base}/api/v1/institutions/330106-2026-0001`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get("retry-after")).toBe("30");
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
    expect(loggedLines.filter((l) => l.msg === "public API request failed")).toHaveLength(2);
    // Other paths and methods are not the lane's.
    expect((await fetch(`${base}/api/v1/openapi.json`)).status).toBe(299);
    expect((await fetch(`${base}/api/v1/institutions`, { method: "POST" })).status).toBe(299);
  });

  it("takes nothing without APP_ORIGIN or in maintenance", () => {
    const options = {
      trustProxyHops: 0,
      logger: pino({ level: "silent" }),
      headers: [],
      compression: () => {
        throw new Error("not reached");
      },
    };
    const request = { method: "GET", url: "/api/v1/institutions" } as never;
    expect(publicApiLane({ ...options, appOrigin: undefined, maintenance: false })(request, {} as never)).toBe(false);
    expect(publicApiLane({ ...options, appOrigin: "http://x", maintenance: true })(request, {} as never)).toBe(false);
  });
});
