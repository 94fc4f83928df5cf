import { type Env, getEnv } from "~/lib/env.server";
import { createLocalDiskStorage } from "./local-disk-storage.server";
import { createS3Storage } from "./s3-storage.server";
import type { FileStorage } from "./storage";

/** The backend the environment names (STORAGE_BACKEND), built once per process. */
export function storageFrom(env: Env): FileStorage {
  if (env.STORAGE_BACKEND === "local") return createLocalDiskStorage(env.STORAGE_DIR);
  const { S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = env;
  // parseEnv refuses STORAGE_BACKEND=s3 without these; this only narrows the types.
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_REGION || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY)
    throw new Error("STORAGE_BACKEND=s3 needs S3_ENDPOINT, S3_BUCKET, S3_REGION and both keys");
  return createS3Storage({
    endpoint: S3_ENDPOINT,
    bucket: S3_BUCKET,
    region: S3_REGION,
    credentials: { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY },
  });
}

let shared: FileStorage | undefined;

export function getStorage(): FileStorage {
  shared ??= storageFrom(getEnv());
  return shared;
}
