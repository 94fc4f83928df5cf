import { prisma } from "~/lib/db.server";
import { getViewer } from "~/modules/identity/session.server";
import { action as institutionAction } from "~/routes/signup.institution";
import { action as parentAction } from "~/routes/signup.parent";
import { stableId } from "../../../../prisma/seed/stable-id";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { cookiesFrom, formRequest, getRequest, loadContext, outcome } from "../../../support/remix-calls";
import { sessionCookie } from "../../../support/session-cookie";

const owner = ownerClient();
beforeAll(seedDemoData);
afterAll(() => owner.$disconnect());

const XIHU = stableId("authority", "330106");

async function signUpParent(fields: Record<string, string>, ip = "100.64.0.1", cookie?: string) {
  return outcome(
    await parentAction({
      request: formRequest("/signup/parent", fields, cookie),
      context: loadContext(ip),
      params: {},
    }),
  );
}

describe("signing up", () => {
  it("opens a parent's account, signs them in and records it", async () => {
    const answer = await signUpParent({
      email: "Li.Na@tipei.example",
      displayName: "李娜",
      password: "Swimming-2026",
      confirmPassword: "Swimming-2026",
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/account");
    const viewer = await getViewer(getRequest("/", cookiesFrom(new Response(null, { headers: answer.headers }))));
    expect(viewer?.user).toMatchObject({ email: "li.na@tipei.example", displayName: "李娜" });
    expect(viewer?.memberships.map((m) => m.role)).toEqual(["PARENT"]);
    expect(await owner.auditEvent.count({ where: { action: "identity.signedUp", entityId: viewer?.user.id } })).toBe(1);
  });

  it("ends a session the browser carried before, so a planted cookie is not the new account's", async () => {
    const planted = await sessionCookie("parent@tipei.example");
    const answer = await signUpParent(
      {
        email: "zhou.min@tipei.example",
        displayName: "周敏",
        password: "Swimming-2026",
        confirmPassword: "Swimming-2026",
      },
      "100.64.0.2",
      planted,
    );
    expect(answer.status).toBe(302);
    const fresh = cookiesFrom(new Response(null, { headers: answer.headers }));
    expect(fresh).not.toContain(planted);
    expect(await getViewer(getRequest("/", planted))).toBeNull();
    expect((await getViewer(getRequest("/", fresh)))?.user.email).toBe("zhou.min@tipei.example");
  });

  it("opens an institution's draft in its district with the applicant as its admin", async () => {
    const answer = outcome(
      await institutionAction({
        request: formRequest("/signup/institution", {
          email: "owner@xihu-gym.example",
          displayName: "赵老板",
          password: "Gymnastics-2026",
          confirmPassword: "Gymnastics-2026",
          institutionName: "杭州西湖星光体操培训有限公司",
          authorityId: XIHU,
        }),
        context: loadContext("100.64.0.2"),
        params: {},
      }),
    );
    const { status, headers } = await answer;
    expect(status).toBe(302);
    const institution = await owner.institution.findFirstOrThrow({ where: { name: "杭州西湖星光体操培训有限公司" } });
    expect(institution).toMatchObject({ authorityId: XIHU, status: "DRAFT" });
    expect(headers.get("Location")).toBe(`/org/${institution.id}`);
    const membership = await owner.membership.findFirstOrThrow({ where: { institutionId: institution.id } });
    expect(membership).toMatchObject({ role: "INSTITUTION_ADMIN", authorityId: XIHU });
  });

  it("refuses a taken email, a weak password and a city instead of a district, writing nothing", async () => {
    const users = await prisma.user.count();
    const taken = await signUpParent({
      email: "parent@tipei.example",
      displayName: "重复",
      password: "Swimming-2026",
      confirmPassword: "Swimming-2026",
    });
    expect(taken).toMatchObject({ status: 409, body: { fieldErrors: { email: ["auth.signup.emailTaken"] } } });
    const weak = await signUpParent({
      email: "weak@tipei.example",
      displayName: "弱",
      password: "aaaaaaaaaaaa",
      confirmPassword: "aaaaaaaaaaaa",
    });
    expect(weak.status).toBe(400);
    const ownName = await signUpParent({
      email: "zhangwei@tipei.example",
      displayName: "张伟",
      password: "zhangwei-2026!",
      confirmPassword: "zhangwei-2026!",
    });
    expect(ownName).toMatchObject({
      status: 400,
      body: { fieldErrors: { password: ["validation.password.containsEmail"] } },
    });
    const city = await outcome(
      await institutionAction({
        request: formRequest("/signup/institution", {
          email: "city@tipei.example",
          displayName: "城",
          password: "Gymnastics-2026",
          confirmPassword: "Gymnastics-2026",
          institutionName: "不在区里的机构",
          authorityId: stableId("authority", "330100"),
        }),
        context: loadContext("100.64.0.3"),
        params: {},
      }),
    );
    expect(city).toMatchObject({ status: 400, body: { fieldErrors: { authorityId: ["validation.chooseDistrict"] } } });
    expect(await prisma.user.count()).toBe(users);
    expect(await owner.institution.count({ where: { name: "不在区里的机构" } })).toBe(0);
  });

  it("limits sign-ups per IP address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signUpParent({ email: "bad" }, "100.64.9.9")).status);
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
