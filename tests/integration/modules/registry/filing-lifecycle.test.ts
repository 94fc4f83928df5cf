import type { ActingScope } from "~/modules/registry/filing.server";
import {
  approveFiling,
  changeRegistration,
  FilingIncomplete,
  FilingNotEditable,
  requestChanges,
  startFiling,
  startReview,
  submitFiling,
  updateDraft,
} from "~/modules/registry/filing.server";
import { ForeignItemId } from "~/modules/registry/projection.server";
import { TransitionRefused } from "~/modules/registry/state-machine";
import { stableId } from "../../../../prisma/seed/stable-id";
import { completeContent } from "../../../fixtures/registration-content";
import { ownerClient, seedDemoData } from "../../../support/demo-database";

const owner = ownerClient();
beforeAll(seedDemoData);
afterAll(() => owner.$disconnect());

const INSTITUTION = stableId("institution", "xihu-swim");
const applicant: ActingScope = {
  userId: stableId("user", "xihu.swim@tipei.example"),
  authorityId: null,
  platform: false,
};
const hangzhouAdmin: ActingScope = {
  userId: stableId("user", "hangzhou.admin@tipei.example"),
  authorityId: stableId("authority", "330100"),
  platform: false,
};
const ningboAdmin: ActingScope = {
  userId: stableId("user", "ningbo.admin@tipei.example"),
  authorityId: stableId("authority", "330200"),
  platform: false,
};

