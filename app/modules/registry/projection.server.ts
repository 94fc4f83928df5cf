import type { Db } from "~/lib/db-scope.server";
import type { RegistrationContent } from "./content";
import { projectionRows } from "./projection-rows";

/**
 * Writes approved content into the queryable tables. Ids come from the content, so a venue,
 * coach or course keeps its identity across change filings; one a later filing drops is marked
 * inactive (enrollments and reports may still point at it) rather than deleted. Certificates and
 * lesson times have nothing pointing at them and are rewritten.
 */
export async function projectApprovedContent(
  db: Db,
  institution: { id: string; authorityId: string },
  content: RegistrationContent,
): Promise<void> {
  const rows = projectionRows({ institutionId: institution.id, authorityId: institution.authorityId }, content);
  const mine = { institutionId: institution.id };
  await refuseForeignIds(db, institution.id, rows);

  for (const { id, ...data } of rows.venues)
    await db.venue.upsert({ where: { id }, create: { id, ...data }, update: data });
  await db.venue.updateMany({
    where: { ...mine, id: { notIn: rows.venues.map((v) => v.id) } },
    data: { active: false },
  });

  await db.coachCertificate.deleteMany({ where: mine });
  for (const { id, ...data } of rows.coaches)
    await db.coach.upsert({ where: { id }, create: { id, ...data }, update: data });
  await db.coach.updateMany({
    where: { ...mine, id: { notIn: rows.coaches.map((c) => c.id) } },
    data: { active: false },
  });
  await db.coachCertificate.createMany({ data: rows.certificates });

  await db.scheduleSlot.deleteMany({ where: mine });
  for (const { id, ...data } of rows.courses)
    await db.course.upsert({ where: { id }, create: { id, ...data }, update: data });
  await db.course.updateMany({
    where: { ...mine, id: { notIn: rows.courses.map((c) => c.id) } },
    data: { active: false },
  });
  await db.scheduleSlot.createMany({ data: rows.slots });
}

export class ForeignItemId extends Error {}

/**
 * Item ids travel through the institution's forms; an id that already names another
 * institution's venue, coach or course must not let this approval rewrite that row.
 */
async function refuseForeignIds(db: Db, institutionId: string, rows: ReturnType<typeof projectionRows>): Promise<void> {
  const notMine = { institutionId: { not: institutionId } };
  const clashes =
    (await db.venue.count({ where: { id: { in: rows.venues.map((r) => r.id) }, ...notMine } })) +
    (await db.coach.count({ where: { id: { in: rows.coaches.map((r) => r.id) }, ...notMine } })) +
    (await db.coachCertificate.count({ where: { id: { in: rows.certificates.map((r) => r.id) }, ...notMine } })) +
    (await db.course.count({ where: { id: { in: rows.courses.map((r) => r.id) }, ...notMine } })) +
    (await db.scheduleSlot.count({ where: { id: { in: rows.slots.map((r) => r.id) }, ...notMine } }));
  if (clashes > 0) throw new ForeignItemId(institutionId);
}
