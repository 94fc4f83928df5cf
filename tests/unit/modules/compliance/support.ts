import { randomUUID } from "node:crypto";
import { messagesFor } from "~/lib/i18n/catalog";
import { EVALUATORS } from "~/modules/compliance/evaluators";
import type { Finding } from "~/modules/compliance/finding";
import type { InstitutionSnapshot } from "~/modules/compliance/snapshot";
import type { StandardCode } from "~/modules/compliance/standard-codes";
import type { CoachContent, CourseContent, RegistrationContent, VenueContent } from "~/modules/registry/content";
import { type ResolvedSettings, resolveSettings } from "~/modules/tenancy/resolve-settings";
import { EMPTY_SETTINGS, type StoredOverrides, storedSettingsSchema } from "~/modules/tenancy/settings-schema";
import { completeContent } from "../../../fixtures/registration-content";

/** The day the compliance tests are set on (the registry demo's day too). */
export const AS_OF = "2026-11-23";
export const XIHU = { id: "authority-xihu", code: "330106", name: "杭州市西湖区文化和广电旅游体育局" };

/**
 * completeContent() meets every rule at the defaults but one: its part-time coach holds only a
 * lifeguard certificate, which is no coaching qualification (STF-03). Here she also holds an
 * association skill grade, so every rule passes or does not apply and each case breaks one.
 */
export function compliantContent(): RegistrationContent {
  const content = completeContent();
  coach(content, 1).certificates.push({
    id: randomUUID(),
    type: "ASSOCIATION_SKILL_GRADE",
    number: "ASG-2024-0107",
    sport: "SWIMMING",
    expiresOn: "2028-12-31",
  });
  return content;
}

export function snapshotOf(
  content: RegistrationContent,
  changes: Partial<InstitutionSnapshot> = {},
): InstitutionSnapshot {
  return {
    institutionId: "institution-1",
    authority: XIHU,
    asOf: AS_OF,
    content,
    fundsSupervisionEnabled: true,
    registeredOn: "2025-06-01",
    annualFilingDueOn: "2027-05-31",
    poolDays: null,
    ...changes,
  };
}

/** The district's overrides (validated as stored), under a city and a province that set nothing. */
export function settingsOn(date: string, overrides: StoredOverrides = {}): ResolvedSettings {
  return resolveSettings(
    [
      { authorityId: XIHU.id, settings: storedSettingsSchema.parse({ version: 1, overrides }) },
      { authorityId: "authority-hangzhou", settings: EMPTY_SETTINGS },
      { authorityId: "authority-zhejiang", settings: EMPTY_SETTINGS },
    ],
    date,
  );
}

export function evaluate(rule: StandardCode, snapshot: InstitutionSnapshot, settings = settingsOn(snapshot.asOf)) {
  return EVALUATORS[rule](snapshot, settings);
}

const at = <T>(list: T[], index: number, what: string): T => {
  const item = list[index];
  if (!item) throw new Error(`no ${what} ${index} in the fixture`);
  return item;
};
export const venue = (c: RegistrationContent, i = 0): VenueContent => at(c.venues, i, "venue");
export const coach = (c: RegistrationContent, i = 0): CoachContent => at(c.coaches, i, "coach");
export const course = (c: RegistrationContent, i = 0): CourseContent => at(c.courses, i, "course");

type Slot = CourseContent["slots"][number];
export function slot(weekday: number, startTime: string, endTime: string, venueId?: string): Slot {
  return { id: randomUUID(), venueId, weekday, startTime, endTime };
}

/** A second course like the first, meeting at the given times. */
export function extraCourse(base: CourseContent, changes: Partial<CourseContent>): CourseContent {
  return { ...structuredClone(base), id: randomUUID(), name: `${base.name}（二期）`, ...changes };
}

export function extraVenue(base: VenueContent, changes: Partial<VenueContent>): VenueContent {
  return { ...structuredClone(base), id: randomUUID(), name: `${base.name}二号馆`, ...changes };
}

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");

/** The evidence key exists in both catalogs and every placeholder of both sentences has a value. */
export function expectReadableEvidence(finding: Finding): void {
  for (const locale of ["zh-CN", "en"] as const) {
    const messages: Record<string, string> = messagesFor(locale);
    const text = messages[finding.evidence.key];
    expect(text, `${locale} has ${finding.evidence.key}`).toBeDefined();
    for (const name of placeholders(text ?? ""))
      expect(Object.keys(finding.evidence.values), `${finding.evidence.key} {${name}}`).toContain(name);
  }
  expect(finding.evidence.key.startsWith("compliance.evidence.")).toBe(true);
  expect(typeof finding.evidence.values.source).toBe("string");
}
