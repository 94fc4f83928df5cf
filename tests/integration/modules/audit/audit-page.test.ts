import { PrismaPg } from "@prisma/adapter-pg";
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import type { Locale } from "~/lib/i18n/catalog";
import { localeCookie } from "~/lib/i18n/locale.server";
import { appendAudit } from "~/modules/audit/append.server";
import { createSession } from "~/modules/identity/session.server";
import AuditTrail, { loader } from "~/routes/gov.$authority.audit";
import { seedDemo } from "../../../../prisma/seed/demo";
import { stableId } from "../../../../prisma/seed/stable-id";

const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
afterAll(() => owner.$disconnect());

const HANGZHOU = stableId("authority", "330100");
const XIHU = stableId("authority", "330106");
const NINGBO = stableId("authority", "330200");
const user = (email: string) => stableId("user", email);
const HANGZHOU_ADMIN = user("hangzhou.admin@tipei.example");
const XIHU_INSPECTOR = user("xihu.inspector@tipei.example");

const cookies = new Map<string, string>();

beforeAll(async () => {
  await seedDemo(owner);
  await owner.membership.createMany({
    data: [
      { userId: HANGZHOU_ADMIN, role: "REGULATOR_ADMIN", authorityId: HANGZHOU },
      { userId: XIHU_INSPECTOR, role: "INSPECTOR", authorityId: XIHU },
    ],
    // The demo seed may already hold these memberships.
    skipDuplicates: true,
  });
  for (const id of [HANGZHOU_ADMIN, XIHU_INSPECTOR]) {
    const setCookie = await createSession(id, { ip: null, userAgent: null });
    cookies.set(id, setCookie.split(";")[0] ?? "");
  }
  await unsafeAsSystem(async (db) => {
    await appendAudit(db, {
      actorUserId: HANGZHOU_ADMIN,
      authorityId: XIHU,
      action: "institution.rename",
      entityType: "institution",
      entityId: "xihu-1",
      before: { name: "西湖游泳" },
      after: { name: "<script>alert('x')</script>" },
    });
    await appendAudit(db, {
      actorUserId: null,
      authorityId: NINGBO,
      action: "institution.rename",
      entityType: "institution",
      entityId: "ningbo-1",
      after: { name: "宁波机构" },
    });
  });
});

async function load(slug: string, userId: string | null, search = "", locale: Locale = "zh-CN") {
  const headers = new Headers();
  const lng = (await localeCookie.serialize(locale)).split(";")[0];
  const cookie = [userId ? cookies.get(userId) : null, lng].filter(Boolean).join("; ");
  headers.set("Cookie", cookie);
  const request = new Request(`http://localhost/gov/${slug}/audit${search}`, { headers });
  return loader({ request, params: { authority: slug }, context: { cspNonce: "", requestId: "test", clientIp: null } });
}

/**
 * The Remix stub's RouterProvider (a browser router) uses useLayoutEffect, which React warns about
 * when rendered on the server; the real app renders through RemixServer, which does not.
 */
function quietLayoutEffectWarning<T>(render: () => T): T {
  const guarded = console.error;
  console.error = (...args: unknown[]) => {
    if (String(args[0]).includes("useLayoutEffect does nothing on the server")) return;
    guarded(...args);
  };
  try {
    return render();
  } finally {
    console.error = guarded;
  }
}

type PageData = Awaited<ReturnType<typeof load>>["data"];

function render(data: PageData, locale: Locale): string {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      Component: Outlet,
      children: [{ id: "audit", path: "gov/:authority/audit", Component: AuditTrail }],
    },
  ]);
  return quietLayoutEffectWarning(() =>
    renderToString(
      createElement(Stub, {
        initialEntries: ["/gov/hangzhou/audit"],
        hydrationData: { loaderData: { root: { locale }, audit: data } },
      }),
    ),
  );
}

async function thrown(promise: Promise<unknown>): Promise<Response> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error("expected the loader to throw a response");
}

describe("GET /gov/:authority/audit", () => {
  it("sends a signed-out visitor to sign in", async () => {
    const response = await thrown(load("hangzhou", null));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Fgov%2Fhangzhou%2Faudit");
  });

  it("answers 403 to an inspector and 404 for another city's trail", async () => {
    expect((await thrown(load("hangzhou-xihu", XIHU_INSPECTOR))).status).toBe(403);
    expect((await thrown(load("ningbo", HANGZHOU_ADMIN))).status).toBe(404);
  });

  it("shows Hangzhou's admin the Hangzhou events and the chain status", async () => {
    const result = await load("hangzhou", HANGZHOU_ADMIN);
    expect(result.init?.status).toBe(200);
    expect(result.data.events.map((e) => e.entityId)).toEqual(["xihu-1"]);
    expect(result.data.chain).toEqual({ intact: true, visibleEvents: 1 });
    expect(result.data.authorities.map((a) => a.id)).not.toContain(NINGBO);
  });

  it("answers a bad filter with 400 and field errors, not a 500", async () => {
    const result = await load("hangzhou", HANGZHOU_ADMIN, "?from=2026-13-01&actor=%3Cscript%3E&cursor=abc");
    expect(result.init?.status).toBe(400);
    expect(result.data.fieldErrors).toEqual({
      from: ["validation.audit.date"],
      actor: ["validation.audit.actor"],
      cursor: ["validation.audit.cursor"],
    });
    expect(result.data.events).toEqual([]);
    expect(result.data.values.actor).toBe("<script>");
  });

  it("renders the trail with the changes as escaped text, in Chinese and in English", async () => {
    for (const [locale, expected] of [
      ["zh-CN", ["链完整", "审计日志", "年"]],
      ["en", ["Chain intact", "Audit trail", "Time (China Standard Time)"]],
    ] as const) {
      const result = await load("hangzhou", HANGZHOU_ADMIN, "", locale);
      const html = render(result.data, locale);
      for (const text of expected) expect(html).toContain(text);
      expect(html).toContain(result.data.events[0]?.occurredAtText);
      expect(html).not.toContain("<script>alert");
      expect(html).toContain("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;");
      expect(html).toContain("hangzhou.admin@tipei.example");
    }
  });

  // Last: it breaks this file's chain for good.
  it("says in words where the chain broke, even when the event lies outside the jurisdiction", async () => {
    const ningbo = await owner.auditEvent.findFirstOrThrow({ where: { authorityId: NINGBO } });
    await owner.$transaction([
      owner.$executeRawUnsafe("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only"),
      owner.$executeRaw`UPDATE audit_event SET action = 'forged' WHERE id = ${ningbo.id}`,
      owner.$executeRawUnsafe("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only"),
    ]);
    const result = await load("hangzhou", HANGZHOU_ADMIN);
    expect(result.data.chain).toEqual({
      intact: false,
      visibleEvents: 1,
      brokenId: ningbo.id.toString(),
      brokenVisible: false,
    });
    const html = render(result.data, "zh-CN");
    expect(html).toContain(`链已断裂：编号 #${ningbo.id}`);
    expect(html).toContain("该事件不在本辖区的查看范围内");
    expect(html).toContain('role="alert"');
  });
});
