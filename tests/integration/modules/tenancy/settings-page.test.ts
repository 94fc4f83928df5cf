import { PrismaPg } from "@prisma/adapter-pg";
import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { PrismaClient } from "~/generated/prisma/client.ts";
import type { Locale } from "~/lib/i18n/catalog";
import { localeCookie } from "~/lib/i18n/locale.server";
import { createSession } from "~/modules/identity/session.server";
import { SETTING_CHANGED } from "~/modules/tenancy/settings.server";
import { isoDateInChina } from "~/modules/tenancy/settings-schema";
import AuthoritySettings, { action, loader } from "~/routes/gov.$authority.settings";
import { seedDemo } from "../../../../prisma/seed/demo";
import { stableId } from "../../../../prisma/seed/stable-id";
import { outcome, settle } from "../../../support/remix-calls";

const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
afterAll(() => owner.$disconnect());

const ZHEJIANG = stableId("authority", "330000");
const HANGZHOU = stableId("authority", "330100");
const XIHU = stableId("authority", "330106");
const user = (email: string) => stableId("user", email);
const ZHEJIANG_ADMIN = user("zhejiang.admin@tipei.example");
const HANGZHOU_ADMIN = user("hangzhou.admin@tipei.example");
const XIHU_INSPECTOR = user("xihu.inspector@tipei.example");
const context = { cspNonce: "", requestId: "test", clientIp: null };
const cookies = new Map<string, string>();

beforeAll(async () => {
  await seedDemo(owner);
  await owner.membership.createMany({
    data: [
      { userId: ZHEJIANG_ADMIN, role: "REGULATOR_ADMIN", authorityId: ZHEJIANG },
      { userId: HANGZHOU_ADMIN, role: "REGULATOR_ADMIN", authorityId: HANGZHOU },
      { userId: XIHU_INSPECTOR, role: "INSPECTOR", authorityId: XIHU },
    ],
    skipDuplicates: true,
  });
  for (const id of [ZHEJIANG_ADMIN, HANGZHOU_ADMIN, XIHU_INSPECTOR]) {
    const setCookie = await createSession(id, { ip: null, userAgent: null });
    cookies.set(id, setCookie.split(";")[0] ?? "");
  }
});

beforeEach(async () => {
  await owner.authority.updateMany({ data: { settings: {} } });
});

async function cookieFor(userId: string, locale: Locale = "zh-CN"): Promise<string> {
  const lng = (await localeCookie.serialize(locale)).split(";")[0];
  return [cookies.get(userId), lng].filter(Boolean).join("; ");
}

async function load(slug: string, userId: string, locale: Locale = "zh-CN") {
  const request = new Request(`http://localhost/gov/${slug}/settings`, {
    headers: { Cookie: await cookieFor(userId, locale) },
  });
  return loader({ request, params: { authority: slug }, context });
}

async function post(slug: string, userId: string, fields: [string, string][]) {
  const request = new Request(`http://localhost/gov/${slug}/settings`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { Cookie: await cookieFor(userId), "Content-Type": "application/x-www-form-urlencoded" },
  });
  return outcome(await settle(() => action({ request, params: { authority: slug }, context })));
}

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

function render(data: Awaited<ReturnType<typeof load>>, locale: Locale): string {
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      Component: Outlet,
      children: [{ id: "settings", path: "gov/:authority/settings", Component: AuthoritySettings }],
    },
  ]);
  return quietLayoutEffectWarning(() =>
    renderToString(
      createElement(Stub, {
        initialEntries: ["/gov/hangzhou-xihu/settings"],
        hydrationData: { loaderData: { root: { locale }, settings: data } },
      }),
    ),
  );
}

const today = () => isoDateInChina(new Date());

