import { randomUUID } from "node:crypto";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import type { RegistrationContent } from "~/modules/registry/content";
import {
  type ActingScope,
  approveFiling,
  startFiling,
  startReview,
  submitFiling,
  updateDraft,
} from "~/modules/registry/filing.server";
import type { PublicStatus } from "~/modules/registry/public-institution.server";
import { publicProfileOf } from "~/modules/registry/public-profile";
import type { Sport } from "~/modules/registry/sports";
import { stableId } from "../../../../prisma/seed/stable-id";
import { completeContent, creditCodeFor } from "../../../fixtures/registration-content";

/** The demo people who file and approve, by city. */
export const HANGZHOU_APPLICANT: ActingScope = {
  userId: stableId("user", "xihu.swim@tipei.example"),
  authorityId: null,
  platform: false,
};
export const HANGZHOU_ADMIN: ActingScope = {
  userId: stableId("user", "hangzhou.admin@tipei.example"),
  authorityId: stableId("authority", "330100"),
  platform: false,
};
export const NINGBO_APPLICANT: ActingScope = {
  userId: stableId("user", "yinzhou.football@tipei.example"),
  authorityId: null,
  platform: false,
};
export const NINGBO_ADMIN: ActingScope = {
  userId: stableId("user", "ningbo.admin@tipei.example"),
  authorityId: stableId("authority", "330200"),
  platform: false,
};

export const XIHU_SWIM = stableId("institution", "xihu-swim");
export const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");

/** Registers a demo institution the way production does: draft → submitted → review → approved. */
export async function registerThroughServices(
  institutionId: string,
  applicant: ActingScope,
  regulator: ActingScope,
  content: RegistrationContent,
): Promise<string> {
  const filingId = await startFiling(applicant, institutionId, "INITIAL");
  await updateDraft(applicant, filingId, "all", () => content);
  await submitFiling(applicant, filingId);
  await startReview(regulator, filingId);
  const { registrationNo } = await approveFiling(regulator, filingId, new Date("2026-03-02T02:00:00Z"));
  return registrationNo;
}

/** A football club in Ningbo's Yinzhou district (the demo's swimming content, made a football club). */
export function yinzhouFootballContent(): RegistrationContent {
  const base = completeContent();
  return {
    ...base,
    entity: {
      ...base.entity,
      name: "宁波鄞州追风足球俱乐部有限公司",
      creditCode: creditCodeFor("330212", "MA2H7K3Y1"),
      legalRepresentative: "孙立平",
      contactName: "吴倩",
      contactPhone: "13905740011",
      registeredAddress: "浙江省宁波市鄞州区天童南路 8 号",
      sports: ["FOOTBALL"],
    },
    courses: base.courses.map((c) => ({
      ...c,
      name: "少儿足球启蒙班",
      sport: "FOOTBALL",
      classSize: 16,
      coachesPerClass: 2,
    })),
    documents: { ...base.documents, highRiskPermits: [] },
  };
}

type Inserted = {
  name: string;
  district: string;
  sports: Sport[];
  registrationNo: string;
  status?: PublicStatus;
  fundsSupervisionEnabled?: boolean;
};

/** A registered institution written directly as the owner (for breadth: many rows, any status). */
export async function insertRegistered(owner: PrismaClient, row: Inserted): Promise<string> {
  const id = randomUUID();
  const content = completeContent();
  const profile = publicProfileOf({ ...content, entity: { ...content.entity, name: row.name, sports: row.sports } });
  await owner.institution.create({
    data: {
      id,
      authorityId: stableId("authority", row.district),
      name: row.name,
      status: row.status ?? "APPROVED",
      registrationNo: row.registrationNo,
      creditCode: content.entity.creditCode,
      sports: row.sports,
      publicProfile: profile,
      registeredAt: new Date("2025-05-06T02:00:00Z"),
      approvedAt: new Date("2025-05-06T02:00:00Z"),
      fundsSupervisionEnabled: row.fundsSupervisionEnabled ?? false,
    },
  });
  return id;
}

/** An institution still being drafted: it has no registration number and must never show. */
export async function insertDraft(owner: PrismaClient, name: string, district: string): Promise<string> {
  const id = randomUUID();
  await owner.institution.create({
    data: { id, authorityId: stableId("authority", district), name, status: "DRAFT", sports: ["SWIMMING"] },
  });
  return id;
}
