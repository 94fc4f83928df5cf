import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createLocalDiskStorage } from "~/lib/storage/local-disk-storage.server";
import { isStorageKey, newStorageKey, type StorageKey } from "~/lib/storage/storage";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), "tipei-storage-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

describe("storage keys", () => {
  it("are random, sharded by their first hex digits, and nothing else passes as one", () => {
    const a = newStorageKey();
    const b = newStorageKey();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^([0-9a-f]{2})\/([0-9a-f]{2})\/\1\2[0-9a-f]{28}$/);
    expect(isStorageKey(a)).toBe(true);
    for (const bad of ["../../etc/passwd", "ab/cd/../../x", "ab/cd/0123456789abcdef0123456789abcdef", "/abs", ""])
      expect(isStorageKey(bad), bad).toBe(false);
  });
});

describe("the local disk storage", () => {
  it("writes an object, reads it back as a stream with its size, and deletes it", async () => {
    const storage = createLocalDiskStorage(root);
    const key = newStorageKey();
    const content = new TextEncoder().encode("营业执照扫描件");
    expect(await storage.exists(key)).toBe(false);
    await storage.put(key, content, { contentType: "application/pdf" });
    expect(await storage.exists(key)).toBe(true);
    const object = await storage.get(key);
    expect(object?.size).toBe(content.length);
    expect(object && (await readAll(object.body))).toEqual(content);
    // Sharded path under the root, readable by the owner only.
    const onDisk = path.join(root, ...key.split("/"));
    expect(await readFile(onDisk)).toEqual(Buffer.from(content));
    expect((await stat(onDisk)).mode & 0o777).toBe(0o600);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await expect(storage.delete(key)).resolves.toBeUndefined();
  });

  it("writes through a temporary file and leaves none behind", async () => {
    const storage = createLocalDiskStorage(root);
    await Promise.all(
      Array.from({ length: 20 }, () =>
        storage.put(newStorageKey(), new Uint8Array(1000), { contentType: "image/png" }),
      ),
    );
    expect(await readdir(path.join(root, ".tmp"))).toEqual([]);
  });

  it("never shows a half-written object: a failed write leaves neither the object nor its temporary file", async () => {
    const storage = createLocalDiskStorage(root);
    const key = newStorageKey();
    // The object's shard directory is taken by a file, so the final rename cannot happen.
    const [first] = key.split("/");
    await writeFile(path.join(root, first ?? ""), "in the way");
    await expect(storage.put(key, new Uint8Array(10), { contentType: "image/png" })).rejects.toThrow();
    expect(await storage.exists(key)).toBe(false);
    expect(await readdir(path.join(root, ".tmp"))).toEqual([]);
  });

  it("replaces an object whole: a reader gets the old bytes or the new, never a mix", async () => {
    const storage = createLocalDiskStorage(root);
    const key = newStorageKey();
    await storage.put(key, new Uint8Array(256 * 1024).fill(1), { contentType: "image/png" });
    const before = await storage.get(key);
    await storage.put(key, new Uint8Array(256 * 1024).fill(2), { contentType: "image/png" });
    // The open reader keeps the file it opened (rename swaps the directory entry, not the bytes).
    const old = before && (await readAll(before.body));
    expect(old?.every((b) => b === 1)).toBe(true);
    const now = await storage.get(key);
    expect(now && (await readAll(now.body)).every((b) => b === 2)).toBe(true);
  });

  it("refuses keys it did not make, so no path outside the root is reachable", async () => {
    const storage = createLocalDiskStorage(root);
    const outside = "../../etc/passwd" as StorageKey;
    await expect(storage.get(outside)).rejects.toThrow("not a storage key");
    await expect(storage.put(outside, new Uint8Array(1), { contentType: "image/png" })).rejects.toThrow();
  });
});
