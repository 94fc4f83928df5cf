import { identifyContent } from "~/lib/storage/file-signature";
import {
  jpegWithoutEoi,
  pngWithoutIend,
  sampleExecutable,
  sampleHtml,
  sampleJpeg,
  samplePdf,
  samplePng,
  sampleWebp,
  withoutLast,
} from "../../../fixtures/sample-files";

const text = (s: string) => new TextEncoder().encode(s);
const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

describe("identifying a file by its content", () => {
  it.each([
    ["a PDF", samplePdf(), "application/pdf"],
    ["a JPEG", sampleJpeg(), "image/jpeg"],
    ["a PNG", samplePng(), "image/png"],
    ["a WebP", sampleWebp(), "image/webp"],
  ])("accepts %s", (_name, file, contentType) => {
    expect(identifyContent(file)).toEqual({ verdict: "ok", contentType });
  });

  it("does not know an executable, whatever it is called", () => {
    expect(identifyContent(sampleExecutable())).toEqual({ verdict: "unknown" });
  });

  it("does not know an HTML page, even one that mentions %PDF later on", () => {
    expect(identifyContent(sampleHtml())).toEqual({ verdict: "unknown" });
    expect(identifyContent(join(sampleHtml(), samplePdf()))).toEqual({ verdict: "unknown" });
  });

  it("does not know SVG or HEIC images", () => {
    const svg = text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>');
    const heic = join(Uint8Array.of(0, 0, 0, 0x18), text("ftypheic"), new Uint8Array(16));
    expect(identifyContent(svg)).toEqual({ verdict: "unknown" });
    expect(identifyContent(heic)).toEqual({ verdict: "unknown" });
  });

  it("finds a PDF without its %%EOF trailer malformed (a truncated download or upload)", () => {
    const pdf = samplePdf();
    expect(identifyContent(withoutLast(pdf, 7))).toEqual({ verdict: "malformed", contentType: "application/pdf" });
    expect(identifyContent(pdf.subarray(0, 200))).toEqual({ verdict: "malformed", contentType: "application/pdf" });
  });

  it("finds a PDF whose header names no version malformed", () => {
    expect(identifyContent(text("%PDF-x\n%%EOF\n"))).toEqual({ verdict: "malformed", contentType: "application/pdf" });
  });

  it("finds a PNG without IEND malformed, and one cut inside a chunk", () => {
    expect(identifyContent(pngWithoutIend())).toEqual({ verdict: "malformed", contentType: "image/png" });
    expect(identifyContent(samplePng().subarray(0, 40))).toEqual({ verdict: "malformed", contentType: "image/png" });
  });

  it("finds a PNG that does not start with IHDR malformed", () => {
    const png = samplePng();
    const broken = Uint8Array.from(png);
    broken.set(text("IHDX"), 12);
    expect(identifyContent(broken)).toEqual({ verdict: "malformed", contentType: "image/png" });
  });

  it("finds a JPEG without its end-of-image marker malformed, even when its EXIF thumbnail has one", () => {
    expect(identifyContent(jpegWithoutEoi())).toEqual({ verdict: "malformed", contentType: "image/jpeg" });
    // Cut right after the EXIF block: the thumbnail's FF D9 is not the image's end.
    expect(identifyContent(sampleJpeg().subarray(0, 34))).toEqual({ verdict: "malformed", contentType: "image/jpeg" });
  });

  it("finds a JPEG with no image data malformed", () => {
    expect(identifyContent(Uint8Array.of(0xff, 0xd8, 0xff, 0xd9))).toEqual({
      verdict: "malformed",
      contentType: "image/jpeg",
    });
  });

  it("accepts bytes after a JPEG's end-of-image (camera trailers) but not a broken segment length", () => {
    expect(identifyContent(join(sampleJpeg(), text("trailer")))).toEqual({ verdict: "ok", contentType: "image/jpeg" });
    const broken = Uint8Array.from(sampleJpeg());
    broken.set([0xff, 0xff], 4); // the JFIF segment now claims 65535 bytes
    expect(identifyContent(broken)).toEqual({ verdict: "malformed", contentType: "image/jpeg" });
  });

  it("finds a WebP shorter than its RIFF header says malformed, and one with a forged VP8L chunk", () => {
    expect(identifyContent(withoutLast(sampleWebp(), 4))).toEqual({ verdict: "malformed", contentType: "image/webp" });
    const forged = Uint8Array.from(sampleWebp());
    forged[20] = 0x3c; // not the VP8L signature byte
    expect(identifyContent(forged)).toEqual({ verdict: "malformed", contentType: "image/webp" });
  });
});
