import type { Db } from "~/lib/db-scope.server";

/** The id of the first event whose hash link is broken, or null when the whole chain verifies. */
export async function findBrokenAuditLink(db: Db): Promise<bigint | null> {
  const rows = await db.$queryRaw<{ broken: bigint | null }[]>`SELECT audit_verify_chain() AS broken`;
  return rows[0]?.broken ?? null;
}
