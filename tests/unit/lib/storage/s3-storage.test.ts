import { EMPTY_PAYLOAD_HASH, sha256Hex, signRequest } from "~/lib/storage/aws-sigv4.server";
import { createS3Storage, S3RequestFailed } from "~/lib/storage/s3-storage.server";
import { newStorageKey, type StorageKey } from "~/lib/storage/storage";
import { type S3Emulator, startS3Emulator } from "./s3-emulator";

// AWS's published example credentials (docs: "Signature Calculations for the Authorization Header").
const EXAMPLE = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };

describe("SigV4 signing", () => {
  it("reproduces AWS's GetObject example", () => {
    const headers = signRequest({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { Range: "bytes=0-9" },
      payloadHash: EMPTY_PAYLOAD_HASH,
      region: "us-east-1",
      service: "s3",
      credentials: EXAMPLE,
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, " +
        "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, " +
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers["x-amz-date"]).toBe("20130524T000000Z");
  });

  it("reproduces AWS's PutObject example (a key with a character to encode, a signed body)", () => {
    const body = "Welcome to Amazon S3.";
    expect(sha256Hex(body)).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
    const headers = signRequest({
      method: "PUT",
      url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
      headers: { Date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      payloadHash: sha256Hex(body),
      region: "us-east-1",
      service: "s3",
      credentials: EXAMPLE,
      now: new Date("2013-05-24T00:00:00Z"),
    });
    expect(headers.authorization).toMatch(
      /SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd$/,
    );
  });
});

describe("the S3 storage against an S3 emulator", () => {
  const bucket = "tipei-files";
  const region = "cn-north-1";
  const credentials = { accessKeyId: "TIPEITESTKEY", secretAccessKey: "tipei-test-secret-0123456789" };
  let emulator: S3Emulator;
  beforeAll(async () => {
    emulator = await startS3Emulator({ bucket, region, credentials });
  });
  afterAll(() => emulator.close());

  const storage = () => createS3Storage({ endpoint: emulator.endpoint, bucket, region, credentials });

  it("puts an object, reports it, streams it back with its size, and deletes it", async () => {
    const s3 = storage();
    const key = newStorageKey();
    const content = new TextEncoder().encode("%PDF-1.7 营业执照 %%EOF");
    expect(await s3.exists(key)).toBe(false);
    await s3.put(key, content, { contentType: "application/pdf" });
    expect(emulator.objects.get(key)?.contentType).toBe("application/pdf");
    expect(await s3.exists(key)).toBe(true);
    const object = await s3.get(key);
    expect(object?.size).toBe(content.length);
    expect(object && new Uint8Array(await new Response(object.body).arrayBuffer())).toEqual(content);
    await s3.delete(key);
    expect(await s3.exists(key)).toBe(false);
    expect(await s3.get(key)).toBeNull();
    await expect(s3.delete(key)).resolves.toBeUndefined();
    // Path style: every request went to /<bucket>/<key>.
    expect(new Set(emulator.requests.map((r) => r.path))).toEqual(new Set([`/${bucket}/${key}`]));
  });

  it("accepts an endpoint written with a trailing slash", async () => {
    const prefixed = await startS3Emulator({ bucket: "storage", region, credentials });
    try {
      const s3 = createS3Storage({ endpoint: `${prefixed.endpoint}/`, bucket: "storage", region, credentials });
      const key = newStorageKey();
      await s3.put(key, Uint8Array.of(1, 2, 3), { contentType: "image/png" });
      expect(prefixed.objects.has(key)).toBe(true);
    } finally {
      await prefixed.close();
    }
  });

  it("fails loudly with the store's error code when the secret is wrong", async () => {
    const s3 = createS3Storage({
      endpoint: emulator.endpoint,
      bucket,
      region,
      credentials: { ...credentials, secretAccessKey: "not-the-secret" },
    });
    const key = newStorageKey();
    const refused = s3.put(key, Uint8Array.of(1), { contentType: "image/png" });
    await expect(refused).rejects.toBeInstanceOf(S3RequestFailed);
    await expect(refused).rejects.toMatchObject({ status: 403, code: "SignatureDoesNotMatch" });
    await expect(s3.exists(key)).rejects.toMatchObject({ status: 403 });
    expect(emulator.objects.has(key)).toBe(false);
  });

  it("refuses keys it did not make before sending anything", async () => {
    const before = emulator.requests.length;
    await expect(storage().get("../other-bucket/x" as StorageKey)).rejects.toThrow("not a storage key");
    expect(emulator.requests.length).toBe(before);
  });
});
