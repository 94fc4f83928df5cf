import { prisma } from "~/lib/db.server";
import { completePasswordReset } from "~/modules/identity/password-reset.server";
import { getViewer } from "~/modules/identity/session.server";
import { action as forgotAction } from "~/routes/forgot-password";
import { action as loginAction } from "~/routes/login";
import { action as resetAction, loader as resetLoader } from "~/routes/reset-password.$token";
import { DEMO_PASSWORD } from "../../../../prisma/seed/demo";
import { seedDemoData } from "../../../support/demo-database";
import { cookiesFrom, formRequest, getRequest, loadContext, outcome } from "../../../support/remix-calls";

beforeAll(seedDemoData);

async function askForReset(email: string, ip = "192.0.2.1") {
  return outcome(
    await forgotAction({ request: formRequest("/forgot-password", { email }), context: loadContext(ip), params: {} }),
  );
}

async function latestLinkTo(email: string): Promise<string> {
  const sent = await prisma.emailOutbox.findFirstOrThrow({
    where: { toAddress: email, kind: "password-reset" },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/reset-password\/([A-Za-z0-9_-]{43})/.exec(sent.textBody)?.[1];
  if (!token) throw new Error("no link in the email");
  return token;
}

async function reset(token: string, password: string, ip = "192.0.2.50") {
  return outcome(
    await resetAction({
      request: formRequest(`/reset-password/${token}`, { password, confirmPassword: password }),
      context: loadContext(ip),
      params: { token },
    }),
  );
}

describe("password reset", () => {
  it("emails a link for an existing account and answers an unknown email the same way, emailing nothing", async () => {
    const known = await askForReset("parent@tipei.example");
    const unknown = await askForReset("nobody@tipei.example");
    expect(known).toMatchObject({ status: 200, body: { ok: true } });
    expect(unknown).toMatchObject({ status: 200, body: { ok: true } });
    expect(await prisma.emailOutbox.count({ where: { toAddress: "nobody@tipei.example" } })).toBe(0);
    const sent = await prisma.emailOutbox.findFirstOrThrow({ where: { toAddress: "parent@tipei.example" } });
    expect(sent.subject).toBe("体培：重设密码");
    expect(sent.textBody).toMatch(/http:\/\/localhost\/reset-password\/[A-Za-z0-9_-]{43}/);
  });

  it("sets the new password once, signs every device out, and refuses the link a second time", async () => {
    const signIn = await outcome(
      await loginAction({
        request: formRequest("/login", { email: "parent.en@tipei.example", password: DEMO_PASSWORD }),
        context: loadContext("192.0.2.9"),
        params: {},
      }),
    );
    const oldSession = cookiesFrom(new Response(null, { headers: signIn.headers }));
    await askForReset("parent.en@tipei.example", "192.0.2.2");
    const token = await latestLinkTo("parent.en@tipei.example");
    expect(
      await resetLoader({ request: getRequest(`/reset-password/${token}`), context: loadContext(), params: { token } }),
    ).toEqual({ usable: true });

    const done = await reset(token, "New-password-2026");
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?notice=passwordReset");
    expect(await getViewer(getRequest("/", oldSession))).toBeNull();

    const again = await reset(token, "Another-password-2026");
    expect(again).toMatchObject({ status: 410, body: { formError: "auth.reset.invalid" } });
    const relogin = await outcome(
      await loginAction({
        request: formRequest("/login", { email: "parent.en@tipei.example", password: "New-password-2026" }),
        context: loadContext("192.0.2.9"),
        params: {},
      }),
    );
    expect(relogin.status).toBe(302);
  });

  it("lets only one of two simultaneous uses of a link through", async () => {
    await askForReset("xihu.swim.staff@tipei.example", "192.0.2.3");
    const token = await latestLinkTo("xihu.swim.staff@tipei.example");
    const results = await Promise.all([
      completePasswordReset(token, "Racing-password-1"),
      completePasswordReset(token, "Racing-password-2"),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it("refuses an expired link and a weak password, changing nothing", async () => {
    await askForReset("yinzhou.football.staff@tipei.example", "192.0.2.4");
    const token = await latestLinkTo("yinzhou.football.staff@tipei.example");
    const before = await prisma.user.findUniqueOrThrow({ where: { email: "yinzhou.football.staff@tipei.example" } });
    const weak = await reset(token, "short");
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({
      fieldErrors: { password: expect.arrayContaining(["validation.password.tooShort"]) },
    });
    await prisma.passwordReset.updateMany({
      where: { userId: before.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await reset(token, "Perfectly-fine-2026")).toMatchObject({ status: 410 });
    const after = await prisma.user.findUniqueOrThrow({ where: { id: before.id } });
    expect(after.passwordHash).toBe(before.passwordHash);
  });

  it("limits requests per account with 429 and Retry-After", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await askForReset("zhejiang.admin@tipei.example", `192.0.2.${20 + i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await askForReset("zhejiang.admin@tipei.example", "192.0.2.30");
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await prisma.emailOutbox.count({ where: { toAddress: "zhejiang.admin@tipei.example" } })).toBe(3);
  });
});
