import { attachmentName } from "~/components/operations/download-link";

describe("the file name a download offers", () => {
  it("takes the UTF-8 name (RFC 5987) before the ASCII fallback", () => {
    const header = `attachment; filename="compliance-hangzhou-2026-12-06.csv"; filename*=UTF-8''${encodeURIComponent(
      "合规情况-hangzhou-2026-12-06.csv",
    )}`;
    expect(attachmentName(header)).toBe("合规情况-hangzhou-2026-12-06.csv");
  });

  it("falls back to the plain name when the UTF-8 one is missing or malformed", () => {
    expect(attachmentName('attachment; filename="risk-x.csv"')).toBe("risk-x.csv");
    expect(attachmentName("attachment; filename=\"risk-x.csv\"; filename*=UTF-8''%E5%ZZ.csv")).toBe("risk-x.csv");
  });

  it("answers null without a header or a name", () => {
    expect(attachmentName(null)).toBeNull();
    expect(attachmentName("inline")).toBeNull();
  });
});
