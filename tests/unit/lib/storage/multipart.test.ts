import { parseMultipartForm } from "~/lib/forms/multipart.server";
import { fileOf, samplePdf } from "../../../fixtures/sample-files";

// Tests of app/lib/forms/multipart.server.ts: the way files reach the storage checks.
const LIMITS = { maxPartBytes: 1024, maxTotalBytes: 4096 };

function multipartRequest(form: FormData, headers: Record<string, string> = {}): Request {
  const encoded = new Response(form);
  return new Request("http://localhost/org/x/filing", {
    method: "POST",
    body: encoded.body,
    headers: { "Content-Type": encoded.headers.get("Content-Type") ?? "", ...headers },
    duplex: "half",
  } as RequestInit);
}

/** A body that never says how long it is, and counts what the server pulled from it. */
function streamingRequest(boundary: string, chunk: Uint8Array, chunks: number) {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === 0) controller.enqueue(new TextEncoder().encode(`--${boundary}\r\n`));
      if (pulled >= chunks) return controller.close();
      pulled++;
      controller.enqueue(chunk);
    },
  });
  const request = new Request("http://localhost/upload", {
    method: "POST",
    body,
    headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` },
    duplex: "half",
  } as RequestInit);
  return { request, pulled: () => pulled };
}

async function failureOf(result: Awaited<ReturnType<typeof parseMultipartForm>>) {
  if (result.ok) throw new Error("expected a refusal");
  const response = result.response as unknown as { data: unknown; init: ResponseInit | null };
  return { status: response.init?.status, body: response.data };
}

describe("reading a multipart form", () => {
  it("gives text fields as parseForm does (dotted names nested) and the chosen files by name", async () => {
    const form = new FormData();
    form.append("name", "陈浩");
    form.append("certificates.0.number", "SSI-1");
    form.append("sports", "SWIMMING");
    form.append("sports", "DIVING");
    form.append("photo", fileOf(samplePdf().subarray(0, 100), "照片.jpg", "image/jpeg"));
    const result = await parseMultipartForm(multipartRequest(form), LIMITS);
    if (!result.ok) throw new Error("refused");
    expect(result.form.values).toEqual({
      name: "陈浩",
      certificates: [{ number: "SSI-1" }],
      sports: ["SWIMMING", "DIVING"],
    });
    expect([...result.form.files.keys()]).toEqual(["photo"]);
    const [photo] = result.form.files.get("photo") ?? [];
    expect(photo?.name).toBe("照片.jpg");
    expect(photo?.size).toBe(100);
  });

  it('leaves out a file input left empty (a browser sends it with filename="" and no bytes)', async () => {
    const body =
      '--B\r\nContent-Disposition: form-data; name="scan"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n' +
      '--B\r\nContent-Disposition: form-data; name="name"\r\n\r\n王\r\n--B--\r\n';
    const request = new Request("http://localhost/upload", {
      method: "POST",
      body,
      headers: { "Content-Type": "multipart/form-data; boundary=B" },
    });
    const result = await parseMultipartForm(request, LIMITS);
    if (!result.ok) throw new Error("refused");
    expect(result.form.values).toEqual({ name: "王" });
    expect(result.form.files.size).toBe(0);
  });

  it("keeps an empty file that has a name, so the upload check can say it is empty", async () => {
    const form = new FormData();
    form.append("scan", new File([], "scan.pdf", { type: "application/pdf" }));
    const result = await parseMultipartForm(multipartRequest(form), LIMITS);
    expect(result.ok && result.form.files.get("scan")?.[0]?.size).toBe(0);
  });

  it("answers 413 before reading when the declared length is over the cap", async () => {
    const form = new FormData();
    form.append("name", "x");
    const result = await parseMultipartForm(multipartRequest(form, { "Content-Length": "999999" }), LIMITS);
    expect(await failureOf(result)).toEqual({
      status: 413,
      body: { ok: false, fieldErrors: {}, formError: "validation.upload.requestTooLarge" },
    });
  });

  it("answers 413 and stops pulling the body once an undeclared body passes the cap", async () => {
    const { request, pulled } = streamingRequest("b0undary", new Uint8Array(512).fill(0x61), 1000);
    const result = await parseMultipartForm(request, { maxPartBytes: 1_000_000, maxTotalBytes: 4096 });
    expect((await failureOf(result)).status).toBe(413);
    expect(pulled()).toBeLessThan(20);
  });

  it("answers 413 naming the field when one file is over the part limit", async () => {
    const form = new FormData();
    form.append("name", "x");
    form.append("licence", fileOf(new Uint8Array(2000), "licence.pdf"));
    const result = await parseMultipartForm(multipartRequest(form), LIMITS);
    expect(await failureOf(result)).toEqual({
      status: 413,
      body: {
        ok: false,
        fieldErrors: { licence: ["validation.upload.tooLarge"] },
        formError: "validation.upload.requestTooLarge",
      },
    });
  });

  it("answers 400 to a body that is not a multipart form", async () => {
    const urlencoded = new Request("http://localhost/upload", {
      method: "POST",
      body: new URLSearchParams({ a: "b" }),
    });
    expect(await failureOf(await parseMultipartForm(urlencoded, LIMITS))).toEqual({
      status: 400,
      body: { ok: false, fieldErrors: {}, formError: "validation.badForm" },
    });
    const garbled = new Request("http://localhost/upload", {
      method: "POST",
      body: "--other\r\nX-Not-A-Disposition: 1\r\n\r\nvalue\r\n--other--\r\n",
      headers: { "Content-Type": "multipart/form-data; boundary=other" },
    });
    expect((await failureOf(await parseMultipartForm(garbled, LIMITS))).status).toBe(400);
  });
});
