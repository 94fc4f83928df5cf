import QRCode from "qrcode";

/**
 * The institution's single QR code (一码通). It encodes the short link `<origin>/i/<number>`,
 * which redirects to the public profile: the printed code stays valid even if the profile's
 * address ever changes, and a short text gives a small, easily scanned symbol.
 *
 * The `qrcode` package only computes the module matrix here; the SVG (page, download) and the
 * PDF certificate draw it themselves as vectors, so every rendering is crisp at any size.
 */

/** Light modules around the symbol that scanners need (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE = 4;

export type QrMatrix = { size: number; isDark: (row: number, col: number) => boolean };

export function shortLinkFor(origin: string, registrationNo: string): string {
  return `${origin.replace(/\/+$/, "")}/i/${encodeURIComponent(registrationNo)}`;
}

/** Error correction M (15 %): survives a smudged or creased print without growing the symbol much. */
export function qrMatrixFor(text: string): QrMatrix {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: "M" });
  return { size: modules.size, isDark: (row, col) => modules.get(row, col) === 1 };
}

/** The dark modules as one SVG path (runs of a row merged), in a viewBox that includes the quiet zone. */
export function qrSvgPath(matrix: QrMatrix): { viewBoxSize: number; path: string } {
  const parts: string[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      parts.push(`M${start + QR_QUIET_ZONE} ${row + QR_QUIET_ZONE}h${col - start}v1h-${col - start}z`);
    }
  }
  return { viewBoxSize: matrix.size + 2 * QR_QUIET_ZONE, path: parts.join("") };
}

// The code of a short link never changes: the profile page draws the same one on every visit.
const svgPaths = new Map<string, { viewBoxSize: number; path: string }>();
const SVG_PATHS_KEPT = 10_000;

/** `qrSvgPath(qrMatrixFor(text))`, computed once per text (a QR encode costs a few milliseconds). */
export function qrSvgPathFor(text: string): { viewBoxSize: number; path: string } {
  let found = svgPaths.get(text);
  if (!found) {
    found = qrSvgPath(qrMatrixFor(text));
    if (svgPaths.size >= SVG_PATHS_KEPT) svgPaths.clear();
    svgPaths.set(text, found);
  }
  return found;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A standalone SVG file of the code, with a title naming what it leads to. */
export function qrSvgDocument(text: string, title: string): string {
  const { viewBoxSize, path } = qrSvgPathFor(text);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${viewBoxSize} ${viewBoxSize}" width="${viewBoxSize * 8}" height="${viewBoxSize * 8}" role="img" shape-rendering="crispEdges">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${viewBoxSize}" height="${viewBoxSize}" fill="#fff"/>`,
    `<path d="${path}" fill="#000"/>`,
    "</svg>",
  ].join("");
}
