import { pgPool } from "~/lib/db.server";
import { type Db, inPublicRegistry } from "~/lib/db-scope.server";
import { processWideCache } from "~/lib/versioned-cache";

/**
 * Reads of the whole public registry (search pages, the district list), kept in this process under
 * the registry's version: one row the database bumps in the transaction of any change of what the
 * registry shows (migration 20261206040000_public_registry_version). Each request reads that
 * version (one indexed read, no transaction) and runs the read only when its cached answer was made
 * at another version, so a change shows at once in every process. A search matching a fifth of a
 * province reads every match to count them (hundreds of milliseconds of the database's CPU at
 * 100,000 institutions); the same search again, by anyone, costs the version read.
 */

// A page of 20 summaries is a few kilobytes: 2,000 entries stay under ~10 MB per web process.
const REGISTRY_CACHE_ENTRIES = 2_000;
const answers = processWideCache<unknown>("publicRegistryReads", REGISTRY_CACHE_ENTRIES);

export async function currentRegistryVersion(): Promise<number> {
  const { rows } = await pgPool().query<{ version: string }>("SELECT version FROM public_registry_version");
  return Number(rows[0]?.version ?? 0);
}

/**
 * The answer of `read` in the public scope, from this process's cache when the registry has not
 * changed since it was made. `key` must name everything the answer depends on besides the
 * registry (the parsed query, and which reader); the answer is shared, do not mutate it.
 */
export async function readPublicRegistry<T>(key: string, read: (db: Db) => Promise<T>): Promise<T> {
  // Read before the answer: a change committed in between leaves a newer answer under an older
  // version, which the next request replaces; never an older answer under a newer version.
  const version = await currentRegistryVersion();
  const cached = answers.get(key, version);
  if (cached !== undefined) return cached as T;
  const answer = await inPublicRegistry(read);
  answers.set(key, version, answer);
  return answer;
}
