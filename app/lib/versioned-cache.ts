/**
 * An in-memory cache whose entries carry the version of what they were built from. A reader asks
 * the source of truth for the current version (cheap) and uses the entry only when it matches, so
 * a change shows at once in every process, whichever process or job made it; the cache only saves
 * the expensive read. Least recently used entries go first once `maxEntries` is reached.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: number; value: V }>();

  constructor(private readonly maxEntries: number) {}

  /** The cached version of `key`, if any (to compare with the current one). */
  version(key: string): number | undefined {
    return this.entries.get(key)?.version;
  }

  /** The value cached for `key` when it was built from `version`, else undefined. */
  get(key: string, version: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    // Map keeps insertion order: moving the entry to the end makes the first one the least recent.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: number, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

const registry = globalThis as unknown as { tipeiVersionedCaches?: Map<string, VersionedCache<unknown>> };

/**
 * The process's one cache of this name. The web process loads the app's modules twice (the Remix
 * build, and the web server's bundle that answers the public API before Express and Remix), so a cache
 * made at module level would exist twice, each filling up to `maxEntries`; like the database pool,
 * it lives on globalThis instead.
 */
export function processWideCache<V>(name: string, maxEntries: number): VersionedCache<V> {
  registry.tipeiVersionedCaches ??= new Map();
  let cache = registry.tipeiVersionedCaches.get(name);
  if (!cache) {
    cache = new VersionedCache<unknown>(maxEntries);
    registry.tipeiVersionedCaches.set(name, cache);
  }
  return cache as VersionedCache<V>;
}
