import { randomUUID } from "node:crypto";
import type { RegistrationContent } from "~/modules/registry/content";
import {
  type ActingScope,
  approveFiling,
  startFiling,
  startReview,
  submitFiling,
  updateDraft,
} from "~/modules/registry/filing.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { completeContent, creditCodeFor } from "../../../fixtures/registration-content";

/** Set-up shared by the pool safety tests: demo institutions approved with pools through the registry services. */
export const user = (email: string) => stableId("user", email);
export const member = (email: string): ActingScope => ({ userId: user(email), authorityId: null, platform: false });
export const regulator = (email: string, division: string): ActingScope => ({
  userId: user(email),
  authorityId: stableId("authority", division),
  platform: false,
});

export const XIHU_SWIM = stableId("institution", "xihu-swim");
export const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");
export const BINJIANG_CHESS = stableId("institution", "binjiang-chess");
export const XIHU_ADMIN = member("xihu.swim@tipei.example");
export const XIHU_STAFF = member("xihu.swim.staff@tipei.example");
export const YINZHOU_ADMIN = member("yinzhou.football@tipei.example");
export const HANGZHOU_ADMIN = regulator("hangzhou.admin@tipei.example", "330100");
export const XIHU_INSPECTOR = regulator("xihu.inspector@tipei.example", "330106");
export const NINGBO_ADMIN = regulator("ningbo.admin@tipei.example", "330200");

/** Files, reviews and approves an initial registration, as the institution and its regulator do. */
export async function approve(
  applicant: ActingScope,
  reviewer: ActingScope,
  institutionId: string,
  content: RegistrationContent,
) {
  const filingId = await startFiling(applicant, institutionId, "INITIAL");
  await updateDraft(applicant, filingId, "all", () => content);
  await submitFiling(applicant, filingId);
  await startReview(reviewer, filingId);
  await approveFiling(reviewer, filingId, new Date("2026-11-10T02:00:00Z"));
}

/** Xihu's swimming school: one pool of 375 m² (4 lifeguards needed), lessons on Wednesdays and Saturdays. */
export async function approveXihuSwim(): Promise<{ poolId: string }> {
  const content = completeContent();
  await approve(XIHU_ADMIN, HANGZHOU_ADMIN, XIHU_SWIM, content);
  return { poolId: content.venues[0]?.id ?? "" };
}

/**
 * Yinzhou's club, registered with two pools and a hall: pool A (600 m²) has lessons on Mondays
 * and Fridays; pool B (200 m²) only had a Sunday course, withdrawn afterwards; the hall has
 * Tuesday lessons but is no pool.
 */
export async function approveYinzhouWithPools(): Promise<{
  poolA: string;
  poolB: string;
  hall: string;
  sundayCourse: string;
}> {
  const base = completeContent();
  const [pool] = base.venues;
  const [course] = base.courses;
  if (!pool || !course) throw new Error("the fixture has a pool and a course");
  const poolA = randomUUID();
  const poolB = randomUUID();
  const hall = randomUUID();
  const sundayCourse = randomUUID();
  const content: RegistrationContent = {
    ...base,
    entity: { ...base.entity, name: "宁波鄞州追风足球俱乐部", creditCode: creditCodeFor("330212") },
    venues: [
      { ...pool, id: poolA, name: "鄞州一号池", poolWaterAreaM2: 600 },
      { ...pool, id: poolB, name: "鄞州二号池", poolWaterAreaM2: 200 },
      { ...pool, id: hall, name: "鄞州训练馆", isPool: false, poolWaterAreaM2: undefined },
    ],
    courses: [
      {
        ...course,
        slots: [
          { id: randomUUID(), venueId: poolA, weekday: 1, startTime: "17:00", endTime: "18:00" },
          { id: randomUUID(), venueId: poolA, weekday: 5, startTime: "17:00", endTime: "18:00" },
          { id: randomUUID(), venueId: hall, weekday: 2, startTime: "17:00", endTime: "18:00" },
        ],
      },
      {
        ...course,
        id: sundayCourse,
        name: "周日体验课",
        slots: [{ id: randomUUID(), venueId: poolB, weekday: 7, startTime: "09:00", endTime: "10:00" }],
      },
    ],
  };
  await approve(YINZHOU_ADMIN, NINGBO_ADMIN, YINZHOU_FOOTBALL, content);
  return { poolA, poolB, hall, sundayCourse };
}

/** A session row as the form posts it. */
export function sessionRow(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    startTime: "09:00",
    endTime: "11:00",
    lifeguardsOnDuty: "4",
    lifeguardNames: "张三、李四、王五、赵六",
    freeChlorineMgL: "0.4",
    ph: "7.4",
    ureaMgL: "",
    ...overrides,
  };
}

/** The form's fields flattened as a browser posts them: `sessions.0.ph`… */
export function postedFields(log: {
  venueId: string;
  logDate: string;
  notes?: string;
  sessions: Record<string, string>[];
}): Record<string, string> {
  const fields: Record<string, string> = { venueId: log.venueId, logDate: log.logDate, notes: log.notes ?? "" };
  log.sessions.forEach((s, i) => {
    for (const [key, value] of Object.entries(s)) fields[`sessions.${i}.${key}`] = value;
  });
  return fields;
}
