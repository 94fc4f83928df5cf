import type { RegistrationContent } from "./content";
import type { CertificateType, Sport } from "./sports";

/**
 * What the public registry shows of an approved registration, written at approval: course
 * prices, coaches as the standards require them displayed (STF-04: name, photo, certificate
 * number), venues. Never contacts, identity numbers or documents.
 */
export type PublicProfile = {
  version: 1;
  name: string;
  creditCode: string;
  sports: Sport[];
  venues: { id: string; name: string; address: string; trainingAreaM2: number; isPool: boolean; aed: boolean }[];
  coaches: {
    id: string;
    name: string;
    photoFileId: string | null;
    fullTime: boolean;
    certificates: { type: CertificateType; number: string; sport: Sport | null; expiresOn: string | null }[];
  }[];
  courses: {
    id: string;
    name: string;
    sport: Sport;
    ageMin: number;
    ageMax: number;
    classSize: number;
    lessonMinutes: number;
    lessonCount: number;
    pricePerLessonFen: number;
    online: boolean;
    slots: { weekday: number; startTime: string; endTime: string; venueName: string | null }[];
  }[];
};

export function publicProfileOf(content: RegistrationContent): PublicProfile {
  const venueName = new Map(content.venues.map((v) => [v.id, v.name]));
  return {
    version: 1,
    name: content.entity.name,
    creditCode: content.entity.creditCode,
    sports: content.entity.sports,
    venues: content.venues.map((v) => ({
      id: v.id,
      name: v.name,
      address: v.address,
      trainingAreaM2: v.trainingAreaM2,
      isPool: v.isPool,
      aed: v.aed,
    })),
    coaches: content.coaches.map((c) => ({
      id: c.id,
      name: c.name,
      photoFileId: c.photoFileId ?? null,
      fullTime: c.fullTime,
      certificates: c.certificates.map((cert) => ({
        type: cert.type,
        number: cert.number,
        sport: cert.sport ?? null,
        expiresOn: cert.expiresOn ?? null,
      })),
    })),
    courses: content.courses.map((c) => ({
      id: c.id,
      name: c.name,
      sport: c.sport,
      ageMin: c.ageMin,
      ageMax: c.ageMax,
      classSize: c.classSize,
      lessonMinutes: c.lessonMinutes,
      lessonCount: c.lessonCount,
      pricePerLessonFen: c.pricePerLessonFen,
      online: c.online,
      slots: c.slots.map((s) => ({
        weekday: s.weekday,
        startTime: s.startTime,
        endTime: s.endTime,
        venueName: s.venueId ? (venueName.get(s.venueId) ?? null) : null,
      })),
    })),
  };
}
