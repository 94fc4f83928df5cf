import { type AwsCredentials, EMPTY_PAYLOAD_HASH, sha256Hex, signRequest } from "./aws-sigv4.server";
import { assertStorageKey, type FileStorage, type StorageKey } from "./storage";

/**
 * Objects in an S3-compatible bucket, through four plain signed HTTP requests (PutObject,
 * GetObject, DeleteObject, HeadObject). Path-style addressing (`endpoint/bucket/key`) because
 * every S3-compatible store supports it and bucket names then need no DNS. PutObject is atomic
 * on the store's side: an object is visible whole or not at all.
 */
export type S3Config = {
  endpoint: string;
  bucket: string;
  region: string;
  credentials: AwsCredentials;
  /** Injected by tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
};

export class S3RequestFailed extends Error {
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(`S3 ${operation} answered ${status}${code ? ` ${code}` : ""}`);
  }
}

export function createS3Storage(config: S3Config): FileStorage {
  const send = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());
  const timeoutMs = config.timeoutMs ?? 30_000;
  const endpoint = new URL(config.endpoint);
  const basePath = endpoint.pathname.replace(/\/+$/, "");

  function objectUrl(key: StorageKey): URL {
    return new URL(`${basePath}/${encodeURIComponent(config.bucket)}/${assertStorageKey(key)}`, endpoint.origin);
  }

  async function request(method: string, key: StorageKey, body?: Uint8Array, contentType?: string) {
    const url = objectUrl(key);
    const headers = signRequest({
      method,
      url,
      headers: contentType ? { "content-type": contentType } : {},
      payloadHash: body ? sha256Hex(body) : EMPTY_PAYLOAD_HASH,
      region: config.region,
      service: "s3",
      credentials: config.credentials,
      now: now(),
    });
    // A copy typed as fetch wants it (an ArrayBuffer-backed view); uploads are a few megabytes at most.
    const payload = body ? new Uint8Array(body) : undefined;
    return send(url, { method, headers, body: payload, signal: AbortSignal.timeout(timeoutMs) });
  }

  async function failure(operation: string, response: Response): Promise<S3RequestFailed> {
    const text = await response.text().catch(() => "");
    return new S3RequestFailed(operation, response.status, /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? null);
  }

  return {
    async put(key, bytes, meta) {
      const response = await request("PUT", key, bytes, meta.contentType);
      if (!response.ok) throw await failure("PutObject", response);
      await response.body?.cancel();
    },

    async get(key) {
      const response = await request("GET", key);
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || !response.body) throw await failure("GetObject", response);
      const size = Number(response.headers.get("content-length"));
      return { body: response.body, size: Number.isFinite(size) ? size : 0 };
    },

    async delete(key) {
      const response = await request("DELETE", key);
      // S3 answers 204 whether or not the object was there; some compatible stores answer 404.
      if (!response.ok && response.status !== 404) throw await failure("DeleteObject", response);
      await response.body?.cancel();
    },

    async exists(key) {
      const response = await request("HEAD", key);
      await response.body?.cancel();
      if (response.status === 404) return false;
      if (!response.ok) throw new S3RequestFailed("HeadObject", response.status, null);
      return true;
    },
  };
}
