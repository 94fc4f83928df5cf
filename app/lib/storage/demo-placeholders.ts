import { createHash } from "node:crypto";
import type { FilePurpose } from "~/modules/registry/files-purposes";

/**
 * The demo never uploads anything. Each file id in a demo content has a stored_file row (the
 * content is complete and every reference resolves), but its storage key lies under
 * DEMO_PLACEHOLDER_KEY_PREFIX — never the shape of a real key (`ab/cd/<32 hex>`), so no demo row
 * can be mistaken for an upload or reach a real object. Its type, size and sha256 describe one of
 * the two placeholders below, which is what a file route should send for such a row.
 */
export const DEMO_PLACEHOLDER_KEY_PREFIX = "demo-placeholder/";

/** A 1×1 grey PNG: coach photos. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR42mM4AQAAygDJNEIn8wAAAABJRU5ErkJggg==",
  "base64",
);

/** A one-page PDF saying it is a placeholder: every document. */
function placeholderPdf(): Buffer {
  const text = "(Tipei demo data: placeholder document, nothing was uploaded.)";
  const stream = `BT /F1 14 Tf 72 720 Td ${text} Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

export type DemoPlaceholder = { bytes: Buffer; contentType: string; extension: string; sha256: string };

const placeholder = (bytes: Buffer, contentType: string, extension: string): DemoPlaceholder => ({
  bytes,
  contentType,
  extension,
  sha256: createHash("sha256").update(bytes).digest("hex"),
});

export const DEMO_PLACEHOLDER_PHOTO = placeholder(PNG, "image/png", "png");
export const DEMO_PLACEHOLDER_DOCUMENT = placeholder(placeholderPdf(), "application/pdf", "pdf");

/** Which placeholder a stored file of this purpose (app/modules/registry/files-purposes.ts) stands for. */
export function demoPlaceholderFor(purpose: FilePurpose): DemoPlaceholder {
  return purpose === "coachPhoto" ? DEMO_PLACEHOLDER_PHOTO : DEMO_PLACEHOLDER_DOCUMENT;
}

/** The placeholder a demo row stands for (by its recorded type), or null for a real upload. */
export function demoPlaceholderAt(storageKey: string, contentType: string): DemoPlaceholder | null {
  if (!storageKey.startsWith(DEMO_PLACEHOLDER_KEY_PREFIX)) return null;
  return contentType === DEMO_PLACEHOLDER_PHOTO.contentType ? DEMO_PLACEHOLDER_PHOTO : DEMO_PLACEHOLDER_DOCUMENT;
}