describe("a filing from draft to registration", () => {
  it("goes draft → submitted → under review → changes requested → submitted → approved, with history, audit and emails", async () => {
    const filingId = await startFiling(applicant, INSTITUTION, "INITIAL");
    await expect(submitFiling(applicant, filingId)).rejects.toBeInstanceOf(FilingIncomplete);

    const content = completeContent();
    await updateDraft(applicant, filingId, "all", () => content);
    await submitFiling(applicant, filingId);
    expect(await owner.institution.findUniqueOrThrow({ where: { id: INSTITUTION } })).toMatchObject({
      status: "SUBMITTED",
    });
    await expect(updateDraft(applicant, filingId, "entity", (d) => d)).rejects.toBeInstanceOf(FilingNotEditable);

    // A regulator of another city cannot even see it.
    await expect(startReview(ningboAdmin, filingId)).rejects.toThrow();
    await startReview(hangzhouAdmin, filingId);
    await requestChanges(hangzhouAdmin, filingId, "请补充场地信息", [
      { path: "venues.0.aed", comment: "请确认 AED 位置" },
    ]);
    expect(await owner.institution.findUniqueOrThrow({ where: { id: INSTITUTION } })).toMatchObject({
      status: "CHANGES_REQUESTED",
    });

    await updateDraft(applicant, filingId, "venues", (d) => ({
      ...d,
      venues: d.venues.map((v) => ({ ...v, name: "文三路游泳馆（主馆）" })),
    }));
    await submitFiling(applicant, filingId);
    await startReview(hangzhouAdmin, filingId);
    const { registrationNo } = await approveFiling(hangzhouAdmin, filingId, new Date("2026-11-23T02:00:00Z"));
    expect(registrationNo).toBe("330106-2026-0001");

    const institution = await owner.institution.findUniqueOrThrow({ where: { id: INSTITUTION } });
    expect(institution).toMatchObject({
      status: "APPROVED",
      registrationNo,
      name: content.entity.name,
      sports: ["SWIMMING"],
    });
    // Due after the REG-04 interval in force (12 months by default).
    expect(institution.annualFilingDueOn?.toISOString().slice(0, 10)).toBe("2027-11-23");
    expect(institution.publicProfile).toMatchObject({
      name: content.entity.name,
      venues: [{ name: "文三路游泳馆（主馆）" }],
    });
    expect(JSON.stringify(institution.publicProfile)).not.toContain(content.entity.contactPhone);
    expect(await owner.course.count({ where: { institutionId: INSTITUTION, active: true } })).toBe(1);
    expect(await owner.coachCertificate.count({ where: { institutionId: INSTITUTION } })).toBe(2);

    const history = await owner.institutionStatusEvent.findMany({
      where: { institutionId: INSTITUTION },
      orderBy: { occurredAt: "asc" },
    });
    expect(history.map((h) => h.toStatus)).toEqual([
      "SUBMITTED",
      "UNDER_REVIEW",
      "CHANGES_REQUESTED",
      "SUBMITTED",
      "UNDER_REVIEW",
      "APPROVED",
    ]);
    expect(
      await owner.auditEvent.count({ where: { entityId: filingId, action: { startsWith: "registry.filing." } } }),
    ).toBeGreaterThanOrEqual(8);
    const emails = await owner.emailOutbox.findMany({
      where: { kind: { startsWith: "registry." } },
      select: { kind: true, toAddress: true },
    });
    expect(emails).toEqual(
      expect.arrayContaining([
        { kind: "registry.filingSubmitted", toAddress: "hangzhou.admin@tipei.example" },
        { kind: "registry.changesRequested", toAddress: "xihu.swim@tipei.example" },
        { kind: "registry.approved", toAddress: "xihu.swim@tipei.example" },
      ]),
    );
  });

  it("a change filing keeps ids, withdraws a dropped course without deleting it, and keeps the registration number", async () => {
    const filingId = await startFiling(applicant, INSTITUTION, "CHANGE");
    await updateDraft(applicant, filingId, "courses", (d) => ({
      ...d,
      courses: [
        {
          ...(d.courses[0] as NonNullable<(typeof d.courses)[0]>),
          id: crypto.randomUUID(),
          name: "成人游泳提高班",
          ageMin: 18,
          ageMax: 60,
        },
      ],
    }));
    await submitFiling(applicant, filingId);
    await startReview(hangzhouAdmin, filingId);
    const { registrationNo } = await approveFiling(hangzhouAdmin, filingId);
    expect(registrationNo).toBe("330106-2026-0001");
    const courses = await owner.course.findMany({ where: { institutionId: INSTITUTION }, orderBy: { name: "asc" } });
    expect(courses.map((c) => [c.name, c.active])).toEqual(
      [
        ["少儿游泳入门班", false],
        ["成人游泳提高班", true],
      ].sort(),
    );
  });

  it("refuses transitions the state machine does not have", async () => {
    await expect(changeRegistration(hangzhouAdmin, INSTITUTION, "reinstate", "无")).rejects.toBeInstanceOf(
      TransitionRefused,
    );
    expect(await changeRegistration(hangzhouAdmin, INSTITUTION, "suspend", "安全检查不合格")).toBe("SUSPENDED");
    await expect(changeRegistration(hangzhouAdmin, INSTITUTION, "suspend", "again")).rejects.toBeInstanceOf(
      TransitionRefused,
    );
    expect(await changeRegistration(hangzhouAdmin, INSTITUTION, "reinstate", "整改完成")).toBe("APPROVED");
    await expect(changeRegistration(ningboAdmin, INSTITUTION, "revoke", "foreign")).rejects.toThrow();
  });

  it("refuses an approval whose content reuses another institution's item ids, leaving that institution untouched", async () => {
    const other = stableId("institution", "binjiang-chess");
    const otherAdmin: ActingScope = {
      userId: stableId("user", "hangzhou.admin@tipei.example"),
      authorityId: null,
      platform: true,
    };
    const victim = await owner.venue.findFirstOrThrow({ where: { institutionId: INSTITUTION } });
    const filingId = await startFiling(otherAdmin, other, "INITIAL");
    const content = completeContent();
    const stolen = {
      ...(content.venues[0] as NonNullable<(typeof content.venues)[0]>),
      id: victim.id,
      name: "冒用的场地",
    };
    await updateDraft(otherAdmin, filingId, "all", () => ({
      ...content,
      venues: [stolen],
      courses: content.courses.map((c) => ({ ...c, slots: c.slots.map((s) => ({ ...s, venueId: victim.id })) })),
    }));
    await submitFiling(otherAdmin, filingId);
    await startReview(hangzhouAdmin, filingId);
    await expect(approveFiling(hangzhouAdmin, filingId)).rejects.toBeInstanceOf(ForeignItemId);
    expect(await owner.venue.findUniqueOrThrow({ where: { id: victim.id } })).toMatchObject({
      institutionId: INSTITUTION,
      name: victim.name,
    });
    expect(await owner.filing.findUniqueOrThrow({ where: { id: filingId } })).toMatchObject({ status: "UNDER_REVIEW" });
  });
});
