import { isoDateInChina } from "~/lib/china-date";
import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { scoreRiskSoon } from "~/modules/risk/scoring-triggers.server";
import type { SizeBand } from "~/modules/tenancy/parameters";
import { sizeBandOf, warningThresholds } from "~/modules/tenancy/resolve-settings";
import { resolveSettingsFor } from "~/modules/tenancy/settings.server";

type Level = "YELLOW" | "RED";
type Measure = {
  institutionId: string;
  authorityId: string;
  activeEnrollments: number;
  heldFen: number;
  owedFen: number;
  outflowFen: number;
};

/**
 * Fund warnings (STANDARDS: yellow and red, by institution size): the supervised balance falls
 * below a share of what the institution still owes in unconsumed lessons, or its outflow in the
 * period exceeds an amount. One set-based query measures every institution with escrow; each
 * warning is raised once while it holds (unique open warning per reason) and cleared when not.
 */
export async function evaluateFundWarnings(
  institutionIds?: string[],
  today = isoDateInChina(),
): Promise<{ raised: number; cleared: number }> {
  const ids = institutionIds && institutionIds.length > 0 ? institutionIds : null;
  const measures = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<
        {
          institution_id: string;
          authority_id: string;
          active: number;
          held: bigint;
          owed: bigint;
          outflow_30: bigint;
          outflow_by_day: unknown;
        }[]
      >`
      WITH active AS (
        SELECT e.institution_id, count(*)::int AS active,
               sum((e.lesson_count - l.released - l.refunded_on_decision - l.refunded)::bigint * e.price_per_lesson_fen)::bigint AS owed
          FROM enrollment e CROSS JOIN LATERAL enrollment_lessons(e.id, e.lesson_count) l
         WHERE e.status = 'ACTIVE' AND (${ids}::uuid[] IS NULL OR e.institution_id = ANY(${ids}::uuid[]))
         GROUP BY e.institution_id
      ), held AS (
        SELECT a.institution_id, sum(e.amount_fen)::bigint AS held
          FROM ledger_account a JOIN ledger_entry e ON e.account_id = a.id
         WHERE a.kind = 'ENROLLMENT_ESCROW' AND (${ids}::uuid[] IS NULL OR a.institution_id = ANY(${ids}::uuid[]))
         GROUP BY a.institution_id
      )
      SELECT i.id::text AS institution_id, i.authority_id::text, coalesce(ac.active, 0) AS active,
             coalesce(h.held, 0)::bigint AS held, coalesce(ac.owed, 0)::bigint AS owed, 0::bigint AS outflow_30,
             (SELECT coalesce(jsonb_object_agg(d.days, d.total), '{}'::jsonb) FROM (
                SELECT k.days, coalesce(sum(p.amount_fen), 0)::bigint AS total
                  FROM (VALUES (7), (14), (30), (60), (90), (180), (365)) AS k(days)
                  LEFT JOIN payout p ON p.institution_id = i.id AND p.status IN ('PENDING', 'PAID')
                                    AND p.business_date > ${today}::date - k.days
                 GROUP BY k.days) d) AS outflow_by_day
        FROM institution i
        LEFT JOIN active ac ON ac.institution_id = i.id
        LEFT JOIN held h ON h.institution_id = i.id
       WHERE (ac.institution_id IS NOT NULL OR h.institution_id IS NOT NULL
              OR EXISTS (SELECT 1 FROM fund_warning w WHERE w.institution_id = i.id AND w.cleared_at IS NULL))
         AND (${ids}::uuid[] IS NULL OR i.id = ANY(${ids}::uuid[]))`,
  );
  let raised = 0;
  let cleared = 0;
  const settingsByAuthority = new Map<string, Awaited<ReturnType<typeof resolveSettingsFor>>>();
  for (const row of measures) {
    let settings = settingsByAuthority.get(row.authority_id);
    if (!settings) {
      settings = await resolveSettingsFor(row.authority_id, today);
      settingsByAuthority.set(row.authority_id, settings);
    }
    const band: SizeBand = sizeBandOf(settings, row.active);
    const t = warningThresholds(settings, band);
    const outflows = (row.outflow_by_day ?? {}) as Record<string, number>;
    const measure: Measure = {
      institutionId: row.institution_id,
      authorityId: row.authority_id,
      activeEnrollments: row.active,
      heldFen: Number(row.held),
      owedFen: Number(row.owed),
      outflowFen: outflowWithin(outflows, t.periodDays),
    };
    const heldPercent = measure.owedFen > 0 ? (measure.heldFen * 100) / measure.owedFen : 100;
    const balanceLevel: Level | null =
      heldPercent < t.red.balanceBelowPercent ? "RED" : heldPercent < t.yellow.balanceBelowPercent ? "YELLOW" : null;
    const outflowLevel: Level | null =
      measure.outflowFen > t.red.outflowAboveFen
        ? "RED"
        : measure.outflowFen > t.yellow.outflowAboveFen
          ? "YELLOW"
          : null;
    for (const [reason, level] of [
      ["BALANCE", balanceLevel],
      ["OUTFLOW", outflowLevel],
    ] as const) {
      const change = await setWarning(measure, reason, level, {
        band,
        heldPercent: Math.round(heldPercent),
        thresholds: t,
      });
      if (change === "raised") raised += 1;
      if (change === "cleared") cleared += 1;
    }
  }
  return { raised, cleared };
}

