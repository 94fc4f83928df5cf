import { randomBytes } from "node:crypto";

/**
 * Where the bytes of uploaded files live. The database keeps what a file is (stored_file); a
 * backend keeps only bytes under an opaque key, so the local disk of one machine and an
 * S3-compatible bucket shared by many web processes are interchangeable.
 */
export type FileStorage = {
  /** Writes the whole object; a reader never sees it half-written. */
  put(key: StorageKey, bytes: Uint8Array, meta: { contentType: string }): Promise<void>;
  /** The object as a stream, or null when there is none under this key. */
  get(key: StorageKey): Promise<StoredObject | null>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: StorageKey): Promise<void>;
  exists(key: StorageKey): Promise<boolean>;
};

export type StoredObject = { body: ReadableStream<Uint8Array>; size: number };

/** "ab/cd/abcd…" (32 hex digits): random, so a key says nothing about the file and cannot be guessed. */
export type StorageKey = string & { readonly __storageKey: unique symbol };

const KEY = /^([0-9a-f]{2})\/([0-9a-f]{2})\/([0-9a-f]{32})$/;

/** A fresh random key, sharded by its first hex digits so no directory grows huge. */
export function newStorageKey(): StorageKey {
  const hex = randomBytes(16).toString("hex");
  return `${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}` as StorageKey;
}

/** Only keys of the shape `newStorageKey` makes: nothing else can reach a path or a URL. */
export function isStorageKey(value: string): value is StorageKey {
  const match = KEY.exec(value);
  return match !== null && match[3]?.startsWith(`${match[1]}${match[2]}`) === true;
}

export function assertStorageKey(value: string): StorageKey {
  if (!isStorageKey(value)) throw new Error("not a storage key");
  return value;
}
