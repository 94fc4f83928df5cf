import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import type { Locale } from "~/lib/i18n/catalog";
import { changeRegistration } from "~/modules/registry/filing.server";
import { qrMatrixFor, qrSvgPath } from "~/modules/registry/qr-code.server";
import { loader as shortLinkLoader } from "~/routes/i.$registrationNo";
import InstitutionProfile, { loader } from "~/routes/institutions.$registrationNo";
import { loader as qrLoader } from "~/routes/institutions.$registrationNo.qr[.svg]";
import { completeContent } from "../../../fixtures/registration-content";
import { ownerClient, seedDemoData } from "../../../support/demo-database";
import { getRequest, loadContext, settle } from "../../../support/remix-calls";
import {
  HANGZHOU_ADMIN,
  HANGZHOU_APPLICANT,
  insertRegistered,
  registerThroughServices,
  XIHU_SWIM,
} from "./registry-fixtures";

const owner = ownerClient();
afterAll(() => owner.$disconnect());

const content = completeContent();
let registrationNo: string;

beforeAll(async () => {
  await seedDemoData();
  registrationNo = await registerThroughServices(XIHU_SWIM, HANGZHOU_APPLICANT, HANGZHOU_ADMIN, content);
});

/** Everything the filing holds that the public must never see. */
function privateValues(): string[] {
  const { entity, safetyStaff, documents, venues, coaches } = content;
  return [
    entity.legalRepresentative,
    entity.contactName,
    entity.contactPhone,
    entity.registeredAddress,
    safetyStaff.safetyOfficerName,
    safetyStaff.safetyOfficerPhone,
    ...safetyStaff.firstAid.map((f) => f.certificateNumber),
    documents.businessLicenseFileId,
    documents.venueLeaseFileId,
    documents.fireSafetyAcceptanceFileId,
    documents.insurancePolicyFileId,
    ...documents.highRiskPermits.flatMap((p) => [p.number, p.fileId]),
    ...venues.map((v) => v.fireSafetyFileId),
    ...coaches.flatMap((c) => c.certificates.map((cert) => cert.scanFileId)),
  ].filter((value): value is string => typeof value === "string" && value.length > 0);
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

async function load(number: string) {
  return loader({
    request: getRequest(`/institutions/${number}`),
    params: { registrationNo: number },
    context: loadContext(),
  });
}

async function profilePage(locale: Locale = "zh-CN") {
  const data = await load(registrationNo);
  const Stub = createRemixStub([
    {
      id: "root",
      path: "/",
      Component: Outlet,
      children: [{ id: "profile", path: "institutions/:registrationNo", Component: InstitutionProfile }],
    },
  ]);
  const html = quietLayoutEffectWarning(() =>
    renderToString(
      createElement(Stub, {
        initialEntries: [`/institutions/${registrationNo}`],
        hydrationData: { loaderData: { root: { locale }, profile: data } },
      }),
    ),
  );
  return { data, html };
}

async function setStatus(status: "APPROVED" | "SUSPENDED" | "REVOKED" | "CLOSED") {
  await owner.institution.update({ where: { id: XIHU_SWIM }, data: { status } });
}

describe("GET /institutions/:registrationNo", () => {
  it("shows the registration, funds supervision, courses with prices, coaches and venues", async () => {
    const { html } = await profilePage();
    for (const text of [
      "杭州浪花游泳培训有限公司",
      "已备案",
      "备案有效",
      "资金监管：未开通",
      "少儿游泳入门班",
      "每节 ¥120.00",
      "合计 ¥2,400.00",
      "6–12 岁",
      "每班最多 8 人",
      "周六 09:00–10:00",
      "文三路游泳馆",
      "陈浩",
      "SSI-330106-0001",
      "社会体育指导员证书",
      "LG-2026-0042",
      registrationNo,
      "2026-03-02",
      "杭州市西湖区文化和广电旅游体育局",
      `http://localhost/i/${registrationNo}`,
    ]) {
      expect(html, text).toContain(text);
    }
    expect(html).toContain(`src="/coach-photos/${content.coaches[0]?.photoFileId}"`);
    expect(html).not.toContain("请勿向该机构缴费");
  });

  it("never shows anything private, in the page or in its data, in either language", async () => {
    const secrets = privateValues();
    expect(secrets).toContain("13805710001");
    expect(secrets).toContain("王建国");
    for (const locale of ["zh-CN", "en"] as const) {
      const { data, html } = await profilePage(locale);
      for (const secret of secrets) {
        expect(html, secret).not.toContain(secret);
        expect(JSON.stringify(data), secret).not.toContain(secret);
      }
    }
  });

  it("warns “do not pay” for a suspended, revoked or closed institution, each with its reason", async () => {
    await changeRegistration(HANGZHOU_ADMIN, XIHU_SWIM, "suspend", "安全检查不合格");
    let { html } = await profilePage();
    expect(html).toContain('role="alert"');
    expect(html).toContain("请勿向该机构缴费");
    expect(html).toContain("备案已被监管部门暂停");
    expect(html).toContain("已暂停");

    await setStatus("REVOKED");
    ({ html } = await profilePage());
    expect(html).toContain("请勿向该机构缴费");
    expect(html).toContain("备案已被监管部门撤销");

    await setStatus("CLOSED");
    ({ html } = await profilePage("en"));
    expect(html).toContain("Do not pay this institution");
    expect(html).toContain("This institution has closed");

    await setStatus("APPROVED");
    ({ html } = await profilePage());
    expect(html).not.toContain("请勿向该机构缴费");
  });

  it("shows funds supervision as on once it is enabled", async () => {
    await owner.institution.update({ where: { id: XIHU_SWIM }, data: { fundsSupervisionEnabled: true } });
    const { html } = await profilePage();
    expect(html).toContain("资金监管：已开通");
    expect(html).not.toContain("未开通");
    await owner.institution.update({ where: { id: XIHU_SWIM }, data: { fundsSupervisionEnabled: false } });
  });

  it("shows no compliance grade while none has been computed", async () => {
    const { data, html } = await profilePage();
    expect(data.institution.complianceGrade).toBeNull();
    expect(html).not.toContain("合规等级");
  });

  it("draws the QR code of the short link inline", async () => {
    const { data } = await profilePage();
    expect(data.shortLink).toBe(`http://localhost/i/${registrationNo}`);
    expect(data.qr).toEqual(qrSvgPath(qrMatrixFor(`http://localhost/i/${registrationNo}`)));
  });

  it("answers 404 for an unknown or malformed number, and sends a loosely typed one to its address", async () => {
    for (const number of ["330106-2099-0001", "not-a-number", "330106"]) {
      const response = await settle(() => load(number));
      expect(response, number).toBeInstanceOf(Response);
      expect((response as Response).status, number).toBe(404);
    }
    const redirected = (await settle(() => load(registrationNo.replaceAll("-", "")))) as Response;
    expect(redirected.status).toBe(302);
    expect(redirected.headers.get("Location")).toBe(`/institutions/${registrationNo}`);
  });

  it("does not show an institution with a number whose status is not a registered one", async () => {
    const id = await insertRegistered(owner, {
      name: "状态异常测试机构",
      district: "330106",
      sports: ["SWIMMING"],
      registrationNo: "330106-2025-0099",
    });
    await owner.institution.update({ where: { id }, data: { status: "UNDER_REVIEW" } });
    const response = (await settle(() => load("330106-2025-0099"))) as Response;
    expect(response.status).toBe(404);
  });
});

describe("the QR code", () => {
  it("GET /i/:registrationNo redirects to the profile (the link the QR code encodes)", async () => {
    const response = shortLinkLoader({
      request: getRequest(`/i/${registrationNo}`),
      params: { registrationNo },
      context: loadContext(),
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/institutions/${registrationNo}`);
    const loose = shortLinkLoader({
      request: getRequest("/i/x"),
      params: { registrationNo: "３３０１０６２０２６０００１" },
      context: loadContext(),
    });
    expect(loose.headers.get("Location")).toBe(`/institutions/${registrationNo}`);
  });

  it("GET /institutions/:registrationNo/qr.svg is an SVG with an ETag, 304 when unchanged, 404 when unknown", async () => {
    const path = `/institutions/${registrationNo}/qr.svg`;
    const first = await qrLoader({ request: getRequest(path), params: { registrationNo }, context: loadContext() });
    expect(first.status).toBe(200);
    expect(first.headers.get("Content-Type")).toBe("image/svg+xml; charset=utf-8");
    const svg = await first.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain(qrSvgPath(qrMatrixFor(`http://localhost/i/${registrationNo}`)).path);
    expect(svg).toContain(`<title>体培一码通：备案编号 ${registrationNo}</title>`);
    const etag = first.headers.get("ETag") ?? "";
    expect(etag).toMatch(/^W\/".+"$/);

    const again = await qrLoader({
      request: new Request(`http://localhost${path}`, { headers: { "If-None-Match": etag } }),
      params: { registrationNo },
      context: loadContext(),
    });
    expect(again.status).toBe(304);

    const unknown = await qrLoader({
      request: getRequest("/institutions/330106-2099-0001/qr.svg"),
      params: { registrationNo: "330106-2099-0001" },
      context: loadContext(),
    });
    expect(unknown.status).toBe(404);
  });
});
