import type { RegistrationContent } from "./content";

/**
 * The rows of the queryable tables (venue, coach, coach_certificate, course, schedule_slot) for an
 * approved content: what the approval projection writes, and what the demo seed writes in bulk.
 */
export function projectionRows(owner: { institutionId: string; authorityId: string }, content: RegistrationContent) {
  return {
    venues: content.venues.map((v) => ({
      id: v.id,
      ...owner,
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
    })),
    coaches: content.coaches.map((c) => ({
      id: c.id,
      ...owner,
      name: c.name,
      photoFileId: c.photoFileId ?? null,
      fullTime: c.fullTime,
      servingSchoolTeacher: c.servingSchoolTeacher,
      active: true,
    })),
    certificates: content.coaches.flatMap((c) =>
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
    courses: content.courses.map((c) => ({
      id: c.id,
      ...owner,
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
    })),
    slots: content.courses.flatMap((c) =>
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
  };
}

export type ProjectedRows = ReturnType<typeof projectionRows>;
