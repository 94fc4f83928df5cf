import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { type Db, inScope } from "~/lib/db-scope.server";
import { isUuid } from "~/lib/uuid";
import { appendAudit } from "~/modules/audit/append.server";
import { type RegulatorScope, visibleAuthorityIds } from "~/modules/compliance/rectification-record.server";
import { type RunDrawInput, runDrawSchema } from "./inspection-forms";
import { inspectionSettingsFor } from "./inspection-settings.server";
import { InvalidInspection } from "./inspections.server";
import {
  type DrawCandidate,
  type DrawnInstitution,
  type DrawRatios,
  drawInspections,
  GRADES,
  gradeOf,
  sameDraw,
} from "./random-draw";

/**
 * Running a random draw (双随机) for a period: the population is the jurisdiction's registered
 * institutions with their compliance grades, the inspectors those of the jurisdiction, the
 * ratios the tenant's DRAW.* settings. The draw stores its inputs and result and opens one DRAW
 * task per institution drawn, due at the period's end; verifyDraw recomputes it from what was stored.
 * Only regulator admins run draws (the route checks the role).
 */
export type DrawSummary = {
  id: string;
  periodStart: string;
  periodEnd: string;
  seed: string;
  ratios: DrawRatios;
  populationSize: number;
  inspectorCount: number;
  /** taskId null: the institution already had an open task when drawn, and is inspected under it. */
  drawn: (DrawnInstitution & { institutionName: string; taskId: string | null })[];
  drawnAt: string;
};

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export async function runRandomDraw(scope: RegulatorScope, values: unknown, now = new Date()): Promise<string> {
  const result = runDrawSchema.safeParse(values);
  if (!result.success) {
    const errors: Record<string, never[]> = {};
    throw new InvalidInspection(
      Object.fromEntries(result.error.issues.map((i) => [String(i.path[0] ?? "form"), [i.message]])) as typeof errors,
    );
  }
  const input: RunDrawInput = result.data;
  const seed = input.seed !== "" ? input.seed : randomBytes(16).toString("hex");
  const { ratios } = await inspectionSettingsFor(scope.authorityId, now);
  return inScope(scope, async (db) => {
    const visible = await visibleAuthorityIds(db);
    const institutions = await db.institution.findMany({
      where: { authorityId: { in: visible }, status: "APPROVED" },
      select: { id: true, complianceGrade: true, authorityId: true },
      orderBy: { id: "asc" },
    });
    const inspectors = await db.membership.findMany({
      where: { role: "INSPECTOR", authorityId: { in: visible }, institutionId: null },
      select: { userId: true, authorityId: true },
      orderBy: [{ userId: "asc" }, { authorityId: "asc" }],
    });
    // Who may take an institution: the inspectors of its district, else of the nearest authority
    // above it (within the jurisdiction) that has any — those who can see its district.
    const eligibleOf = await eligibleInspectorsByDistrict(
      db,
      [...new Set(institutions.map((i) => i.authorityId))],
      inspectors,
    );
    const population: DrawCandidate[] = institutions.map((i) => ({
      institutionId: i.id,
      grade: gradeOf(i.complianceGrade),
      inspectorIds: eligibleOf.get(i.authorityId) ?? [],
    }));
    const inspectorIds = [...new Set(inspectors.map((m) => m.userId))];
    const drawn = drawInspections({ seed, ratios, population, inspectorIds });
    const draw = await db.randomDraw.create({
      data: {
        authorityId: scope.authorityId,
        periodStart: new Date(`${input.periodStart}T00:00:00Z`),
        periodEnd: new Date(`${input.periodEnd}T00:00:00Z`),
        seed,
        ratios: ratios as Prisma.InputJsonValue,
        inspectorIds,
        population: population as unknown as Prisma.InputJsonValue,
        drawn: drawn as unknown as Prisma.InputJsonValue,
        drawnById: scope.userId,
      },
      select: { id: true },
    });
    const districtOf = new Map(institutions.map((i) => [i.id, i.authorityId]));
    // An institution drawn while it already has an open task is inspected under that task: the draw
    // (and its verification) keeps it, but no second task is opened for the same visit.
    const open = await db.inspectionTask.findMany({
      where: { institutionId: { in: drawn.map((d) => d.institutionId) }, status: { in: ["OPEN", "IN_PROGRESS"] } },
      select: { institutionId: true },
    });
    const alreadyOpen = new Set(open.map((o) => o.institutionId));
    await db.inspectionTask.createMany({
      data: drawn
        .filter((d) => !alreadyOpen.has(d.institutionId))
        .map((d) => ({
          institutionId: d.institutionId,
          authorityId: districtOf.get(d.institutionId) ?? scope.authorityId,
          origin: "DRAW" as const,
          drawId: draw.id,
          assignedToId: d.inspectorId,
          dueOn: new Date(`${input.periodEnd}T00:00:00Z`),
        })),
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: scope.authorityId,
      action: "inspection.draw.run",
      entityType: "random_draw",
      entityId: draw.id,
      after: {
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        seed,
        ratios,
        population: population.length,
        inspectors: inspectorIds.length,
        drawn: drawn.length,
        alreadyOpen: alreadyOpen.size,
      },
    });
    return draw.id;
  });
}

