import type { Prisma } from "~/generated/prisma/client.ts";
import { DEMO_PLACEHOLDER_KEY_PREFIX, demoPlaceholderFor } from "~/lib/storage/demo-placeholders";
import { isStorageKey } from "~/lib/storage/storage";
import {
  type DraftContent,
  draftContentSchema,
  type RegistrationContent,
  submissionProblems,
} from "~/modules/registry/content";
import { type FilePurpose, isFilePurpose } from "~/modules/registry/files-purposes";
import { INSTITUTION_STATUSES, OPEN_FILING_STATUSES } from "~/modules/registry/institution-status";
import { projectApprovedContent } from "~/modules/registry/projection.server";
import { publicProfileOf } from "~/modules/registry/public-profile";
import { allocateRegistrationNo } from "~/modules/registry/registration-number.server";
import { isChessOrCards, isHighRisk } from "~/modules/registry/sports";
import { FILING_EVENTS, INSTITUTION_EVENTS } from "~/modules/registry/state-machine";
import { DEMO_INSTITUTIONS, seedDemo } from "../../../prisma/seed/demo";
import { REGISTRY_DEMO_AS_OF, yearInChina } from "../../../prisma/seed/registry-calendar";
import { buildRegistryDemo, seedRegistryDemo } from "../../../prisma/seed/registry-demo";
import {
  demoDistricts,
  NON_COMPLIANCE_KINDS,
  type NonComplianceKind,
  registryDemoPlan,
} from "../../../prisma/seed/registry-plan";
import { stableId } from "../../../prisma/seed/stable-id";
import { ownerClient } from "../../support/demo-database";

const db = ownerClient();
const plan = registryDemoPlan();
const planned = new Map(plan.map((e) => [e.id, e]));
const ids = plan.map((e) => e.id);
const REGISTERED = ["APPROVED", "SUSPENDED", "REVOKED", "CLOSED"];
let seededIn = 0;

beforeAll(async () => {
  await seedDemo(db);
  const started = performance.now();
  const added = await seedRegistryDemo(db);
  seededIn = performance.now() - started;
  expect(added.institutions).toBe(plan.length);
}, 60_000);
afterAll(() => db.$disconnect());

const demoInstitutions = () =>
  db.institution.findMany({
    where: { id: { in: ids } },
    include: {
      authority: true,
      filings: { orderBy: { createdAt: "asc" } },
      statusEvents: { orderBy: { occurredAt: "asc" } },
    },
  });

const contentOf = (value: Prisma.JsonValue | null): DraftContent => draftContentSchema.parse(value);
const complete = (value: Prisma.JsonValue | null) => contentOf(value) as RegistrationContent;

