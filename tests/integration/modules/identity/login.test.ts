import { prisma } from "~/lib/db.server";
import { getViewer } from "~/modules/identity/session.server";
import { action as accountAction } from "~/routes/account";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { DEMO_PASSWORD } from "../../../../prisma/seed/demo";
import { seedDemoData } from "../../../support/demo-database";
import { cookiesFrom, formRequest, getRequest, loadContext, outcome } from "../../../support/remix-calls";

beforeAll(seedDemoData);

async function login(email: string, password: string, options: { ip?: string; cookie?: string } = {}) {
  const result = await loginAction({
    request: formRequest("/login", { email, password }, options.cookie),
    context: loadContext(options.ip),
    params: {},
  });
  return outcome(result);
}

async function viewerFor(cookie: string) {
  return getViewer(getRequest("/", cookie));
}

describe("signing in", () => {
  it("starts a session and sends a regulator to their authority's workspace", async () => {
    const response = await login("Hangzhou.Admin@tipei.example ", DEMO_PASSWORD, { ip: "203.0.113.1" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/gov/hangzhou");
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith("tipei_session="));
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const viewer = await viewerFor(cookiesFrom(new Response(null, { headers: response.headers })));
    expect(viewer?.user.email).toBe("hangzhou.admin@tipei.example");
    expect(viewer?.memberships.map((m) => m.role)).toEqual(["REGULATOR_ADMIN"]);
  });

  it("refuses a wrong password and an unknown account with the same answer and no session", async () => {
    const wrong = await login("hangzhou.admin@tipei.example", "not-the-password", { ip: "203.0.113.2" });
    const unknown = await login("nobody@tipei.example", "not-the-password", { ip: "203.0.113.2" });
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ formError: "auth.invalidCredentials" });
      expect(answer.headers.getSetCookie()).toEqual([]);
    }
  });

  it("answers field errors for malformed input and writes nothing", async () => {
    const before = await prisma.userSession.count();
    const answer = await login("not-an-email", "", { ip: "203.0.113.3" });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      fieldErrors: { email: ["validation.email"], password: ["validation.required"] },
    });
    expect(await prisma.userSession.count()).toBe(before);
  });

  it("ends the session the browser carried before, so a planted cookie is useless after sign-in", async () => {
    const first = await login("parent@tipei.example", DEMO_PASSWORD, { ip: "203.0.113.4" });
    const planted = cookiesFrom(new Response(null, { headers: first.headers }));
    expect(await viewerFor(planted)).not.toBeNull();
    const second = await login("parent@tipei.example", DEMO_PASSWORD, { ip: "203.0.113.4", cookie: planted });
    const fresh = cookiesFrom(new Response(null, { headers: second.headers }));
    expect(fresh).not.toBe(planted);
    expect(await viewerFor(planted)).toBeNull();
    expect(await viewerFor(fresh)).not.toBeNull();
  });

  it("locks an account after five failures with 429 and Retry-After, even for the right password", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login("ningbo.admin@tipei.example", "wrong-password", { ip: `203.0.113.${10 + i}` })).status).toBe(
        400,
      );
    }
    const locked = await login("ningbo.admin@tipei.example", DEMO_PASSWORD, { ip: "203.0.113.20" });
    expect(locked.status).toBe(429);
    expect(locked.body).toMatchObject({ formError: "auth.rateLimited" });
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(0);
    // Another account from the same address is not affected.
    expect((await login("zhejiang.admin@tipei.example", DEMO_PASSWORD, { ip: "203.0.113.20" })).status).toBe(302);
  });

  it("counts an account's failures whatever the email's case or spacing, so variants buy no attempts", async () => {
    const variants = [
      "parent.en@tipei.example",
      "PARENT.EN@tipei.example",
      " Parent.En@Tipei.Example",
      "parent.en@TIPEI.EXAMPLE ",
      "PaRent.en@tipei.example",
    ];
    for (const [i, email] of variants.entries()) {
      expect((await login(email, "wrong-password", { ip: `203.0.113.${60 + i}` })).status).toBe(400);
    }
    expect((await login("parent.en@tipei.example", DEMO_PASSWORD, { ip: "203.0.113.66" })).status).toBe(429);
  });

  it("limits attempts per IP address across accounts", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await login(`someone${i}@tipei.example`, "x", { ip: "203.0.113.99" })).status);
    expect(statuses.slice(0, 30).every((s) => s === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe("sessions", () => {
  async function signedIn(email: string, ip: string) {
    const answer = await login(email, DEMO_PASSWORD, { ip });
    return cookiesFrom(new Response(null, { headers: answer.headers }));
  }

  it("are not accepted once expired, idle too long or revoked", async () => {
    const expired = await signedIn("xihu.inspector@tipei.example", "203.0.113.30");
    const idle = await signedIn("xihu.inspector@tipei.example", "203.0.113.31");
    const revoked = await signedIn("xihu.inspector@tipei.example", "203.0.113.32");
    const sessions = await prisma.userSession.findMany({
      where: { user: { email: "xihu.inspector@tipei.example" }, revokedAt: null },
      orderBy: { createdAt: "asc" },
    });
    const [a, b, c] = sessions.slice(-3);
    await prisma.userSession.update({ where: { id: a?.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await prisma.userSession.update({
      where: { id: b?.id },
      data: { lastSeenAt: new Date(Date.now() - 4 * 24 * 3600 * 1000) },
    });
    await prisma.userSession.update({ where: { id: c?.id }, data: { revokedAt: new Date() } });
    expect(await viewerFor(expired)).toBeNull();
    expect(await viewerFor(idle)).toBeNull();
    expect(await viewerFor(revoked)).toBeNull();
  });

  it("can all be signed out from one device, which stays signed in", async () => {
    const phone = await signedIn("yinzhou.inspector@tipei.example", "203.0.113.40");
    const laptop = await signedIn("yinzhou.inspector@tipei.example", "203.0.113.41");
    const answer = await outcome(
      await accountAction({
        request: formRequest("/account", { intent: "signOutOthers" }, laptop),
        context: loadContext(),
        params: {},
      }),
    );
    expect(answer.body).toEqual({ signedOut: 1 });
    expect(await viewerFor(phone)).toBeNull();
    expect(await viewerFor(laptop)).not.toBeNull();
  });

  it("refuse a cookie whose signature is forged or whose token was never issued", async () => {
    const real = await signedIn("xihu.swim.staff@tipei.example", "203.0.113.71");
    expect(await viewerFor(real)).not.toBeNull();
    const [name, value = ""] = real.split("=");
    const decoded = decodeURIComponent(value);
    const token = decoded.slice(0, decoded.lastIndexOf("."));
    // The token without its signature, with another signature, and a well-signed token nobody was given.
    expect(await viewerFor(`${name}=${encodeURIComponent(token)}`)).toBeNull();
    expect(
      await viewerFor(`${name}=${encodeURIComponent(`${token}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`)}`),
    ).toBeNull();
    const { createCookie } = await import("@remix-run/node");
    const forged = await createCookie("tipei_session", { secrets: [process.env.SESSION_SECRET ?? ""] }).serialize(
      "a-token-the-server-never-issued",
    );
    expect(await viewerFor(forged.split(";")[0] ?? "")).toBeNull();
  });

  it("ends at sign-out", async () => {
    const cookie = await signedIn("yinzhou.football@tipei.example", "203.0.113.50");
    const answer = await outcome(
      await logoutAction({ request: formRequest("/logout", {}, cookie), context: loadContext(), params: {} }),
    );
    expect(answer.status).toBe(302);
    expect(await viewerFor(cookie)).toBeNull();
  });
});
