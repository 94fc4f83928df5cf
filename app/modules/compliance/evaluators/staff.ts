import type { CertificateContent, CoachContent, CourseContent } from "~/modules/registry/content";
import type { CertificateType } from "~/modules/registry/sports";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { EvaluatorTable } from "../evaluator";
import type { Finding } from "../finding";
import type { InstitutionSnapshot } from "../snapshot";
import { inForceOn, rounded } from "./arithmetic";
import { coachEntity, courseEntity, finding, institutionEntity, notApplicable, switchable } from "./findings";

/** Classes and staff (STF). */

/** STF-02: "at least 2 coaches" is the rule's own number; only the class size above which it applies is a parameter. */
const COACHES_FOR_LARGE_CLASS = 2;

/**
 * STF-03's recognised qualifications are coaching qualifications: coach title, social sports
 * instructor, association skill grade, PE teacher, athlete grade, or another the tenant
 * recognises. A lifeguard certificate is a safety qualification (HRS-02 counts lifeguards), not a
 * licence to coach, so a coach holding only that fails.
 */
export const COACHING_CERTIFICATES: readonly CertificateType[] = [
  "COACH_TITLE",
  "SOCIAL_SPORTS_INSTRUCTOR",
  "ASSOCIATION_SKILL_GRADE",
  "PE_TEACHER",
  "ATHLETE_GRADE",
  "OTHER_RECOGNISED",
];

function perCourse(rule: "STF-01" | "STF-02", judge: (course: CourseContent, settings: ResolvedSettings) => Finding) {
  return (s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] =>
    s.content.courses.length === 0
      ? notApplicable(rule, s, "compliance.evidence.noCourses")
      : s.content.courses.map((course) => judge(course, settings));
}

function perCoach(
  rule: "STF-03" | "STF-04" | "STF-08",
  judge: (coach: CoachContent, s: InstitutionSnapshot) => Finding,
) {
  return (s: InstitutionSnapshot): Finding[] =>
    s.content.coaches.length === 0
      ? notApplicable(rule, s, "compliance.evidence.noCoaches")
      : s.content.coaches.map((coach) => judge(coach, s));
}

/** STF-01: each course's class size at most the maximum (exactly the maximum passes). */
const stf01 = perCourse("STF-01", (course, settings) => {
  const maximum = settings.get("STF-01.maxClassSize");
  const ok = course.classSize <= maximum;
  return finding(
    "STF-01",
    ok ? "PASS" : "FAIL",
    courseEntity(course),
    ok ? "compliance.evidence.STF-01.pass" : "compliance.evidence.STF-01.fail",
    { course: course.name, classSize: course.classSize, maximum },
  );
});

/** STF-02: a class of MORE than the threshold has at least 2 coaches; a class of exactly the threshold needs one. */
const stf02 = perCourse("STF-02", (course, settings) => {
  const threshold = settings.get("STF-02.twoCoachesAbove");
  const values = {
    course: course.name,
    classSize: course.classSize,
    coaches: course.coachesPerClass,
    threshold,
    needed: COACHES_FOR_LARGE_CLASS,
  };
  if (course.classSize <= threshold)
    return finding("STF-02", "PASS", courseEntity(course), "compliance.evidence.STF-02.small", values);
  return course.coachesPerClass >= COACHES_FOR_LARGE_CLASS
    ? finding("STF-02", "PASS", courseEntity(course), "compliance.evidence.STF-02.pass", values)
    : finding("STF-02", "FAIL", courseEntity(course), "compliance.evidence.STF-02.fail", values);
});

/** The coach's coaching certificate in force on the day that runs longest, if any. */
function bestValid(coach: CoachContent, day: string): CertificateContent | null {
  const valid = coach.certificates.filter((c) => COACHING_CERTIFICATES.includes(c.type) && inForceOn(c.expiresOn, day));
  return valid.sort((a, b) => (b.expiresOn ?? "9999-12-31").localeCompare(a.expiresOn ?? "9999-12-31"))[0] ?? null;
}

/** STF-03: each coach holds a recognised certificate in force on the snapshot's day (valid through its expiry day). */
const stf03 = perCoach("STF-03", (coach, s) => {
  const valid = bestValid(coach, s.asOf);
  if (valid) {
    const key = valid.expiresOn ? "compliance.evidence.STF-03.pass" : "compliance.evidence.STF-03.passPermanent";
    return finding("STF-03", "PASS", coachEntity(coach), key, {
      coach: coach.name,
      certificate: valid.type,
      number: valid.number,
      expiresOn: valid.expiresOn ?? null,
    });
  }
  const coaching = coach.certificates.filter((c) => COACHING_CERTIFICATES.includes(c.type));
  const lastExpiry =
    coaching
      .map((c) => c.expiresOn ?? "")
      .sort()
      .at(-1) ?? null;
  return coaching.length > 0
    ? finding("STF-03", "FAIL", coachEntity(coach), "compliance.evidence.STF-03.expired", {
        coach: coach.name,
        held: coaching.length,
        lastExpiry,
        asOf: s.asOf,
      })
    : finding("STF-03", "FAIL", coachEntity(coach), "compliance.evidence.STF-03.none", {
        coach: coach.name,
        held: coach.certificates.length,
        lifeguardOnly: coach.certificates.length > 0,
      });
});

