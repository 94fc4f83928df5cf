import type { Db } from "~/lib/db-scope.server";
import type { RegistrationContent } from "./content";

/**
 * Writes approved content into the queryable tables. Ids come from the content, so a venue,
 * coach or course keeps its identity across change filings; one a later filing drops is marked
 * inactive (enrollments and reports may still point at it) rather than deleted.
 */
export async function projectApprovedContent(
  db: Db,
  institution: { id: string; authorityId: string },
  content: RegistrationContent,
): Promise<void> {
  const owner = { institutionId: institution.id, authorityId: institution.authorityId };

  for (const v of content.venues) {
    const data = {
      name: v.name,
      address: v.address,
      trainingAreaM2: v.trainingAreaM2,
      floor: v.floor,
      underground: v.underground,
      residential: v.residential,
      isPool: v.isPool,
      poolWaterAreaM2: v.poolWaterAreaM2 ?? null,
      poolDepthMinM: v.poolDepthMinM ?? null,
      poolDepthMaxM: v.poolDepthMaxM ?? null,
      aed: v.aed,
      fireSafetyFileId: v.fireSafetyFileId ?? null,
      active: true,
    };
    await db.venue.upsert({ where: { id: v.id }, create: { id: v.id, ...owner, ...data }, update: data });
  }
  await db.venue.updateMany({
    where: { institutionId: institution.id, id: { notIn: content.venues.map((v) => v.id) } },
    data: { active: false },
  });

  await db.coachCertificate.deleteMany({ where: { institutionId: institution.id } });
  for (const c of content.coaches) {
    const data = {
      name: c.name,
      photoFileId: c.photoFileId ?? null,
      fullTime: c.fullTime,
      servingSchoolTeacher: c.servingSchoolTeacher,
      active: true,
    };
    await db.coach.upsert({ where: { id: c.id }, create: { id: c.id, ...owner, ...data }, update: data });
  }
  await db.coach.updateMany({
    where: { institutionId: institution.id, id: { notIn: content.coaches.map((c) => c.id) } },
    data: { active: false },
  });
  await db.coachCertificate.createMany({
    data: content.coaches.flatMap((c) =>
      c.certificates.map((cert) => ({
        id: cert.id,
        coachId: c.id,
        ...owner,
        type: cert.type,
        number: cert.number,
        sport: cert.sport ?? null,
        expiresOn: cert.expiresOn ? new Date(`${cert.expiresOn}T00:00:00Z`) : null,
        scanFileId: cert.scanFileId ?? null,
      })),
    ),
  });

  await db.scheduleSlot.deleteMany({ where: { institutionId: institution.id } });
  for (const c of content.courses) {
    const data = {
      name: c.name,
      sport: c.sport,
      ageMin: c.ageMin,
      ageMax: c.ageMax,
      classSize: c.classSize,
      coachesPerClass: c.coachesPerClass,
      lessonMinutes: c.lessonMinutes,
      lessonCount: c.lessonCount,
      pricePerLessonFen: c.pricePerLessonFen,
      online: c.online,
      active: true,
    };
    await db.course.upsert({ where: { id: c.id }, create: { id: c.id, ...owner, ...data }, update: data });
  }
  await db.course.updateMany({
    where: { institutionId: institution.id, id: { notIn: content.courses.map((c) => c.id) } },
    data: { active: false },
  });
  await db.scheduleSlot.createMany({
    data: content.courses.flatMap((c) =>
      c.slots.map((s) => ({
        id: s.id,
        courseId: c.id,
        ...owner,
        venueId: s.venueId ?? null,
        weekday: s.weekday,
        startTime: s.startTime,
        endTime: s.endTime,
      })),
    ),
  });
}
