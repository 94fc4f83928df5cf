import type { Prisma } from "~/generated/prisma/client.ts";
import { addDays, isoDateInChina } from "~/lib/china-date";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import { type FieldErrors, validate } from "~/lib/forms/parse.server";
import { appendAudit } from "~/modules/audit/append.server";
import type { IsoDate } from "~/modules/tenancy/parameters";
import { resolveSettings } from "~/modules/tenancy/resolve-settings";
import { chainLinks, loadSettingsChain } from "~/modules/tenancy/settings.server";
import { historyDays, logDateProblem, type PoolLogInput, type PoolSession, poolLogSchema } from "./pool-safety-form";
import {
  type PoolDayStatus,
  type PoolLimits,
  poolDayStatus,
  poolLimitsOf,
  type ReadingProblem,
  readingProblems,
  requiredLifeguards,
} from "./pool-safety-limits";
import type { PoolDay } from "./snapshot";

/**
 * Daily safety logs of swimming pools (HRS-02, HRS-04): recording a day from the institution's
 * phone, the days the compliance engine evaluates, and the institution's own overview. Pools
 * are the approved, active venues marked `is_pool`; lessons come from the weekly schedule of
 * the institution's active courses.
 */

export const POOL_LOG_RECORDED = "compliance.poolLog.recorded";

type Reader = Pick<Db, "$queryRaw">;

// ---------------------------------------------------------------------------------------------
// Reading: two set-based queries, whatever the number of institutions

export type PoolRow = {
  venueId: string;
  institutionId: string;
  authorityId: string;
  name: string;
  waterAreaM2: number | null;
  /** ISO weekdays (1 = Monday) on which an active course has a lesson at this pool. */
  lessonWeekdays: number[];
  /** The institution's first registration day (China): no lessons were held on the platform before. */
  registeredOn: IsoDate | null;
};

/** The active pools of these institutions with the weekdays they have lessons on: one query. */
export async function loadPools(db: Reader, institutionIds: readonly string[]): Promise<PoolRow[]> {
  if (institutionIds.length === 0) return [];
  const rows = await db.$queryRaw<
    {
      venue_id: string;
      institution_id: string;
      authority_id: string;
      name: string;
      water_area: number | null;
      weekdays: number[];
      registered_on: string | null;
    }[]
  >`
    SELECT v.id::text AS venue_id, v.institution_id::text, v.authority_id::text, v.name,
           v.pool_water_area_m2::float8 AS water_area,
           coalesce(array_agg(DISTINCT s.weekday ORDER BY s.weekday) FILTER (WHERE s.weekday IS NOT NULL),
                    '{}')::int[] AS weekdays,
           to_char(i.registered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS registered_on
      FROM venue v
      JOIN institution i ON i.id = v.institution_id
      LEFT JOIN (schedule_slot s JOIN course c ON c.id = s.course_id AND c.active)
             ON s.venue_id = v.id AND s.institution_id = v.institution_id
     WHERE v.institution_id = ANY(${[...institutionIds]}::uuid[]) AND v.is_pool AND v.active
     GROUP BY v.id, i.registered_at
     ORDER BY v.institution_id, v.name, v.id`;
  return rows.map((r) => ({
    venueId: r.venue_id,
    institutionId: r.institution_id,
    authorityId: r.authority_id,
    name: r.name,
    waterAreaM2: r.water_area,
    lessonWeekdays: r.weekdays,
    registeredOn: r.registered_on,
  }));
}

export type LoggedSession = PoolSession;

export type LogRow = {
  id: string;
  institutionId: string;
  venueId: string;
  logDate: IsoDate;
  notes: string | null;
  recordedAt: string;
  sessions: LoggedSession[];
};

/** The logs of these institutions' pools from `from` to `to` (days in China), sessions included: one query. */
export async function loadLogs(
  db: Reader,
  institutionIds: readonly string[],
  from: IsoDate,
  to: IsoDate,
): Promise<LogRow[]> {
  if (institutionIds.length === 0 || from > to) return [];
  const rows = await db.$queryRaw<
    {
      id: string;
      institution_id: string;
      venue_id: string;
      log_date: string;
      notes: string | null;
      recorded_at: Date;
      sessions: LoggedSession[] | null;
    }[]
  >`
    SELECT l.id::text, l.institution_id::text, l.venue_id::text, to_char(l.log_date, 'YYYY-MM-DD') AS log_date,
           l.notes, l.updated_at AS recorded_at,
           json_agg(json_build_object(
             'startTime', s.start_time, 'endTime', s.end_time,
             'lifeguardsOnDuty', s.lifeguards_on_duty, 'lifeguardNames', s.lifeguard_names,
             'freeChlorineMgL', s.free_chlorine_mg_l, 'ph', s.ph, 'ureaMgL', s.urea_mg_l
           ) ORDER BY s.start_time) FILTER (WHERE s.id IS NOT NULL) AS sessions
      FROM pool_safety_log l
      LEFT JOIN pool_safety_session s ON s.log_id = l.id
     WHERE l.institution_id = ANY(${[...institutionIds]}::uuid[])
       AND l.log_date BETWEEN ${from}::date AND ${to}::date
     GROUP BY l.id`;
  return rows.map((r) => ({
    id: r.id,
    institutionId: r.institution_id,
    venueId: r.venue_id,
    logDate: r.log_date,
    notes: r.notes,
    recordedAt: r.recorded_at.toISOString(),
    sessions: (r.sessions ?? []).map((s) => ({
      ...s,
      // json_build_object gives numbers for numerics; keep them plain numbers whatever the driver does.
      freeChlorineMgL: Number(s.freeChlorineMgL),
      ph: Number(s.ph),
      ureaMgL: s.ureaMgL === null ? null : Number(s.ureaMgL),
    })),
  }));
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: IsoDate): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/** Every day from `from` to `to`, both included, oldest first. */
export function daysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(day);
    // A window is days or weeks; a year-long one is a mistake in the caller.
    if (days.length > 366) throw new RangeError(`Pool days asked for more than a year: ${from}..${to}`);
  }
  return days;
}

