import type { Db } from "~/lib/db-scope.server";

/**
 * The next registration number of an authority: its division code, the year, a sequence
 * (e.g. 330106-2026-0007). Readable, unique, and given once: an institution keeps it for good.
 */
export async function allocateRegistrationNo(
  db: Db,
  authority: { id: string; code: string },
  year: number,
): Promise<string> {
  const rows = await db.$queryRaw<{ last_value: number }[]>`
    INSERT INTO registration_counter (authority_id, year, last_value) VALUES (${authority.id}::uuid, ${year}, 1)
    ON CONFLICT (authority_id, year) DO UPDATE SET last_value = registration_counter.last_value + 1
    RETURNING last_value`;
  const next = rows[0]?.last_value;
  if (next === undefined) throw new Error("registration counter did not answer");
  return `${authority.code}-${year}-${String(next).padStart(4, "0")}`;
}
