import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type AwsCredentials, signRequest } from "~/lib/storage/aws-sigv4.server";

/**
 * A tiny S3 for tests: PutObject, GetObject, HeadObject and DeleteObject on one bucket, path
 * style, in memory. Every request must carry a valid SigV4 Authorization for the known key and
 * a body matching its declared sha256, as S3 demands.
 */
export type S3Emulator = {
  endpoint: string;
  objects: Map<string, { body: Buffer; contentType: string }>;
  requests: { method: string; path: string }[];
  close(): Promise<void>;
};

export async function startS3Emulator(options: {
  bucket: string;
  region: string;
  credentials: AwsCredentials;
}): Promise<S3Emulator> {
  const objects = new Map<string, { body: Buffer; contentType: string }>();
  const requests: { method: string; path: string }[] = [];

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const method = req.method ?? "GET";
    requests.push({ method, path: url.pathname });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);

    const problem = authorizationProblem(req, url, method);
    if (problem) return fail(res, 403, problem);
    if (createHash("sha256").update(body).digest("hex") !== req.headers["x-amz-content-sha256"])
      return fail(res, 400, "XAmzContentSHA256Mismatch");

    const prefix = `/${options.bucket}/`;
    if (!url.pathname.startsWith(prefix)) return fail(res, 404, "NoSuchBucket");
    const key = decodeURIComponent(url.pathname.slice(prefix.length));
    const stored = objects.get(key);
    switch (method) {
      case "PUT":
        objects.set(key, { body, contentType: req.headers["content-type"] ?? "binary/octet-stream" });
        res.writeHead(200, { ETag: `"${createHash("md5").update(body).digest("hex")}"` }).end();
        return;
      case "GET":
      case "HEAD":
        if (!stored) return fail(res, 404, "NoSuchKey");
        res.writeHead(200, { "Content-Type": stored.contentType, "Content-Length": stored.body.length });
        res.end(method === "GET" ? stored.body : undefined);
        return;
      case "DELETE":
        objects.delete(key);
        res.writeHead(204).end();
        return;
      default:
        return fail(res, 405, "MethodNotAllowed");
    }
  }

  /** Recomputes the signature from what arrived, with the secret the emulator knows. */
  function authorizationProblem(req: IncomingMessage, url: URL, method: string): string | null {
    const authorization = req.headers.authorization ?? "";
    const match =
      /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/s3\/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=[0-9a-f]{64}$/.exec(
        authorization,
      );
    if (!match) return "AccessDenied";
    const [, accessKeyId, , region, signedHeaders] = match;
    if (accessKeyId !== options.credentials.accessKeyId) return "InvalidAccessKeyId";
    const date = String(req.headers["x-amz-date"] ?? "");
    const now = new Date(date.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
    if (Number.isNaN(now.getTime())) return "AccessDenied";
    const headers: Record<string, string> = {};
    for (const name of (signedHeaders ?? "").split(";")) {
      if (["host", "x-amz-date", "x-amz-content-sha256"].includes(name)) continue;
      headers[name] = String(req.headers[name] ?? "");
    }
    const expected = signRequest({
      method,
      url,
      headers,
      payloadHash: String(req.headers["x-amz-content-sha256"] ?? ""),
      region: region ?? "",
      service: "s3",
      credentials: options.credentials,
      now,
    });
    return expected.authorization === authorization && region === options.region ? null : "SignatureDoesNotMatch";
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => fail(res, 500, "InternalError"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    objects,
    requests,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

function fail(res: ServerResponse, status: number, code: string) {
  const body = `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code></Error>`;
  res.writeHead(status, { "Content-Type": "application/xml" }).end(res.req.method === "HEAD" ? undefined : body);
}