const logKey = (venueId: string, date: IsoDate) => `${venueId}|${date}`;

/** Whether the pool's schedule has a lesson that day (and the institution was registered by then). */
export function lessonsScheduledOn(pool: PoolRow, date: IsoDate): boolean {
  if (pool.registeredOn !== null && date < pool.registeredOn) return false;
  return pool.lessonWeekdays.includes(isoWeekday(date));
}

/**
 * Every day from `from` to `to` (both included, days in China) of every active pool of these
 * institutions, for the compliance engine (HRS-02, HRS-04): whether lessons were scheduled that
 * weekday at that pool, and the day's readings and fewest lifeguards on duty when a log was
 * kept. Two queries for any number of institutions; each asked institution has an entry (an
 * empty list when it has no pool). Lessons are read from the schedule as it stands now (the
 * registry keeps no schedule history), and none before the institution's first registration
 * day, so a newly registered pool has no "missing" days. Runs in the caller's transaction and scope.
 */
export async function poolDaysFor(
  db: Reader,
  institutionIds: readonly string[],
  from: IsoDate,
  to: IsoDate,
): Promise<Map<string, PoolDay[]>> {
  const days = daysBetween(from, to);
  // One after the other: a transaction runs one query at a time.
  const pools = await loadPools(db, institutionIds);
  const logs = await loadLogs(db, institutionIds, from, to);
  const logged = new Map(logs.map((l) => [logKey(l.venueId, l.logDate), l]));
  const result = new Map<string, PoolDay[]>(institutionIds.map((id) => [id, []]));
  for (const pool of pools) {
    const list = result.get(pool.institutionId) ?? [];
    for (const date of days) {
      const log = logged.get(logKey(pool.venueId, date));
      list.push({
        venueId: pool.venueId,
        date,
        lessonsScheduled: lessonsScheduledOn(pool, date),
        log: log
          ? {
              readings: log.sessions.map(({ freeChlorineMgL, ph, ureaMgL }) => ({ freeChlorineMgL, ph, ureaMgL })),
              // A log always has a session (the form requires one); without one, nobody was on duty.
              minLifeguardsOnDuty:
                log.sessions.length > 0 ? Math.min(...log.sessions.map((s) => s.lifeguardsOnDuty)) : 0,
            }
          : null,
      });
    }
    result.set(pool.institutionId, list);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The institution's overview: its pools' last days with what was recorded and what is out of range

export type SessionView = LoggedSession & {
  problems: ReadingProblem[];
  /** Lifeguards missing against the requirement for the pool's water area (0 when enough). */
  lifeguardsShort: number;
};

export type PoolDayView = {
  date: IsoDate;
  weekday: number;
  status: PoolDayStatus;
  lessonsScheduled: boolean;
  editable: boolean;
  limits: PoolLimits;
  requiredLifeguards: number;
  log: { notes: string | null; recordedAt: string; sessions: SessionView[] } | null;
};

export type PoolOverview = {
  venueId: string;
  name: string;
  waterAreaM2: number | null;
  /** Newest first, today included. */
  days: PoolDayView[];
};

/**
 * The institution's active pools with their last HISTORY_DAYS days, each compared with the
 * tenant's limits of that day (a limit changed mid-window applies from its effective date).
 * Run in the member's scope: row-level security keeps it to their own institution.
 */
export async function poolLogOverview(
  scope: DataScope,
  institutionId: string,
  today: IsoDate = isoDateInChina(),
): Promise<PoolOverview[]> {
  const days = historyDays(today);
  const oldest = days[days.length - 1] ?? today;
  return inScope(scope, async (db) => {
    const pools = await loadPools(db, [institutionId]);
    const first = pools[0];
    if (!first) return [];
    const logs = await loadLogs(db, [institutionId], oldest, today);
    const chain = await loadSettingsChain(first.authorityId, db);
    const links = chainLinks(chain);
    const limitsOn = new Map(days.map((d) => [d, poolLimitsOf(resolveSettings(links, d))]));
    const logged = new Map(logs.map((l) => [logKey(l.venueId, l.logDate), l]));
    return pools.map((pool) => ({
      venueId: pool.venueId,
      name: pool.name,
      waterAreaM2: pool.waterAreaM2,
      days: days.map((date): PoolDayView => {
        const limits = limitsOn.get(date) as PoolLimits;
        const required = requiredLifeguards(pool.waterAreaM2, limits);
        const log = logged.get(logKey(pool.venueId, date));
        const lessonsScheduled = lessonsScheduledOn(pool, date);
        return {
          date,
          weekday: isoWeekday(date),
          status: poolDayStatus({ lessonsScheduled, logged: log !== undefined, isToday: date === today }),
          lessonsScheduled,
          editable: logDateProblem(date, today) === null,
          limits,
          requiredLifeguards: required,
          log: log
            ? {
                notes: log.notes,
                recordedAt: log.recordedAt,
                sessions: log.sessions.map((s) => ({
                  ...s,
                  problems: readingProblems(s, limits),
                  lifeguardsShort: Math.max(0, required - s.lifeguardsOnDuty),
                })),
              }
            : null,
        };
      }),
    }));
  });
}

// ---------------------------------------------------------------------------------------------
// Recording a day

export type RecordPoolLogResult =
  | { ok: true; logId: string; replaced: boolean }
  | { ok: false; fieldErrors: FieldErrors };

const failure = (field: string, message: FieldErrors[string][number]): RecordPoolLogResult => ({
  ok: false,
  fieldErrors: { [field]: [message] },
});

type AuditedLog = { venueId: string; logDate: IsoDate; notes: string | null; sessions: LoggedSession[] };

/**
 * Records a pool's log for a day as a member of the institution: validates it with the form's
 * schema, refuses another institution's venue, a venue that is not an active pool and a day
 * outside the editable window, then writes the day (one row per pool and day), replaces its
 * sessions with the ones given and audits the change with what it replaced, in one transaction.
 */
export async function recordPoolLog(
  scope: DataScope,
  institutionId: string,
  input: PoolLogInput,
  options: { today?: IsoDate } = {},
): Promise<RecordPoolLogResult> {
  const parsed = validate(poolLogSchema, input);
  if (!parsed.ok) return { ok: false, fieldErrors: parsed.fieldErrors };
  const log = parsed.data;
  const dateProblem = logDateProblem(log.logDate, options.today ?? isoDateInChina());
  if (dateProblem) return failure("logDate", dateProblem);

  return inScope(scope, async (db) => {
    // Row-level security shows a member only their own institutions' venues.
    const venue = await db.venue.findFirst({
      where: { id: log.venueId, institutionId, isPool: true, active: true },
      select: { id: true, authorityId: true },
    });
    if (!venue) return failure("venueId", "validation.poolSafety.choosePool");

    // Lock the day's log (when there is one) so the sessions it replaces are the current ones.
    const existing = await db.$queryRaw<{ id: string; notes: string | null }[]>`
      SELECT id::text, notes FROM pool_safety_log
       WHERE venue_id = ${venue.id}::uuid AND log_date = ${log.logDate}::date FOR UPDATE`;
    const previous = existing[0];
    const before: AuditedLog | null = previous
      ? {
          venueId: venue.id,
          logDate: log.logDate,
          notes: previous.notes,
          sessions:
            (await loadLogs(db, [institutionId], log.logDate, log.logDate)).find((l) => l.id === previous.id)
              ?.sessions ?? [],
        }
      : null;

    const written = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO pool_safety_log (institution_id, authority_id, venue_id, log_date, recorded_by_id, notes)
      VALUES (${institutionId}::uuid, ${venue.authorityId}::uuid, ${venue.id}::uuid, ${log.logDate}::date,
              ${scope.userId}::uuid, ${log.notes})
      ON CONFLICT (venue_id, log_date) DO UPDATE
        SET notes = EXCLUDED.notes, recorded_by_id = EXCLUDED.recorded_by_id, updated_at = CURRENT_TIMESTAMP
      RETURNING id::text`;
    const logId = written[0]?.id;
    if (!logId) throw new Error("pool_safety_log upsert returned no row");

    await db.poolSafetySession.deleteMany({ where: { logId } });
    await db.poolSafetySession.createMany({
      data: log.sessions.map((s) => ({
        logId,
        institutionId,
        authorityId: venue.authorityId,
        startTime: s.startTime,
        endTime: s.endTime,
        lifeguardsOnDuty: s.lifeguardsOnDuty,
        lifeguardNames: s.lifeguardNames,
        freeChlorineMgL: s.freeChlorineMgL,
        ph: s.ph,
        ureaMgL: s.ureaMgL,
      })),
    });

    const after: AuditedLog = { venueId: venue.id, logDate: log.logDate, notes: log.notes, sessions: log.sessions };
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: venue.authorityId,
      action: POOL_LOG_RECORDED,
      entityType: "pool_safety_log",
      entityId: logId,
      before: before as unknown as Prisma.InputJsonValue | null,
      after: after as unknown as Prisma.InputJsonValue,
    });
    return { ok: true, logId, replaced: previous !== undefined };
  });
}
