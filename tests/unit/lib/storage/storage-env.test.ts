import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EnvError, parseEnv } from "~/lib/env.server";
import { newStorageKey } from "~/lib/storage/storage";
import { storageFrom } from "~/lib/storage/storage-backend.server";

const minimal = {
  DATABASE_URL: "postgresql://tipei_app:x@127.0.0.1:5432/tipei",
  REDIS_URL: "redis://127.0.0.1:6379",
  SESSION_SECRET: "s".repeat(32),
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("storage settings", () => {
  it("default to the local disk under ./storage", () => {
    expect(parseEnv(minimal)).toMatchObject({ STORAGE_BACKEND: "local", STORAGE_DIR: "./storage" });
  });

  it("name every S3 setting the s3 backend lacks", () => {
    expect(problemsOf({ ...minimal, STORAGE_BACKEND: "s3", S3_BUCKET: "tipei-files" })).toEqual([
      "S3_ENDPOINT is required when STORAGE_BACKEND=s3",
      "S3_REGION is required when STORAGE_BACKEND=s3",
      "S3_ACCESS_KEY_ID is required when STORAGE_BACKEND=s3",
      "S3_SECRET_ACCESS_KEY is required when STORAGE_BACKEND=s3",
    ]);
  });

  it("refuse an unknown backend and a bucket name S3 would refuse", () => {
    expect(problemsOf({ ...minimal, STORAGE_BACKEND: "ftp" })).toHaveLength(1);
    expect(problemsOf({ ...minimal, S3_BUCKET: "Tipei_Files" })).toEqual([
      "S3_BUCKET must be a bucket name (lower-case letters, digits, dots, hyphens)",
    ]);
  });

  it("build the backend they name", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "tipei-storage-env-"));
    try {
      const local = storageFrom(parseEnv({ ...minimal, STORAGE_DIR: dir }));
      const key = newStorageKey();
      await local.put(key, Uint8Array.of(1), { contentType: "image/png" });
      expect(await local.exists(key)).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const s3 = parseEnv({
      ...minimal,
      STORAGE_BACKEND: "s3",
      S3_ENDPOINT: "http://127.0.0.1:9",
      S3_BUCKET: "tipei-files",
      S3_REGION: "cn-north-1",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
    });
    expect(storageFrom(s3)).toEqual(expect.objectContaining({ put: expect.any(Function) }));
  });
});
