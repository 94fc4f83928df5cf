import { isoDateInChina } from "~/lib/china-date";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { inspectionSettingsFor } from "./inspection-settings.server";

/**
 * From flags to inspections: every institution at a HIGH or CRITICAL risk level without an open
 * RISK task gets one, in one INSERT … SELECT over the whole tenant (or every tenant). The partial
 * unique index `inspection_task_one_open_risk_task` and ON CONFLICT DO NOTHING make it once, even
 * when two runs race. Each task goes to an inspector of the institution's district — its own
 * inspectors, else those of the nearest authority above with any — filling the least loaded
 * first (open and in-progress tasks), and is due in INSPECT.dueDaysCritical or
 * INSPECT.dueDaysHigh days. A job (open-risk-tasks), so it acts as the system.
 */
export type OpenedRiskTask = {
  id: string;
  institutionId: string;
  authorityId: string;
  assignedToId: string | null;
  riskLevel: "HIGH" | "CRITICAL";
  dueOn: string;
};

export async function openRiskTasks(authorityId?: string, now = new Date()): Promise<OpenedRiskTask[]> {
  const today = isoDateInChina(now);
  const root = authorityId ?? null;
  return unsafeAsSystem(async (db) => {
    // The districts with institutions waiting for a task, for their due-day settings.
    const districts = await db.$queryRaw<{ id: string }[]>`
      WITH RECURSIVE tree AS (
        SELECT id FROM authority WHERE ${root}::uuid IS NULL OR id = ${root}::uuid
        UNION SELECT a.id FROM authority a JOIN tree ON a.parent_id = tree.id
      )
      SELECT DISTINCT i.authority_id::text AS id
        FROM institution i
       WHERE i.risk_level IN ('HIGH', 'CRITICAL') AND i.authority_id IN (SELECT id FROM tree)
         AND NOT EXISTS (SELECT 1 FROM inspection_task t
                          WHERE t.institution_id = i.id AND t.origin = 'RISK' AND t.status IN ('OPEN', 'IN_PROGRESS'))`;
    if (districts.length === 0) return [];
    const ids: string[] = [];
    const high: number[] = [];
    const critical: number[] = [];
    for (const d of districts) {
      const settings = await inspectionSettingsFor(d.id, now, db);
      ids.push(d.id);
      high.push(Math.round(settings.dueDaysHigh));
      critical.push(Math.round(settings.dueDaysCritical));
    }
    const opened = await db.$queryRaw<
      {
        id: string;
        institution_id: string;
        authority_id: string;
        assigned_to_id: string | null;
        risk_level: "HIGH" | "CRITICAL";
        due_on: string;
      }[]
    >`
      WITH RECURSIVE due AS (
        SELECT * FROM unnest(${ids}::uuid[], ${high}::int[], ${critical}::int[]) AS d(district_id, high_days, critical_days)
      ),
      cand AS (
        SELECT i.id AS institution_id, i.authority_id, i.risk_level, i.risk_assessment_id,
               row_number() OVER (PARTITION BY i.authority_id ORDER BY i.risk_score DESC NULLS LAST, i.id) AS n
          FROM institution i JOIN due ON due.district_id = i.authority_id
         WHERE i.risk_level IN ('HIGH', 'CRITICAL')
           AND NOT EXISTS (SELECT 1 FROM inspection_task t
                            WHERE t.institution_id = i.id AND t.origin = 'RISK' AND t.status IN ('OPEN', 'IN_PROGRESS'))
      ),
      anc AS (
        SELECT district_id, district_id AS ancestor_id, 0 AS distance FROM due
        UNION ALL
        SELECT anc.district_id, a.parent_id, anc.distance + 1
          FROM anc JOIN authority a ON a.id = anc.ancestor_id WHERE a.parent_id IS NOT NULL
      ),
      eligible AS (
        SELECT DISTINCT anc.district_id, m.user_id, anc.distance
          FROM anc JOIN membership m ON m.authority_id = anc.ancestor_id AND m.role = 'INSPECTOR' AND m.institution_id IS NULL
      ),
      nearest AS (
        SELECT DISTINCT e.district_id, e.user_id FROM eligible e
         WHERE e.distance = (SELECT min(e2.distance) FROM eligible e2 WHERE e2.district_id = e.district_id)
      ),
      loads AS (
        SELECT assigned_to_id AS user_id, count(*)::int AS open_tasks FROM inspection_task
         WHERE status IN ('OPEN', 'IN_PROGRESS') AND assigned_to_id IS NOT NULL GROUP BY assigned_to_id
      ),
      -- Water-filling: slot k of an inspector sits at level load + k; the lowest slots are dealt first.
      slots AS (
        SELECT nr.district_id, nr.user_id,
               row_number() OVER (PARTITION BY nr.district_id ORDER BY coalesce(l.open_tasks, 0) + g, nr.user_id) AS n
          FROM nearest nr LEFT JOIN loads l ON l.user_id = nr.user_id
          CROSS JOIN LATERAL generate_series(1, (SELECT count(*) FROM cand c WHERE c.authority_id = nr.district_id)::int) g
      )
      INSERT INTO inspection_task (institution_id, authority_id, origin, assessment_id, risk_level, assigned_to_id,
                                   due_on, status, updated_at)
      SELECT c.institution_id, c.authority_id, 'RISK', c.risk_assessment_id, c.risk_level, s.user_id,
             ${today}::date + CASE c.risk_level WHEN 'CRITICAL' THEN due.critical_days ELSE due.high_days END,
             'OPEN', now()
        FROM cand c
        JOIN due ON due.district_id = c.authority_id
        LEFT JOIN slots s ON s.district_id = c.authority_id AND s.n = c.n
      ON CONFLICT DO NOTHING
      RETURNING id::text, institution_id::text, authority_id::text, assigned_to_id::text, risk_level::text AS risk_level,
                to_char(due_on, 'YYYY-MM-DD') AS due_on`;
    for (const task of opened) {
      await appendAudit(db, {
        actorUserId: null,
        authorityId: task.authority_id,
        action: "inspection.task.opened",
        entityType: "inspection_task",
        entityId: task.id,
        after: {
          origin: "RISK",
          institutionId: task.institution_id,
          riskLevel: task.risk_level,
          assignedToId: task.assigned_to_id,
          dueOn: task.due_on,
        },
      });
    }
    return opened.map((t) => ({
      id: t.id,
      institutionId: t.institution_id,
      authorityId: t.authority_id,
      assignedToId: t.assigned_to_id,
      riskLevel: t.risk_level,
      dueOn: t.due_on,
    }));
  });
}
