import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { parseEnv } from "~/lib/env.server";
import { getViewer } from "~/modules/identity/session.server";
import { createApp } from "../../../server/app";
import { seedDemoData } from "../../support/demo-database";
import { sessionCookie } from "../../support/session-cookie";

// Remix gives each loader of a request a Request object of its own. The loaders of one GET share
// the viewer all the same (one read of the session and the memberships, not one per loader); the
// loaders after a POST's action read it again, as the action may have changed it.

const closers: (() => void)[] = [];
afterAll(() => {
  for (const close of closers) close();
});

let base: string;
let cookie: string;

beforeAll(async () => {
  await seedDemoData();
  cookie = await sessionCookie("hangzhou.admin@tipei.example");
  const app = createApp({
    env: parseEnv(process.env),
    logger: pino({ level: "silent" }),
    // Stands for Remix: two loaders, each with its own Request, as single fetch gives them.
    remixHandler: () => async (req, res) => {
      const requestOf = () => new Request(`http://localhost${req.originalUrl}`, { headers: { Cookie: cookie } });
      const [root, page] = await Promise.all([getViewer(requestOf()), getViewer(requestOf())]);
      res.json({
        shared: root === page,
        signedIn: root?.user.email ?? null,
        samePerson: root?.user.id === page?.user.id,
      });
    },
  });
  const server = createServer(app).listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(() => server.close());
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

describe("what the loaders of one request share", () => {
  it("is one viewer for every loader of a GET, read again for the next request", async () => {
    const first = await (await fetch(`${base}/gov/hangzhou`)).json();
    expect(first).toEqual({ shared: true, signedIn: "hangzhou.admin@tipei.example", samePerson: true });
    expect(await (await fetch(`${base}/gov/hangzhou`, { method: "HEAD" })).text()).toBe("");
    // A viewer is never carried from one request to the next: a revoked session shows at once.
    const { revokeSessions } = await import("~/modules/identity/session.server");
    const viewer = await getViewer(new Request("http://localhost/", { headers: { Cookie: cookie } }));
    await revokeSessions(viewer?.user.id ?? "");
    expect(await (await fetch(`${base}/gov/hangzhou`)).json()).toEqual({
      shared: true,
      signedIn: null,
      samePerson: true,
    });
  });

  it("is read again by each loader after a POST", async () => {
    cookie = await sessionCookie("hangzhou.admin@tipei.example");
    const posted = await fetch(`${base}/gov/hangzhou`, { method: "POST" });
    expect(await posted.json()).toEqual({ shared: false, signedIn: "hangzhou.admin@tipei.example", samePerson: true });
  });
});
