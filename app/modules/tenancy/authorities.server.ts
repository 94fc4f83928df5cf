import { prisma } from "~/lib/db.server";

export type AuthoritySummary = {
  id: string;
  slug: string;
  code: string;
  name: string;
  nameEn: string;
  level: "PROVINCE" | "CITY" | "DISTRICT";
  parentId: string | null;
};

const SLUG_FORMAT = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const SUMMARY = { id: true, slug: true, code: true, name: true, nameEn: true, level: true, parentId: true } as const;

/** An authority with the ids of its ancestors, nearest first (authorities are public). */
export async function findAuthorityWithAncestors(
  slug: string,
): Promise<{ authority: AuthoritySummary; ancestorIds: string[] } | null> {
  // The column's own format (authority_slug_format): anything else names no authority, and a NUL
  // byte from a crafted URL would make PostgreSQL fail the query instead of answering 404.
  if (!SLUG_FORMAT.test(slug)) return null;
  const authority = await prisma.authority.findUnique({ where: { slug }, select: SUMMARY });
  if (!authority) return null;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 0 AS depth FROM authority WHERE id = ${authority.parentId}::uuid
      UNION ALL
      SELECT a.id, a.parent_id, up.depth + 1 FROM authority a JOIN up ON a.id = up.parent_id
    ) SELECT id::text FROM up ORDER BY depth`;
  return { authority, ancestorIds: rows.map((r) => r.id) };
}

/** The direct children of an authority, by division code. */
export function childAuthorities(parentId: string): Promise<AuthoritySummary[]> {
  return prisma.authority.findMany({ where: { parentId }, orderBy: { code: "asc" }, select: SUMMARY });
}

export function allAuthorities(): Promise<AuthoritySummary[]> {
  return prisma.authority.findMany({ orderBy: { code: "asc" }, select: SUMMARY });
}

export function districts(): Promise<AuthoritySummary[]> {
  return prisma.authority.findMany({ where: { level: "DISTRICT" }, orderBy: { code: "asc" }, select: SUMMARY });
}
