import { CertificateGlyphsMissing, findCjkFont, renderCertificatePdf } from "~/modules/registry/certificate-pdf.server";
import { changeRegistration } from "~/modules/registry/filing.server";
import { loader } from "~/routes/org.$institutionId.certificate[.pdf]";
import { completeContent } from "../../../fixtures/registration-content";
import { seedDemoData } from "../../../support/demo-database";
import { getRequest, loadContext, settle } from "../../../support/remix-calls";
import { sessionCookie } from "../../../support/session-cookie";
import {
  HANGZHOU_ADMIN,
  HANGZHOU_APPLICANT,
  registerThroughServices,
  XIHU_SWIM,
  YINZHOU_FOOTBALL,
} from "./registry-fixtures";

let admin: string;
let staff: string;
let foreigner: string;

beforeAll(async () => {
  await seedDemoData();
  admin = await sessionCookie("xihu.swim@tipei.example");
  staff = await sessionCookie("xihu.swim.staff@tipei.example");
  foreigner = await sessionCookie("yinzhou.football@tipei.example");
});

async function certificate(institutionId: string, cookie?: string): Promise<Response> {
  return (await settle(() =>
    loader({
      request: getRequest(`/org/${institutionId}/certificate.pdf`, cookie),
      params: { institutionId },
      context: loadContext(),
    }),
  )) as Response;
}

describe("GET /org/:institutionId/certificate.pdf", () => {
  it("sends a visitor to sign in and hides another institution's certificate", async () => {
    const anonymous = await certificate(XIHU_SWIM);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await certificate(XIHU_SWIM, foreigner)).status).toBe(404);
    expect((await certificate(YINZHOU_FOOTBALL, admin)).status).toBe(404);
  });

  it("has none before the institution is registered", async () => {
    expect((await certificate(XIHU_SWIM, admin)).status).toBe(404);
  });

  it("gives the institution's members a PDF with the CJK font embedded once registered", async () => {
    const registrationNo = await registerThroughServices(
      XIHU_SWIM,
      HANGZHOU_APPLICANT,
      HANGZHOU_ADMIN,
      completeContent(),
    );
    for (const cookie of [admin, staff]) {
      const response = await certificate(XIHU_SWIM, cookie);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/pdf");
      expect(response.headers.get("Content-Disposition")).toBe(
        `attachment; filename="tipei-certificate-${registrationNo}.pdf"`,
      );
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
      const pdf = Buffer.from(await response.arrayBuffer());
      expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      const text = pdf.toString("latin1");
      // The Chinese text is set in the embedded (subset) CJK font, with a ToUnicode map so it can be copied.
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+WenQuanYiMicroHei/);
      expect(text).toContain("/ToUnicode");
      expect(text).not.toContain("/Helvetica");
    }
  });

  it("issues none while the registration is suspended", async () => {
    await changeRegistration(HANGZHOU_ADMIN, XIHU_SWIM, "suspend", "安全检查不合格");
    const response = await certificate(XIHU_SWIM, admin);
    expect(response.status).toBe(409);
    expect(await response.text()).toContain("备案当前不在有效状态");
    await changeRegistration(HANGZHOU_ADMIN, XIHU_SWIM, "reinstate", "整改完成");
  });
});

describe("the certificate renderer", () => {
  const font = findCjkFont();
  const content = {
    lang: "zh-CN",
    title: "校外体育培训机构备案证明",
    subtitle: "体培",
    institutionName: "杭州浪花游泳培训有限公司",
    fields: [{ label: "备案编号", value: "330106-2026-0001" }],
    qrText: "http://localhost/i/330106-2026-0001",
    qrCaption: "扫码查验",
    footnote: "以扫码结果为准",
  };

  it("finds the CJK font the set-up installs", () => {
    expect(font?.path).toBe("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
  });

  it("refuses a text the font cannot draw rather than printing empty boxes", async () => {
    if (!font) throw new Error("no CJK font");
    // 𪚥 (U+2A6A5, CJK Extension B) is beyond WenQuanYi Micro Hei's coverage.
    await expect(renderCertificatePdf({ ...content, institutionName: "杭州𪚥游泳" }, font)).rejects.toEqual(
      new CertificateGlyphsMissing(["U+2A6A5"]),
    );
    await expect(renderCertificatePdf(content, font)).resolves.toBeInstanceOf(Buffer);
  });
});
