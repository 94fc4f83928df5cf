import { randomBytes } from "node:crypto";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { assertStorageKey, type FileStorage, type StorageKey } from "./storage";

/**
 * Files in a directory of this machine (the default). Each object is written to a temporary
 * file in the same directory tree and renamed into place, so a crash or a concurrent reader
 * never sees half a file. Only one machine's processes share it: deployments with several hosts
 * use the S3 backend or mount the same volume everywhere.
 */
export function createLocalDiskStorage(root: string): FileStorage {
  const base = path.resolve(root);
  // Temporary files live under the same root so the rename stays on one filesystem (atomic).
  const temporary = path.join(base, ".tmp");
  const pathOf = (key: StorageKey) => path.join(base, ...assertStorageKey(key).split("/"));

  return {
    async put(key, bytes) {
      const target = pathOf(key);
      await mkdir(temporary, { recursive: true, mode: 0o700 });
      const staging = path.join(temporary, `${randomBytes(12).toString("hex")}.part`);
      try {
        const handle = await open(staging, "wx", 0o600);
        try {
          await handle.writeFile(bytes);
          // On disk before the rename makes it visible: a crash leaves no truncated object.
          await handle.sync();
        } finally {
          await handle.close();
        }
        await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
        await rename(staging, target);
      } catch (error) {
        await unlink(staging).catch(() => {});
        throw error;
      }
      await syncDirectory(path.dirname(target));
    },

    async get(key) {
      let handle: Awaited<ReturnType<typeof open>>;
      try {
        handle = await open(pathOf(key), "r");
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
      try {
        const { size } = await handle.stat();
        // The stream owns the handle from here and closes it when read to the end or cancelled.
        const body = Readable.toWeb(handle.createReadStream()) as ReadableStream<Uint8Array>;
        return { body, size };
      } catch (error) {
        await handle.close();
        throw error;
      }
    },

    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        if (!isMissing(error)) throw error;
      }
    },

    async exists(key) {
      try {
        return (await stat(pathOf(key))).isFile();
      } catch (error) {
        if (isMissing(error)) return false;
        throw error;
      }
    },
  };
}

/** Makes the rename itself durable (the directory entry), where the platform allows it. */
async function syncDirectory(directory: string): Promise<void> {
  const handle = await open(directory, "r").catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } catch {
    // Some filesystems refuse fsync on directories; the file itself is already synced.
  } finally {
    await handle.close();
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && "code" in error && (error.code === "ENOENT" || error.code === "ENOTDIR");
}