/**
 * STF-04: the public profile shows each coach's name, photo and certificate numbers, so the
 * data it needs must be there: a name (the form requires one), a photo, and at least one
 * certificate with its number.
 */
const stf04 = perCoach("STF-04", (coach) => {
  const photo = Boolean(coach.photoFileId);
  const certificate = coach.certificates.some((c) => c.number.trim().length > 0);
  const values = { coach: coach.name, photo, certificates: coach.certificates.length };
  const key =
    photo && certificate
      ? "compliance.evidence.STF-04.pass"
      : !photo && !certificate
        ? "compliance.evidence.STF-04.noPhotoNoCertificate"
        : photo
          ? "compliance.evidence.STF-04.noCertificate"
          : "compliance.evidence.STF-04.noPhoto";
  return finding("STF-04", photo && certificate ? "PASS" : "FAIL", coachEntity(coach), key, values);
});

/** STF-05: full-time coaches at least the share of all coaches (exactly the share passes). */
const stf05 = switchable("STF-05", (s, settings) => {
  const coaches = s.content.coaches.length;
  if (coaches === 0) return notApplicable("STF-05", s, "compliance.evidence.noCoaches");
  const fullTime = s.content.coaches.filter((c) => c.fullTime).length;
  const minimum = settings.get("STF-05.minFullTimeSharePercent");
  // Whole numbers: fullTime / coaches ≥ minimum % without rounding.
  const ok = fullTime * 100 >= minimum * coaches;
  return [
    finding(
      "STF-05",
      ok ? "PASS" : "FAIL",
      institutionEntity(s),
      ok ? "compliance.evidence.STF-05.pass" : "compliance.evidence.STF-05.fail",
      { fullTime, coaches, share: rounded((fullTime * 100) / coaches, 1), minimum },
    ),
  ];
});

/**
 * STF-06: safety officers and first-aid certified staff, two findings. The filing names one
 * safety officer, so the count is 0 or 1. First-aiders are counted by name (one person listed
 * twice counts once) among those whose certificate is in force on the day; a certificate without
 * an expiry date counts as in force.
 */
function stf06(s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  const staff = s.content.safetyStaff;
  const officers = staff?.safetyOfficerName?.trim() ? 1 : 0;
  const minOfficers = settings.get("STF-06.minSafetyOfficers");
  const listed = staff?.firstAid ?? [];
  const valid = new Set(listed.filter((f) => inForceOn(f.expiresOn, s.asOf)).map((f) => f.name.trim()));
  const minFirstAid = settings.get("STF-06.minFirstAidStaff");
  const officersOk = officers >= minOfficers;
  const firstAidOk = valid.size >= minFirstAid;
  return [
    finding(
      "STF-06",
      officersOk ? "PASS" : "FAIL",
      institutionEntity(s),
      officersOk ? "compliance.evidence.STF-06.officersPass" : "compliance.evidence.STF-06.officersFail",
      { officers, minimum: minOfficers },
    ),
    finding(
      "STF-06",
      firstAidOk ? "PASS" : "FAIL",
      institutionEntity(s),
      firstAidOk ? "compliance.evidence.STF-06.firstAidPass" : "compliance.evidence.STF-06.firstAidFail",
      {
        firstAid: valid.size,
        listed: listed.length,
        expired: listed.length - listed.filter((f) => inForceOn(f.expiresOn, s.asOf)).length,
        minimum: minFirstAid,
      },
    ),
  ];
}

/**
 * STF-07: the platform keeps no record of in-house training yet, so there is nothing to judge:
 * NOT_APPLICABLE saying the data is not collected — never a pass nobody checked.
 */
const stf07 = switchable("STF-07", (s, settings) =>
  notApplicable("STF-07", s, "compliance.evidence.STF-07.notCollected", {
    hours: settings.get("STF-07.minTrainingHoursPerYear"),
  }),
);

/** STF-08: no coach is a serving primary or secondary school teacher. */
const stf08 = perCoach("STF-08", (coach) =>
  coach.servingSchoolTeacher
    ? finding("STF-08", "FAIL", coachEntity(coach), "compliance.evidence.STF-08.fail", { coach: coach.name })
    : finding("STF-08", "PASS", coachEntity(coach), "compliance.evidence.STF-08.pass", { coach: coach.name }),
);

export const STF_EVALUATORS = {
  "STF-01": stf01,
  "STF-02": stf02,
  "STF-03": stf03,
  "STF-04": stf04,
  "STF-05": stf05,
  "STF-06": stf06,
  "STF-07": stf07,
  "STF-08": stf08,
} satisfies Partial<EvaluatorTable>;
