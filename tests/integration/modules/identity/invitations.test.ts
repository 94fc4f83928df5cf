import { prisma } from "~/lib/db.server";
import { getViewer } from "~/modules/identity/session.server";
import { action as membersAction } from "~/routes/gov.$authority.members";
import { action as acceptAction, loader as acceptLoader } from "~/routes/invitations.$token";
import { action as loginAction } from "~/routes/login";
import { DEMO_PASSWORD } from "../../../../prisma/seed/demo";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { cookiesFrom, formRequest, getRequest, loadContext, outcome, settle } from "../../../support/remix-calls";

// Row-level security hides invitations and memberships from an unscoped app connection: the
// assertions read as the owner.
const owner = ownerClient();
beforeAll(seedDemoData);
afterAll(() => owner.$disconnect());

let ipCounter = 0;
async function signIn(email: string): Promise<string> {
  ipCounter += 1;
  const answer = await outcome(
    await loginAction({
      request: formRequest("/login", { email, password: DEMO_PASSWORD }),
      context: loadContext(`198.18.0.${ipCounter}`),
      params: {},
    }),
  );
  return cookiesFrom(new Response(null, { headers: answer.headers }));
}

async function invite(cookie: string, authority: string, email: string, role = "INSPECTOR") {
  return outcome(
    await settle(() =>
      membersAction({
        request: formRequest(`/gov/${authority}/members?intent=invite`, { email, role }, cookie),
        context: loadContext(),
        params: { authority },
      }),
    ),
  );
}

async function tokenSentTo(email: string): Promise<string> {
  const sent = await prisma.emailOutbox.findFirstOrThrow({
    where: { toAddress: email, kind: "invitation" },
    orderBy: { createdAt: "desc" },
  });
  const token = /\/invitations\/([A-Za-z0-9_-]{43})/.exec(sent.textBody)?.[1];
  if (!token) throw new Error("no link");
  return token;
}

async function accept(token: string, fields: Record<string, string>) {
  return outcome(
    await acceptAction({
      request: formRequest(`/invitations/${token}`, fields),
      context: loadContext("198.18.1.1"),
      params: { token },
    }),
  );
}

describe("inviting regulators", () => {
  it("a city admin invites an inspector to a district below it; the new account joins it once", async () => {
    const admin = await signIn("hangzhou.admin@tipei.example");
    expect(await invite(admin, "hangzhou-xihu", "new.inspector@tipei.example")).toMatchObject({
      status: 200,
      body: { done: "invited" },
    });
    const token = await tokenSentTo("new.inspector@tipei.example");
    const shown = await acceptLoader({
      request: getRequest(`/invitations/${token}`),
      context: loadContext(),
      params: { token },
    });
    expect(shown.invitation).toMatchObject({
      role: "INSPECTOR",
      accountExists: false,
      authority: { slug: "hangzhou-xihu" },
    });

    const accepted = await accept(token, {
      displayName: "新检查员",
      password: "Inspector-2026",
      confirmPassword: "Inspector-2026",
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("Location")).toBe("/gov/hangzhou-xihu");
    const viewer = await getViewer(getRequest("/", cookiesFrom(new Response(null, { headers: accepted.headers }))));
    expect(viewer?.memberships).toEqual([
      expect.objectContaining({ role: "INSPECTOR", authority: expect.objectContaining({ slug: "hangzhou-xihu" }) }),
    ]);

    const reused = await accept(token, {
      displayName: "别人",
      password: "Someone-else-2026",
      confirmPassword: "Someone-else-2026",
    });
    expect(reused).toMatchObject({ status: 410, body: { formError: "auth.invite.invalid" } });
    expect(await owner.membership.count({ where: { user: { email: "new.inspector@tipei.example" } } })).toBe(1);
  });

  it("an existing account confirms with its own password", async () => {
    const admin = await signIn("ningbo.admin@tipei.example");
    await invite(admin, "ningbo", "yinzhou.inspector@tipei.example", "REGULATOR_ADMIN");
    const token = await tokenSentTo("yinzhou.inspector@tipei.example");
    expect(await accept(token, { password: "wrong-password" })).toMatchObject({
      status: 400,
      body: { fieldErrors: { password: ["auth.invite.wrongPassword"] } },
    });
    expect((await accept(token, { password: DEMO_PASSWORD })).status).toBe(302);
    const roles = await owner.membership.findMany({
      where: { user: { email: "yinzhou.inspector@tipei.example" } },
      select: { role: true },
    });
    expect(roles.map((r) => r.role).sort()).toEqual(["INSPECTOR", "REGULATOR_ADMIN"]);
  });

  it("refuses expired and revoked invitations", async () => {
    const admin = await signIn("zhejiang.admin@tipei.example");
    await invite(admin, "zhejiang", "late@tipei.example");
    const late = await tokenSentTo("late@tipei.example");
    await owner.invitation.updateMany({
      where: { email: "late@tipei.example" },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(
      (await accept(late, { displayName: "迟到", password: "Late-person-2026", confirmPassword: "Late-person-2026" }))
        .status,
    ).toBe(410);

    await invite(admin, "zhejiang", "withdrawn@tipei.example");
    const withdrawn = await tokenSentTo("withdrawn@tipei.example");
    const invitation = await owner.invitation.findFirstOrThrow({ where: { email: "withdrawn@tipei.example" } });
    const revoke = await outcome(
      await membersAction({
        request: formRequest("/gov/zhejiang/members?intent=revoke", { invitationId: invitation.id }, admin),
        context: loadContext(),
        params: { authority: "zhejiang" },
      }),
    );
    expect(revoke.body).toMatchObject({ done: "revoked" });
    expect(
      (await accept(withdrawn, { displayName: "撤回", password: "Withdrawn-2026", confirmPassword: "Withdrawn-2026" }))
        .status,
    ).toBe(410);
    expect(
      await prisma.user.count({ where: { email: { in: ["late@tipei.example", "withdrawn@tipei.example"] } } }),
    ).toBe(0);
  });

  it("lets only regulator admins of the authority or above invite", async () => {
    const inspector = await signIn("xihu.inspector@tipei.example");
    expect((await invite(inspector, "hangzhou-xihu", "x1@tipei.example")).status).toBe(403);
    const foreign = await signIn("ningbo.admin@tipei.example");
    expect((await invite(foreign, "hangzhou", "x2@tipei.example")).status).toBe(404);
    const parent = await signIn("parent@tipei.example");
    expect((await invite(parent, "hangzhou", "x3@tipei.example")).status).toBe(404);
    expect(
      await owner.invitation.count({
        where: { email: { in: ["x1@tipei.example", "x2@tipei.example", "x3@tipei.example"] } },
      }),
    ).toBe(0);
  });

  it("refuses a second invitation to the same person while one waits, and bad input, writing nothing", async () => {
    const admin = await signIn("hangzhou.admin@tipei.example");
    await invite(admin, "hangzhou", "twice@tipei.example");
    expect(await invite(admin, "hangzhou", "twice@tipei.example")).toMatchObject({ status: 409 });
    expect(await invite(admin, "hangzhou", "not-an-email", "PARENT")).toMatchObject({
      status: 400,
      body: { fieldErrors: { email: ["validation.email"], role: ["validation.chooseRole"] } },
    });
    expect(await owner.invitation.count({ where: { email: "twice@tipei.example" } })).toBe(1);
  });
});