/** The outflow over the tenant's period, from the nearest measured window at or above it. */
function outflowWithin(byDays: Record<string, number>, periodDays: number): number {
  const windows = [7, 14, 30, 60, 90, 180, 365];
  const window = windows.find((d) => d >= periodDays) ?? 365;
  return Number(byDays[String(window)] ?? 0);
}

async function setWarning(
  m: Measure,
  reason: "BALANCE" | "OUTFLOW",
  level: Level | null,
  context: Record<string, unknown>,
): Promise<"raised" | "cleared" | null> {
  return unsafeAsSystem(async (db) => {
    const open = await db.fundWarning.findFirst({ where: { institutionId: m.institutionId, reason, clearedAt: null } });
    const measured = { ...m, ...context };
    if (!level) {
      if (!open) return null;
      await db.fundWarning.update({ where: { id: open.id }, data: { clearedAt: new Date() } });
      return "cleared";
    }
    if (open) {
      if (open.level === level) return null;
      await db.fundWarning.update({ where: { id: open.id }, data: { level, measured } });
      await signalRisk(db, m, open.id, level, reason);
      return null;
    }
    const created = await db.fundWarning.createMany({
      data: [{ institutionId: m.institutionId, authorityId: m.authorityId, reason, level, measured }],
      skipDuplicates: true,
    });
    if (created.count === 0) return null;
    const warning = await db.fundWarning.findFirstOrThrow({
      where: { institutionId: m.institutionId, reason, clearedAt: null },
      select: { id: true },
    });
    await signalRisk(db, m, warning.id, level, reason);
    // A new warning is a risk signal: the institution is scored again (a burst scores once).
    await scoreRiskSoon(db, m.institutionId, "fundWarning");
    return "raised";
  });
}

/** A warning raised or made red is a fact for risk scoring: one signal per warning and level. */
async function signalRisk(db: Db, m: Measure, warningId: string, level: Level, reason: "BALANCE" | "OUTFLOW") {
  await db.riskSignal.createMany({
    data: [
      {
        institutionId: m.institutionId,
        authorityId: m.authorityId,
        kind: `FUND_WARNING_${level}`,
        sourceId: warningId,
        details: { reason, heldFen: m.heldFen, owedFen: m.owedFen, outflowFen: m.outflowFen },
      },
    ],
    skipDuplicates: true,
  });
}
