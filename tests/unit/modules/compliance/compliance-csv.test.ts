import { messagesFor, translator } from "~/lib/i18n/catalog";
import { CSV_BOM, complianceCsv, csvCell, csvDateTime, csvLine } from "~/modules/compliance/compliance-csv.server";
import type { ComplianceListRow } from "~/modules/compliance/compliance-read.server";

const row = (over: Partial<ComplianceListRow> = {}): ComplianceListRow => ({
  id: "i1",
  name: "杭州浪花游泳培训有限公司",
  registrationNo: "330106-2026-0001",
  district: { name: "西湖区", nameEn: "Xihu District" },
  grade: "C",
  evaluatedAt: "2026-11-20T16:30:00.000Z",
  failingRules: ["VEN-01", "STF-03"],
  warningRules: 0,
  ...over,
});

describe("CSV cells", () => {
  it("leaves plain text alone, Chinese included", () => {
    expect(csvCell("杭州浪花游泳培训有限公司")).toBe("杭州浪花游泳培训有限公司");
    expect(csvCell("330106-2026-0001")).toBe("330106-2026-0001");
    expect(csvCell("")).toBe("");
  });

  it("quotes commas, quotes and line breaks, doubling the quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("puts an apostrophe before anything a spreadsheet would run as a formula", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+86 571")).toBe("'+86 571");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=cmd")).toBe("'\t=cmd");
    expect(csvCell("\r=cmd")).toBe('"\'\r=cmd"');
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    // Only the first character counts: a dash inside is data.
    expect(csvCell("a-b=c")).toBe("a-b=c");
  });

  it("ends every line with CRLF", () => {
    expect(csvLine(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });

  it("writes times in China Standard Time", () => {
    expect(csvDateTime("2026-11-20T16:30:00.000Z")).toBe("2026-11-21 00:30");
    expect(csvDateTime("2026-01-01T00:05:00.000Z")).toBe("2026-01-01 08:05");
  });
});

describe("the compliance CSV", () => {
  const zh = translator(messagesFor("zh-CN"));
  const en = translator(messagesFor("en"));

  it("starts with a byte-order mark and a header in the reader's language", () => {
    const text = complianceCsv([], zh, "zh-CN");
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe("机构名称,备案编号,区（县）,等级,评估时间,不符合的规则\r\n");
    expect(complianceCsv([], en, "en").slice(1)).toBe(
      "Institution,Registration no.,District,Grade,Evaluated at,Failing rules\r\n",
    );
  });

  it("writes one line per institution with grade, time and failing rules", () => {
    const lines = complianceCsv([row(), row({ grade: null, evaluatedAt: null, failingRules: [] })], zh, "zh-CN")
      .slice(1)
      .split("\r\n");
    expect(lines[1]).toBe("杭州浪花游泳培训有限公司,330106-2026-0001,西湖区,C,2026-11-21 00:30,VEN-01; STF-03");
    expect(lines[2]).toBe("杭州浪花游泳培训有限公司,330106-2026-0001,西湖区,尚未评定,,");
    expect(lines[3]).toBe("");
    expect(complianceCsv([row()], en, "en")).toContain(",Xihu District,");
  });

  it("neutralises an institution name that is a formula", () => {
    const text = complianceCsv([row({ name: "=cmd|' /C calc'!A0", registrationNo: null })], zh, "zh-CN");
    expect(text.split("\r\n")[1]).toBe("'=cmd|' /C calc'!A0,,西湖区,C,2026-11-21 00:30,VEN-01; STF-03");
  });
});