describe("the registry demo", () => {
  it("holds 40 institutions in every district: 24 approved, two in each other state, in a few seconds", async () => {
    expect(seededIn).toBeLessThan(10_000);
    const rows = await demoInstitutions();
    expect(rows).toHaveLength(40 * demoDistricts().length);
    for (const district of demoDistricts()) {
      const here = rows.filter((r) => r.authority.code === district.code);
      expect(here, district.code).toHaveLength(40);
      for (const status of INSTITUTION_STATUSES) {
        expect(here.filter((r) => r.status === status).length, `${district.code} ${status}`).toBe(
          status === "APPROVED" ? 24 : 2,
        );
      }
    }
    for (const row of rows) expect(row.status).toBe(planned.get(row.id)?.status);
  });

  it("leaves the four hand-made demo institutions as drafts without filings", async () => {
    const handMade = await db.institution.findMany({
      where: { id: { in: DEMO_INSTITUTIONS.map((i) => stableId("institution", i.key)) } },
      include: { filings: true, statusEvents: true },
    });
    expect(handMade).toHaveLength(4);
    for (const i of handMade) expect([i.status, i.filings.length, i.statusEvents.length]).toEqual(["DRAFT", 0, 0]);
  });

  it("gives each registered institution a unique number of its district and year, and the counter continues after them", async () => {
    const rows = (await demoInstitutions()).filter((r) => REGISTERED.includes(r.status));
    expect(rows).toHaveLength(30 * demoDistricts().length);
    const numbers = rows.map((r) => r.registrationNo);
    expect(new Set(numbers).size).toBe(rows.length);
    for (const r of rows) {
      const year = r.registeredAt ? yearInChina(r.registeredAt) : null;
      expect(year).toBeGreaterThanOrEqual(2024);
      expect(year).toBeLessThanOrEqual(2026);
      expect(r.registrationNo).toMatch(new RegExp(`^${r.authority.code}-${year}-\\d{4}$`));
      expect(r.approvedAt?.getUTCFullYear()).toBeLessThanOrEqual(2026);
    }
    const xihu = await db.authority.findUniqueOrThrow({ where: { code: "330106" } });
    const taken = new Set(numbers);
    // The next real approval in Xihu, in a transaction rolled back afterwards.
    const next = await db
      .$transaction(async (tx) => {
        const no = await allocateRegistrationNo(tx, xihu, 2026);
        throw Object.assign(new Error("rollback"), { no });
      })
      .catch((e: { no?: string }) => e.no);
    expect(next).toMatch(/^330106-2026-\d{4}$/);
    expect(taken.has(next ?? "")).toBe(false);
  });

  it("writes what approval writes: content the forms accept, the public profile without private fields, the projection", async () => {
    const rows = (await demoInstitutions()).filter((r) => REGISTERED.includes(r.status));
    for (const r of rows) {
      const content = complete(r.approvedContent);
      expect(submissionProblems(content), r.name).toEqual([]);
      expect(r.name).toBe(content.entity.name);
      expect(r.creditCode).toBe(content.entity.creditCode);
      expect(r.publicProfile).toEqual(JSON.parse(JSON.stringify(publicProfileOf(content))));
      const published = JSON.stringify(r.publicProfile);
      for (const secret of [
        content.entity.contactPhone,
        content.entity.legalRepresentative,
        content.safetyStaff.safetyOfficerPhone,
      ])
        expect(published).not.toContain(secret);
      expect(published).not.toMatch(/contactPhone|legalRepresentative|contactName|registeredAddress|documents/);
      const lastApproval = r.filings.filter((f) => f.status === "APPROVED").at(-1);
      expect(lastApproval?.snapshot).toEqual(r.approvedContent);
      expect(r.approvedAt).toEqual(lastApproval?.decidedAt);
      expect(r.registeredAt).toEqual(r.filings.find((f) => f.kind === "INITIAL" && f.status === "APPROVED")?.decidedAt);
      const due = new Date(r.approvedAt ?? 0);
      due.setUTCMonth(due.getUTCMonth() + 12);
      expect(r.annualFilingDueOn?.toISOString().slice(0, 10)).toBe(due.toISOString().slice(0, 10));
    }

    const projected = await db.institution.findMany({
      where: { id: { in: rows.map((r) => r.id) } },
      include: { venues: true, coaches: { include: { certificates: true } }, courses: { include: { slots: true } } },
    });
    for (const p of projected) {
      const content = complete(p.approvedContent);
      const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      expect(
        byId(p.venues).map((v) => [v.id, v.name, Number(v.trainingAreaM2), v.floor, v.residential, v.active]),
      ).toEqual(byId(content.venues).map((v) => [v.id, v.name, v.trainingAreaM2, v.floor, v.residential, true]));
      expect(
        byId(p.coaches).map((c) => [c.id, c.name, c.fullTime, c.certificates.map((x) => x.number).sort()]),
      ).toEqual(
        byId(content.coaches).map((c) => [c.id, c.name, c.fullTime, c.certificates.map((x) => x.number).sort()]),
      );
      expect(
        byId(p.courses).map((c) => [
          c.id,
          c.classSize,
          c.pricePerLessonFen,
          byId(c.slots).map((s) => [s.id, s.venueId, s.startTime]),
        ]),
      ).toEqual(
        byId(content.courses).map((c) => [
          c.id,
          c.classSize,
          c.pricePerLessonFen,
          byId(c.slots).map((s) => [s.id, s.venueId ?? null, s.startTime]),
        ]),
      );
    }
  });

  it("projected exactly the rows the approval service's projection writes", async () => {
    const sample = (await demoInstitutions()).filter((r) => r.status === "APPROVED").slice(0, 8);
    const tables = (id: string) =>
      Promise.all([
        db.venue.findMany({ where: { institutionId: id }, orderBy: { id: "asc" } }),
        db.coach.findMany({ where: { institutionId: id }, orderBy: { id: "asc" } }),
        db.coachCertificate.findMany({ where: { institutionId: id }, orderBy: { id: "asc" } }),
        db.course.findMany({ where: { institutionId: id }, orderBy: { id: "asc" } }),
        db.scheduleSlot.findMany({ where: { institutionId: id }, orderBy: { id: "asc" } }),
      ]);
    for (const r of sample) {
      const before = await tables(r.id);
      await db.$transaction((tx) => projectApprovedContent(tx, r, complete(r.approvedContent)));
      expect(await tables(r.id), r.name).toEqual(before);
    }
  });

  it("keeps histories the state machine allows, ending in the institution's state", async () => {
    const asOfEnd = new Date(`${REGISTRY_DEMO_AS_OF}T00:00:00+08:00`);
    for (const r of await demoInstitutions()) {
      let status: string = "DRAFT";
      let last = 0;
      for (const e of r.statusEvents) {
        expect(e.occurredAt.getTime(), r.name).toBeGreaterThan(last);
        last = e.occurredAt.getTime();
        if (e.toStatus === null) continue;
        expect(e.fromStatus, r.name).toBe(status);
        const allowed = Object.values(INSTITUTION_EVENTS).some(
          (rule) => (rule.from as readonly string[]).includes(status) && rule.to === e.toStatus,
        );
        expect(allowed, `${r.name}: ${status} → ${e.toStatus}`).toBe(true);
        status = e.toStatus;
      }
      expect(status, r.name).toBe(r.status);
      expect(last).toBeLessThan(asOfEnd.getTime());
      expect(
        r.filings.filter((f) => (OPEN_FILING_STATUSES as readonly string[]).includes(f.status)).length,
      ).toBeLessThanOrEqual(1);

      for (const f of r.filings) {
        let filingStatus: string = "DRAFT";
        for (const e of r.statusEvents.filter((x) => x.filingId === f.id)) {
          const allowed = Object.values(FILING_EVENTS).some(
            (rule) => (rule.from as readonly string[]).includes(filingStatus) && rule.to === e.filingStatus,
          );
          expect(allowed, `${r.name} filing: ${filingStatus} → ${e.filingStatus}`).toBe(true);
          filingStatus = e.filingStatus ?? filingStatus;
        }
        expect(filingStatus).toBe(f.status);
        expect(draftContentSchema.safeParse(f.draft).success).toBe(true);
        if (f.status !== "DRAFT") {
          expect(f.submittedAt).not.toBeNull();
          expect(submissionProblems(contentOf(f.snapshot))).toEqual([]);
        }
        if (["APPROVED", "REJECTED", "CHANGES_REQUESTED"].includes(f.status)) expect(f.decidedById).not.toBeNull();
      }
    }
  });

  it("gives every file a placeholder row that cannot be mistaken for an upload", async () => {
    const files = await db.storedFile.findMany({ where: { institutionId: { in: ids } } });
    expect(files.length).toBeGreaterThan(1000);
    for (const f of files) {
      expect(f.storageKey.startsWith(DEMO_PLACEHOLDER_KEY_PREFIX)).toBe(true);
      expect(isStorageKey(f.storageKey)).toBe(false);
      expect(isFilePurpose(f.purpose)).toBe(true);
      const placeholder = demoPlaceholderFor(f.purpose as FilePurpose);
      expect([f.contentType, f.sizeBytes, f.sha256]).toEqual([
        placeholder.contentType,
        placeholder.bytes.length,
        placeholder.sha256,
      ]);
    }
    const photos = new Set(files.filter((f) => f.purpose === "coachPhoto").map((f) => f.id));
    const known = new Set(files.map((f) => f.id));
    for (const r of (await demoInstitutions()).filter((x) => x.approvedContent)) {
      const c = complete(r.approvedContent);
      const referenced = [
        c.documents.businessLicenseFileId,
        ...c.venues.map((v) => v.fireSafetyFileId),
        ...c.coaches.map((x) => x.photoFileId),
        ...c.documents.highRiskPermits.map((p) => p.fileId),
      ];
      for (const id of referenced) expect(known.has(id ?? ""), r.name).toBe(true);
      for (const coach of c.coaches) expect(photos.has(coach.photoFileId ?? ""), coach.name).toBe(true);
    }
  });

  it("plants every kind of non-compliance at least three times, in both cities, and nothing else", async () => {
    const rows = (await demoInstitutions()).filter((r) => r.status === "APPROVED");
    const where = new Map<NonComplianceKind, Set<string>>();
    for (const r of rows) {
      const found = breachesOf(complete(r.approvedContent), r);
      const expected = planned.get(r.id)?.breach;
      expect([...found], `${r.name} (${planned.get(r.id)?.key})`).toEqual(expected ? [expected] : []);
      for (const kind of found) where.set(kind, (where.get(kind) ?? new Set()).add(r.authority.code.slice(0, 4)));
      expect(otherProblems(complete(r.approvedContent)), r.name).toEqual([]);
    }
    for (const kind of NON_COMPLIANCE_KINDS) {
      expect([...(where.get(kind) ?? [])].sort(), kind).toEqual(["3301", "3302"]);
      expect(plan.filter((e) => e.breach === kind).length, kind).toBeGreaterThanOrEqual(3);
    }
  });

  it("builds the same institutions on every run, whatever the number per district", () => {
    expect(JSON.stringify(buildRegistryDemo())).toBe(JSON.stringify(buildRegistryDemo()));
    const few = buildRegistryDemo({ institutionsPerDistrict: 5 });
    const all = new Map(buildRegistryDemo().map((b) => [b.entry.key, b]));
    for (const b of few) {
      const same = all.get(b.entry.key);
      expect(JSON.stringify(b.content)).toBe(JSON.stringify(same?.content));
      expect(JSON.stringify(b.history.recorder.events)).toBe(JSON.stringify(same?.history.recorder.events));
    }
  });

  it("changes nothing when it runs again", async () => {
    const snapshot = async () => {
      const byId = { orderBy: { id: "asc" as const } };
      return {
        institutions: await db.institution.findMany(byId),
        filings: await db.filing.findMany(byId),
        events: await db.institutionStatusEvent.findMany(byId),
        files: await db.storedFile.findMany(byId),
        venues: await db.venue.findMany(byId),
        coaches: await db.coach.findMany(byId),
        certificates: await db.coachCertificate.findMany(byId),
        courses: await db.course.findMany(byId),
        slots: await db.scheduleSlot.findMany(byId),
        counters: await db.registrationCounter.findMany({ orderBy: [{ authorityId: "asc" }, { year: "asc" }] }),
        users: await db.user.findMany(byId),
        memberships: await db.membership.findMany(byId),
      };
    };
    const before = await snapshot();
    expect(await seedRegistryDemo(db)).toEqual({ institutions: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("adds only the missing institutions when asked for more, numbered after the registrations already given", async () => {
    const before = await db.institution.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } });
    expect(await seedRegistryDemo(db, { institutionsPerDistrict: 42 })).toEqual({
      institutions: 2 * demoDistricts().length,
    });
    expect(await db.institution.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).toEqual(before);
    const numbers = await db.institution.findMany({
      where: { registrationNo: { not: null } },
      select: { registrationNo: true },
    });
    expect(numbers.length).toBeGreaterThan(before.filter((r) => r.registrationNo).length);
    expect(new Set(numbers.map((n) => n.registrationNo)).size).toBe(numbers.length);
  });
});

// ——— A small stand-in for the compliance engine, at the rules' default parameters ———

const AS_OF = REGISTRY_DEMO_AS_OF;
const validOn = (expiresOn: string | undefined) => expiresOn === undefined || expiresOn >= AS_OF;

function breachesOf(
  c: RegistrationContent,
  r: { annualFilingDueOn: Date | null; fundsSupervisionEnabled: boolean },
): Set<NonComplianceKind> {
  const found = new Set<NonComplianceKind>();
  for (const course of c.courses) {
    if (course.classSize > 35) found.add("STF-01");
    if (course.classSize > 10 && course.coachesPerClass < 2) found.add("STF-02");
    for (const s of course.slots) {
      if (!course.online && s.endTime > "20:30") found.add("SCH-01");
      const schoolAge = course.ageMin <= 18 && course.ageMax >= 6;
      if (schoolAge && s.weekday <= 5 && s.startTime < "16:30" && s.endTime > "08:00") found.add("SCH-03");
    }
  }
  for (const coach of c.coaches) {
    if (!coach.certificates.some((x) => x.type !== "LIFEGUARD" && validOn(x.expiresOn))) found.add("STF-03");
    if (coach.servingSchoolTeacher) found.add("STF-08");
  }
  if (c.coaches.filter((x) => x.fullTime).length / c.coaches.length < 0.5) found.add("STF-05");
  for (const v of c.venues) {
    const here = c.courses.filter((x) => x.slots.some((s) => s.venueId === v.id));
    const largest = Math.max(...here.map((x) => x.classSize));
    const perTrainee = here.every((x) => isChessOrCards(x.sport)) ? 3 : 5;
    if (v.trainingAreaM2 / largest < perTrainee) found.add("VEN-01");
    if (here.some((x) => x.ageMin <= 12) && (v.underground || v.floor < 1 || v.floor > 3)) found.add("VEN-02");
    if (v.residential) found.add("VEN-03");
    if (v.isPool && (v.poolWaterAreaM2 ?? 0) / largest < 2.5) found.add("HRS-03");
  }
  const taught = new Set([...c.entity.sports, ...c.courses.map((x) => x.sport)]);
  for (const sport of taught) {
    if (isHighRisk(sport) && !c.documents.highRiskPermits.some((p) => p.sport === sport && validOn(p.expiresOn)))
      found.add("HRS-01");
  }
  if (r.annualFilingDueOn && r.annualFilingDueOn.toISOString().slice(0, 10) < AS_OF) found.add("REG-04");
  if (!r.fundsSupervisionEnabled) found.add("FEE-04");
  return found;
}

/** Rules the demo keeps everywhere, so the planted breaches are the only findings. */
function otherProblems(c: RegistrationContent): string[] {
  const problems: string[] = [];
  for (const course of c.courses) {
    const total = course.lessonCount * course.pricePerLessonFen;
    if (total > 5000_00) problems.push(`FEE-03 ${course.name}`);
    if ((course.lessonCount * course.lessonMinutes) / 45 > 60) problems.push(`FEE-02 ${course.name}`);
    if (course.lessonCount / course.slots.length > 13) problems.push(`FEE-01 ${course.name}`);
  }
  for (const v of c.venues) {
    if (!v.fireSafetyFileId) problems.push(`VEN-04 ${v.name}`);
    const busy = c.courses.flatMap((x) => x.slots.filter((s) => s.venueId === v.id));
    for (const a of busy)
      for (const b of busy)
        if (a !== b && a.weekday === b.weekday && a.startTime < b.endTime && b.startTime < a.endTime)
          problems.push(`overlap in ${v.name}`);
  }
  const lifeguards = c.coaches.filter((x) =>
    x.certificates.some((k) => k.type === "LIFEGUARD" && validOn(k.expiresOn)),
  );
  if (lifeguards.length < 3 * c.venues.filter((v) => v.isPool).length) problems.push("HRS-02 lifeguards");
  if (c.courses.some((x) => x.sport === "SWIMMING")) {
    for (const coach of c.coaches) {
      const qualified = coach.certificates.some(
        (k) => k.type === "SOCIAL_SPORTS_INSTRUCTOR" && k.sport === "SWIMMING" && validOn(k.expiresOn),
      );
      if (!qualified) problems.push(`HRS-05 ${coach.name}`);
    }
  }
  if (!c.documents.insuranceExpiresOn || c.documents.insuranceExpiresOn < AS_OF) problems.push("REG-03 insurance");
  if (c.safetyStaff.firstAid.length === 0) problems.push("STF-06 first aid");
  return problems;
}