async function eligibleInspectorsByDistrict(
  db: Db,
  districtIds: readonly string[],
  inspectors: readonly { userId: string; authorityId: string | null }[],
): Promise<Map<string, string[]>> {
  const chains = await db.$queryRaw<{ district_id: string; ancestor_id: string; distance: number }[]>`
    WITH RECURSIVE anc AS (
      SELECT id AS district_id, id AS ancestor_id, 0 AS distance FROM authority WHERE id = ANY(${[...districtIds]}::uuid[])
      UNION ALL
      SELECT anc.district_id, a.parent_id, anc.distance + 1
        FROM anc JOIN authority a ON a.id = anc.ancestor_id WHERE a.parent_id IS NOT NULL
    )
    SELECT district_id::text, ancestor_id::text, distance FROM anc ORDER BY district_id, distance`;
  const byAuthority = new Map<string, string[]>();
  for (const m of inspectors) {
    if (!m.authorityId) continue;
    byAuthority.set(m.authorityId, [...(byAuthority.get(m.authorityId) ?? []), m.userId]);
  }
  const eligible = new Map<string, string[]>();
  for (const link of chains) {
    if (eligible.has(link.district_id)) continue;
    const found = byAuthority.get(link.ancestor_id);
    if (found && found.length > 0) eligible.set(link.district_id, [...new Set(found)].sort());
  }
  return eligible;
}

function storedRatios(value: unknown): DrawRatios {
  const source = (value ?? {}) as Record<string, unknown>;
  const ratios = {} as DrawRatios;
  for (const g of GRADES) ratios[g] = typeof source[g] === "number" ? (source[g] as number) : 0;
  return ratios;
}

function storedCandidates(value: unknown): DrawCandidate[] {
  return Array.isArray(value)
    ? value.map((c) => ({
        institutionId: String(c?.institutionId ?? ""),
        grade: gradeOf(String(c?.grade ?? "")),
        ...(Array.isArray(c?.inspectorIds) ? { inspectorIds: c.inspectorIds.map(String) } : {}),
      }))
    : [];
}

function storedDrawn(value: unknown): DrawnInstitution[] {
  return Array.isArray(value)
    ? value.map((c) => ({
        institutionId: String(c?.institutionId ?? ""),
        grade: gradeOf(String(c?.grade ?? "")),
        inspectorId: typeof c?.inspectorId === "string" ? c.inspectorId : null,
      }))
    : [];
}

export type DrawVerification = { matches: boolean; recomputed: DrawnInstitution[]; stored: DrawnInstitution[] };

/** Recomputes a draw from its stored seed, ratios, population and inspectors; null outside the jurisdiction. */
export function verifyDraw(scope: RegulatorScope, drawId: string): Promise<DrawVerification | null> {
  if (!isUuid(drawId)) return Promise.resolve(null);
  return inScope(scope, async (db) => {
    const draw = await db.randomDraw.findFirst({
      where: { id: drawId, authorityId: { in: await visibleAuthorityIds(db) } },
    });
    if (!draw) return null;
    const stored = storedDrawn(draw.drawn);
    const recomputed = drawInspections({
      seed: draw.seed,
      ratios: storedRatios(draw.ratios),
      population: storedCandidates(draw.population),
      inspectorIds: draw.inspectorIds,
    });
    return { matches: sameDraw(stored, recomputed), recomputed, stored };
  });
}

/** The jurisdiction's draws, newest first. */
export function listDraws(scope: RegulatorScope, take = 20): Promise<DrawSummary[]> {
  return inScope(scope, async (db) => {
    const draws = await db.randomDraw.findMany({
      where: { authorityId: { in: await visibleAuthorityIds(db) } },
      orderBy: [{ drawnAt: "desc" }, { id: "desc" }],
      take,
    });
    const drawnIds = [...new Set(draws.flatMap((d) => storedDrawn(d.drawn).map((x) => x.institutionId)))];
    const names = await db.institution.findMany({ where: { id: { in: drawnIds } }, select: { id: true, name: true } });
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const tasks = await db.inspectionTask.findMany({
      where: { drawId: { in: draws.map((d) => d.id) } },
      select: { id: true, drawId: true, institutionId: true },
    });
    const taskOf = new Map(tasks.map((task) => [`${task.drawId}:${task.institutionId}`, task.id]));
    return draws.map((d) => ({
      id: d.id,
      periodStart: isoDay(d.periodStart),
      periodEnd: isoDay(d.periodEnd),
      seed: d.seed,
      ratios: storedRatios(d.ratios),
      populationSize: storedCandidates(d.population).length,
      inspectorCount: d.inspectorIds.length,
      drawn: storedDrawn(d.drawn).map((x) => ({
        ...x,
        institutionName: nameOf.get(x.institutionId) ?? "—",
        taskId: taskOf.get(`${d.id}:${x.institutionId}`) ?? null,
      })),
      drawnAt: d.drawnAt.toISOString(),
    }));
  });
}
