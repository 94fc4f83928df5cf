import { existsSync } from "node:fs";
import PDFDocument from "pdfkit";
import { type QrMatrix, qrMatrixFor } from "./qr-code.server";

/**
 * The printable registration certificate (备案证明): A4, the institution's name, its registration
 * facts and its QR code, which leads to the live public profile, so a certificate that outlives
 * its registration still tells a scanning parent the truth.
 *
 * Chinese text needs a CJK font embedded in the PDF; pdfkit's built-in fonts have no Chinese
 * glyphs and would print empty boxes (“tofu”). The font is a system package (Debian:
 * fonts-wqy-microhei, installed by scripts/setup/common.sh). Before anything is drawn, every
 * character is checked against the font: a certificate is refused rather than printed with tofu.
 * This module only lays out strings it is given; the route translates them.
 */

export type CjkFont = { path: string; postscriptName: string };

/** Fonts tried in order (TrueType collections: pdfkit needs the face's PostScript name). */
export const CJK_FONT_CANDIDATES: readonly CjkFont[] = [
  { path: "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", postscriptName: "WenQuanYiMicroHei" },
  { path: "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", postscriptName: "WenQuanYiZenHei" },
];

export class CertificateFontMissing extends Error {
  constructor() {
    super(
      `no CJK font for certificates; install fonts-wqy-microhei (looked for ${CJK_FONT_CANDIDATES.map((f) => f.path).join(", ")})`,
    );
  }
}

export class CertificateGlyphsMissing extends Error {
  constructor(readonly codePoints: string[]) {
    super(`the certificate font has no glyph for ${codePoints.join(" ")}`);
  }
}

export function findCjkFont(candidates: readonly CjkFont[] = CJK_FONT_CANDIDATES): CjkFont | null {
  return candidates.find((font) => existsSync(font.path)) ?? null;
}

export type CertificateContent = {
  /** BCP 47 language of the text, written into the PDF for screen readers. */
  lang: string;
  title: string;
  subtitle: string;
  institutionName: string;
  fields: { label: string; value: string }[];
  /** What the QR code encodes: the short link to the public profile. */
  qrText: string;
  qrCaption: string;
  footnote: string;
};

type GlyphLookup = { hasGlyphForCodePoint: (codePoint: number) => boolean };

/**
 * The fontkit face pdfkit embeds for the current font. pdfkit does not expose it in its types,
 * so its shape is checked at run time: if pdfkit ever changes, certificates stop (an error), they
 * do not start printing tofu.
 */
function glyphLookupOf(doc: PDFKit.PDFDocument): GlyphLookup {
  const font = (doc as unknown as { _font?: { font?: Partial<GlyphLookup> } })._font?.font;
  const lookup = font?.hasGlyphForCodePoint;
  if (typeof lookup !== "function") throw new Error("pdfkit no longer exposes the embedded font's glyphs");
  return { hasGlyphForCodePoint: (codePoint) => lookup.call(font, codePoint) };
}

function missingGlyphs(font: GlyphLookup, texts: string[]): string[] {
  const missing = new Set<string>();
  for (const text of texts) {
    for (const char of text) {
      if (/\s/u.test(char)) continue;
      const codePoint = char.codePointAt(0) ?? 0;
      if (!font.hasGlyphForCodePoint(codePoint)) missing.add(`U+${codePoint.toString(16).toUpperCase()}`);
    }
  }
  return [...missing];
}

function drawQr(doc: PDFKit.PDFDocument, matrix: QrMatrix, x: number, y: number, size: number): void {
  // The white square includes a quiet zone of 4 modules, as scanners expect.
  const module = size / (matrix.size + 8);
  doc.rect(x, y, size, size).fill("#ffffff");
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      doc.rect(x + (start + 4) * module, y + (row + 4) * module, (col - start) * module, module);
    }
  }
  doc.fill("#000000");
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 64;

/** Renders the certificate; rejects with CertificateGlyphsMissing before drawing anything unprintable. */
export function renderCertificatePdf(content: CertificateContent, font: CjkFont): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: MARGIN,
    lang: content.lang,
    info: { Title: `${content.title} · ${content.institutionName}`, Creator: "Tipei" },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont("cjk", font.path, font.postscriptName);
  doc.font("cjk");
  const texts = [
    content.title,
    content.subtitle,
    content.institutionName,
    ...content.fields.flatMap((f) => [f.label, f.value]),
    content.qrCaption,
    content.qrText,
    content.footnote,
  ];
  const missing = missingGlyphs(glyphLookupOf(doc), texts);
  if (missing.length > 0) {
    doc.end();
    return Promise.reject(new CertificateGlyphsMissing(missing));
  }

  const width = A4.width - 2 * MARGIN;
  // A double frame, the look of a printed certificate.
  doc
    .lineWidth(2)
    .rect(28, 28, A4.width - 56, A4.height - 56)
    .stroke("#06315a");
  doc
    .lineWidth(0.5)
    .rect(36, 36, A4.width - 72, A4.height - 72)
    .stroke("#06315a");

  doc.fillColor("#06315a").fontSize(26).text(content.title, MARGIN, 96, { width, align: "center" });
  doc.moveDown(0.3).fillColor("#475569").fontSize(11).text(content.subtitle, { width, align: "center" });
  doc.moveDown(1.6).fillColor("#0f172a").fontSize(20).text(content.institutionName, { width, align: "center" });
  doc.moveDown(1.4);

  const labelWidth = 150;
  doc.fontSize(12);
  for (const field of content.fields) {
    const top = doc.y;
    doc.fillColor("#475569").text(field.label, MARGIN, top, { width: labelWidth });
    const labelBottom = doc.y;
    doc.fillColor("#0f172a").text(field.value, MARGIN + labelWidth, top, { width: width - labelWidth });
    doc.y = Math.max(labelBottom, doc.y) + 6;
  }

  const qrSize = 150;
  const qrTop = Math.max(doc.y + 24, A4.height - 330);
  drawQr(doc, qrMatrixFor(content.qrText), (A4.width - qrSize) / 2, qrTop, qrSize);
  doc
    .fillColor("#0f172a")
    .fontSize(11)
    .text(content.qrCaption, MARGIN, qrTop + qrSize + 8, { width, align: "center" });
  doc.fillColor("#475569").fontSize(9).text(content.qrText, { width, align: "center" });
  doc
    .fillColor("#475569")
    .fontSize(9)
    .text(content.footnote, MARGIN, A4.height - 110, { width, align: "center" });

  doc.end();
  return finished;
}
