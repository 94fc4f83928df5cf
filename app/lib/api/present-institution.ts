import type { PublicInstitution } from "~/modules/registry/public-institution.server";
import type {
  PublicInstitutionSummary,
  PublicSearchPage,
  PublicSearchQuery,
} from "~/modules/registry/public-search.server";
import type { ApiInstitutionProfile, ApiInstitutionSummary, ApiSearchPage } from "./response-schemas";

/**
 * Registry records → API JSON. Every field is named here on purpose (no spreading of records),
 * so what the API publishes is exactly what these functions write, and URLs are absolute.
 */
export function institutionLinks(origin: string, registrationNo: string): ApiInstitutionSummary["links"] {
  const number = encodeURIComponent(registrationNo);
  return {
    self: `${origin}/api/v1/institutions/${number}`,
    profile: `${origin}/institutions/${number}`,
    qrCode: `${origin}/institutions/${number}/qr.svg`,
    shortLink: `${origin}/i/${number}`,
  };
}

export function apiSummaryOf(item: PublicInstitutionSummary, origin: string): ApiInstitutionSummary {
  return {
    registrationNo: item.registrationNo,
    name: item.name,
    status: item.status,
    registrationInForce: item.status === "APPROVED",
    sports: item.sports,
    authority: { code: item.authority.code, name: item.authority.name, nameEn: item.authority.nameEn },
    links: institutionLinks(origin, item.registrationNo),
  };
}

/** The search URL for another page of the same query. */
export function searchUrl(origin: string, query: PublicSearchQuery, page: number): string {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.sport) params.set("sport", query.sport);
  if (query.district) params.set("district", query.district);
  if (page > 1) params.set("page", String(page));
  const text = params.toString();
  return `${origin}/api/v1/institutions${text ? `?${text}` : ""}`;
}

export function apiSearchPageOf(result: PublicSearchPage, query: PublicSearchQuery, origin: string): ApiSearchPage {
  const last = Math.max(1, result.totalPages);
  return {
    data: result.items.map((item) => apiSummaryOf(item, origin)),
    page: {
      number: result.page,
      size: result.pageSize,
      totalItems: result.totalItems,
      totalPages: result.totalPages,
    },
    links: {
      self: searchUrl(origin, query, result.page),
      first: searchUrl(origin, query, 1),
      prev: result.page > 1 ? searchUrl(origin, query, Math.min(result.page - 1, last)) : null,
      next: result.page < result.totalPages ? searchUrl(origin, query, result.page + 1) : null,
      last: searchUrl(origin, query, last),
    },
  };
}

export function apiProfileOf(institution: PublicInstitution, origin: string): ApiInstitutionProfile {
  return {
    ...apiSummaryOf(institution, origin),
    creditCode: institution.creditCode,
    registeredAt: institution.registeredAt?.toISOString() ?? null,
    approvedAt: institution.approvedAt?.toISOString() ?? null,
    fundsSupervision: { enabled: institution.fundsSupervisionEnabled },
    complianceGrade: institution.complianceGrade
      ? { grade: institution.complianceGrade.grade, assessedOn: institution.complianceGrade.assessedOn }
      : null,
    venues: institution.venues.map((v) => ({
      name: v.name,
      address: v.address,
      trainingAreaM2: v.trainingAreaM2,
      pool: v.isPool,
      aed: v.aed,
    })),
    coaches: institution.coaches.map((c) => ({
      name: c.name,
      photoUrl: c.photoFileId ? `${origin}/coach-photos/${encodeURIComponent(c.photoFileId)}` : null,
      fullTime: c.fullTime,
      certificates: c.certificates.map((cert) => ({
        type: cert.type,
        number: cert.number,
        sport: cert.sport,
        expiresOn: cert.expiresOn,
      })),
    })),
    courses: institution.courses.map((course) => ({
      id: course.id,
      name: course.name,
      sport: course.sport,
      ageMin: course.ageMin,
      ageMax: course.ageMax,
      classSize: course.classSize,
      lessonMinutes: course.lessonMinutes,
      lessonCount: course.lessonCount,
      pricePerLessonFen: course.pricePerLessonFen,
      totalPriceFen: course.pricePerLessonFen * course.lessonCount,
      currency: "CNY",
      online: course.online,
      schedule: course.slots.map((slot) => ({
        weekday: slot.weekday,
        startTime: slot.startTime,
        endTime: slot.endTime,
        venueName: slot.venueName,
      })),
    })),
  };
}