describe("/gov/:authority/settings", () => {
  it("lets an inspector view the settings but not change them", async () => {
    const page = await load("hangzhou-xihu", XIHU_INSPECTOR);
    expect(page.canEdit).toBe(false);
    expect(page.overview.parameters.find((p) => p.key === "FEE-01.maxMonths")?.current.value).toBe(3);
    const refused = await post("hangzhou-xihu", XIHU_INSPECTOR, [
      ["intent", "set"],
      ["key", "FEE-01.maxMonths"],
      ["value", "2"],
      ["effectiveFrom", today()],
    ]);
    expect(refused.status).toBe(403);
    expect(await owner.authority.findUniqueOrThrow({ where: { id: XIHU }, select: { settings: true } })).toEqual({
      settings: {},
    });
  });

  it("answers 404 for another city's settings", async () => {
    const response = await settle(() => load("ningbo", HANGZHOU_ADMIN));
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(404);
  });

  it("saves a value posted by an admin, with a notice, and audits it", async () => {
    const saved = await post("hangzhou", HANGZHOU_ADMIN, [
      ["intent", "set"],
      ["key", "FEE-03.maxAmountFen"],
      ["value", "4000"],
      ["effectiveFrom", today()],
    ]);
    expect(saved).toMatchObject({
      status: 200,
      body: { ok: true, intent: "set", key: "FEE-03.maxAmountFen", notice: "settings.notice.saved" },
    });
    const page = await load("hangzhou-xihu", XIHU_INSPECTOR);
    expect(page.overview.parameters.find((p) => p.key === "FEE-03.maxAmountFen")?.current).toMatchObject({
      value: 400_000,
      source: { kind: "authority", authorityId: HANGZHOU },
    });
    const events = await owner.auditEvent.findMany({ where: { action: SETTING_CHANGED, entityId: HANGZHOU } });
    expect(events.at(-1)?.actorUserId).toBe(HANGZHOU_ADMIN);
  });

  it("reads the school-hours window from checkboxes and two times", async () => {
    const saved = await post("hangzhou", HANGZHOU_ADMIN, [
      ["intent", "set"],
      ["key", "SCH-03.schoolHours"],
      ["days", "1"],
      ["days", "2"],
      ["days", "3"],
      ["days", "4"],
      ["days", "5"],
      ["from", "07:50"],
      ["to", "17:00"],
      ["effectiveFrom", today()],
    ]);
    expect(saved.status).toBe(200);
    const row = await owner.authority.findUniqueOrThrow({ where: { id: HANGZHOU }, select: { settings: true } });
    expect(row.settings).toEqual({
      version: 1,
      overrides: {
        "SCH-03.schoolHours": [
          { effectiveFrom: today(), value: { days: [1, 2, 3, 4, 5], from: "07:50", to: "17:00" } },
        ],
      },
    });
  });

  it("answers bad input with 400 and errors on the fields of that parameter's form", async () => {
    const refused = await post("hangzhou", HANGZHOU_ADMIN, [
      ["intent", "set"],
      ["key", "FEE-01.maxMonths"],
      ["value", "40"],
      ["effectiveFrom", "2020-01-01"],
    ]);
    expect(refused).toMatchObject({
      status: 400,
      body: {
        ok: false,
        intent: "set",
        key: "FEE-01.maxMonths",
        fieldErrors: { effectiveFrom: ["validation.settings.pastDate"] },
      },
    });
    const outOfRange = await post("hangzhou", HANGZHOU_ADMIN, [
      ["intent", "set"],
      ["key", "FEE-01.maxMonths"],
      ["value", "40"],
      ["effectiveFrom", today()],
    ]);
    expect(outOfRange.body).toMatchObject({ fieldErrors: { value: ["validation.settings.outOfRange"] } });
    const unknownIntent = await post("hangzhou", HANGZHOU_ADMIN, [["intent", "drop"]]);
    expect(unknownIntent).toMatchObject({ status: 400, body: { formError: "validation.badForm" } });
    expect(await owner.authority.findUniqueOrThrow({ where: { id: HANGZHOU }, select: { settings: true } })).toEqual({
      settings: {},
    });
  });

  it("removes this authority's own override", async () => {
    await post("hangzhou", HANGZHOU_ADMIN, [
      ["intent", "set"],
      ["key", "STF-01.maxClassSize"],
      ["value", "30"],
      ["effectiveFrom", today()],
    ]);
    const removed = await post("hangzhou", HANGZHOU_ADMIN, [
      ["intent", "remove"],
      ["key", "STF-01.maxClassSize"],
      ["effectiveFrom", today()],
    ]);
    expect(removed.body).toMatchObject({ ok: true, notice: "settings.notice.removed" });
    const page = await load("hangzhou", HANGZHOU_ADMIN);
    expect(page.overview.parameters.find((p) => p.key === "STF-01.maxClassSize")?.current.source).toEqual({
      kind: "default",
    });
  });

  it("renders every family with the source of each value, in Chinese and in English", async () => {
    await post("zhejiang", ZHEJIANG_ADMIN, [
      ["intent", "set"],
      ["key", "FEE-01.maxMonths"],
      ["value", "2"],
      ["effectiveFrom", today()],
    ]);
    const zh = render(await load("hangzhou-xihu", XIHU_INSPECTOR, "zh-CN"), "zh-CN");
    for (const text of ["参数设置", "单次收费不超过规定月数", "继承自浙江省体育局", "2 个月", "资金预警", "默认值"])
      expect(zh).toContain(text);
    // An inspector gets no forms.
    expect(zh).not.toContain('name="intent"');
    const en = render(await load("hangzhou-xihu", XIHU_INSPECTOR, "en"), "en");
    for (const text of ["Settings", "One payment covers at most a set number of months", "Inherited from", "2 months"])
      expect(en).toContain(text);
    const admin = render(await load("hangzhou", HANGZHOU_ADMIN, "zh-CN"), "zh-CN");
    // The forms carry their values in the markup: they work before (or without) JavaScript.
    expect(admin).toContain('<input type="hidden" name="intent" value="set"/>');
    expect(admin).toContain('<input type="hidden" name="key" value="FEE-01.maxMonths"/>');
    expect(admin).toMatch(/<input type="radio" name="value" checked="" value="on"\/>/);
    expect(admin).toContain("修改“单次收费最长覆盖月数”");
  });
});
