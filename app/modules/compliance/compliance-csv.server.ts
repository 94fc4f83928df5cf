import type { Locale, Translate } from "~/lib/i18n/catalog";
import type { ComplianceListRow } from "./compliance-read.server";

/**
 * The compliance list as CSV for spreadsheets. UTF-8 with a byte-order mark, or Excel reads the
 * Chinese as mojibake; CRLF line ends and RFC 4180 quoting. Institution names are typed by
 * applicants, so a cell that a spreadsheet would run as a formula (= + - @, or a leading tab or
 * carriage return, as OWASP lists them) gets an apostrophe in front and stays text.
 */
export const CSV_BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell: neutralised against formula injection, quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** "2026-11-23 08:05" in China Standard Time: a form spreadsheets read as a date and time. */
export function csvDateTime(value: string | Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(value));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")} ${part("hour")}:${part("minute")}`;
}

/** The whole file: BOM, a header in the reader's language, one line per institution. */
export function complianceCsv(rows: readonly ComplianceListRow[], t: Translate, locale: Locale): string {
  const header = csvLine([
    t("compliance.csv.institution"),
    t("compliance.csv.registrationNo"),
    t("compliance.csv.district"),
    t("compliance.csv.grade"),
    t("compliance.csv.evaluatedAt"),
    t("compliance.csv.failingRules"),
  ]);
  const lines = rows.map((row) =>
    csvLine([
      row.name,
      row.registrationNo ?? "",
      locale === "en" ? row.district.nameEn : row.district.name,
      row.grade ?? t("compliance.grade.none"),
      row.evaluatedAt ? csvDateTime(row.evaluatedAt) : "",
      row.failingRules.join("; "),
    ]),
  );
  return `${CSV_BOM}${header}${lines.join("")}`;
}
