import { addDays } from "~/lib/china-date";
import type { Db } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { isIsoDate } from "~/modules/tenancy/settings-schema";
import { CALENDAR_NAME_MAX } from "./calendar-form";
import { addWorkingDays, type IsoDate, workingDaysBetween } from "./working-days";

/**
 * The working calendar of a tenant, as data: `working_calendar_day` holds the days that break
 * the Monday–Friday rule (national holidays, adjusted working weekends, local decisions). The
 * entry of the nearest authority up the chain decides a day, so a district can correct what it
 * inherits from its city or province. Everyone reads; row-level security lets an authority write
 * only its own and its descendants' days. Callers pass a transaction from `inScope`.
 */

export const CALENDAR_DAY_SET = "calendar.daySet";
export const CALENDAR_DAY_REMOVED = "calendar.dayRemoved";

type Reader = Pick<Db, "$queryRaw">;

/** The authority does not exist or lies outside the scope of the transaction. */
export class CalendarNotWritableError extends Error {
  constructor(readonly authorityId: string) {
    super(`The working calendar of authority ${authorityId} cannot be changed in this scope`);
    this.name = "CalendarNotWritableError";
  }
}

/** The entries that decide the days of [from, to] for an authority: the nearest one per day. */
export async function loadCalendarOverrides(
  db: Reader,
  authorityId: string,
  from: IsoDate,
  to: IsoDate,
): Promise<Map<IsoDate, boolean>> {
  const rows = await db.$queryRaw<{ day: string; working: boolean }[]>`
    WITH RECURSIVE chain AS (
      SELECT id, parent_id, 0 AS depth FROM authority WHERE id = ${authorityId}::uuid
      UNION ALL
      SELECT a.id, a.parent_id, chain.depth + 1 FROM authority a JOIN chain ON a.id = chain.parent_id
    )
    SELECT DISTINCT ON (w.day) to_char(w.day, 'YYYY-MM-DD') AS day, w.working
      FROM working_calendar_day w JOIN chain ON chain.id = w.authority_id
     WHERE w.day BETWEEN ${from}::date AND ${to}::date
     ORDER BY w.day, chain.depth`;
  return new Map(rows.map((row) => [row.day, row.working]));
}

/**
 * The n-th working day after `from` in the authority's calendar (n ≥ 1): when a lesson nobody
 * confirmed counts as confirmed, when an unanswered refund counts as agreed. Entries are loaded
 * for a window that must reach the answer; a calendar with long breaks widens it.
 */
export async function workingDayAfter(db: Reader, authorityId: string, from: IsoDate, n: number): Promise<IsoDate> {
  if (!isIsoDate(from)) throw new RangeError(`Not a calendar day: ${from}`);
  let span = n * 3 + 40;
  for (;;) {
    const to = addDays(from, span);
    const due = addWorkingDays(from, n, await loadCalendarOverrides(db, authorityId, addDays(from, 1), to));
    // Every day up to `due` was in the window, so no entry beyond it could change the answer.
    if (due <= to) return due;
    span *= 2;
  }
}

// ---------------------------------------------------------------------------------------------
// The page

export type CalendarSource = { authorityId: string; name: string; nameEn: string };

export type CalendarYearEntry = {
  day: IsoDate;
  working: boolean;
  name: string;
  /** This authority's own entry (it may remove it), else inherited from `source`. */
  own: boolean;
  source: CalendarSource;
  /** The inherited entry an own entry takes precedence over, if any. */
  replaces: { working: boolean; name: string; source: CalendarSource } | null;
};

export type CalendarYear = {
  year: number;
  /** The days of the year that break the weekday rule, in date order. */
  entries: CalendarYearEntry[];
  workingDays: number;
};

type YearRow = {
  day: string;
  working: boolean;
  name: string;
  authority_id: string;
  authority_name: string;
  authority_name_en: string;
};

/** Every entry that decides a day of `year` for the authority, with where it comes from. */
export async function calendarYear(db: Reader, authorityId: string, year: number): Promise<CalendarYear> {
  const first = `${String(year).padStart(4, "0")}-01-01`;
  const last = `${String(year).padStart(4, "0")}-12-31`;
  const rows = await db.$queryRaw<YearRow[]>`
    WITH RECURSIVE chain AS (
      SELECT id, parent_id, name, name_en, 0 AS depth FROM authority WHERE id = ${authorityId}::uuid
      UNION ALL
      SELECT a.id, a.parent_id, a.name, a.name_en, chain.depth + 1 FROM authority a JOIN chain ON a.id = chain.parent_id
    )
    SELECT to_char(w.day, 'YYYY-MM-DD') AS day, w.working, w.name,
           chain.id::text AS authority_id, chain.name AS authority_name, chain.name_en AS authority_name_en
      FROM working_calendar_day w JOIN chain ON chain.id = w.authority_id
     WHERE w.day BETWEEN ${first}::date AND ${last}::date
     ORDER BY w.day, chain.depth`;
  const entries: CalendarYearEntry[] = [];
  for (const [index, row] of rows.entries()) {
    // Rows come nearest authority first: the first row of a day decides it.
    if (rows[index - 1]?.day === row.day) continue;
    const next = rows[index + 1];
    const own = row.authority_id === authorityId;
    entries.push({
      day: row.day,
      working: row.working,
      name: row.name,
      own,
      source: sourceOf(row),
      replaces:
        own && next?.day === row.day ? { working: next.working, name: next.name, source: sourceOf(next) } : null,
    });
  }
  const overrides = new Map(entries.map((e) => [e.day, e.working]));
  return { year, entries, workingDays: workingDaysBetween(addDays(first, -1), last, overrides) };
}

function sourceOf(row: YearRow): CalendarSource {
  return { authorityId: row.authority_id, name: row.authority_name, nameEn: row.authority_name_en };
}

// ---------------------------------------------------------------------------------------------
// Changes

export type CalendarDayChange = { changed: boolean };

type OwnEntry = { working: boolean; name: string };

/**
 * Locks the authority for this change; row-level security hides an authority this scope may
 * not update, which makes the change fail before anything is written.
 */
async function lockWritableAuthority(db: Db, authorityId: string): Promise<void> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM authority WHERE id = ${authorityId}::uuid FOR NO KEY UPDATE`;
  if (rows.length === 0) throw new CalendarNotWritableError(authorityId);
}

async function ownEntry(db: Db, authorityId: string, day: IsoDate): Promise<OwnEntry | null> {
  const rows = await db.$queryRaw<OwnEntry[]>`
    SELECT working, name FROM working_calendar_day WHERE authority_id = ${authorityId}::uuid AND day = ${day}::date`;
  return rows[0] ?? null;
}

const entityIdOf = (authorityId: string, day: IsoDate) => `${authorityId}:${day}`;

/** Makes `day` a working day or a day off for the authority and its descendants without an entry of their own. */
export async function setCalendarDay(
  db: Db,
  input: { authorityId: string; actorUserId: string | null; day: IsoDate; working: boolean; name: string },
): Promise<CalendarDayChange> {
  const name = input.name.trim();
  if (!isIsoDate(input.day)) throw new RangeError(`Not a calendar day: ${input.day}`);
  if (name === "" || name.length > CALENDAR_NAME_MAX) throw new RangeError(`A calendar day's name is 1–60 characters`);
  await lockWritableAuthority(db, input.authorityId);
  const before = await ownEntry(db, input.authorityId, input.day);
  if (before && before.working === input.working && before.name === name) return { changed: false };
  await db.$executeRaw`
    INSERT INTO working_calendar_day (authority_id, day, working, name, updated_at)
    VALUES (${input.authorityId}::uuid, ${input.day}::date, ${input.working}, ${name}, CURRENT_TIMESTAMP)
    ON CONFLICT (authority_id, day)
    DO UPDATE SET working = EXCLUDED.working, name = EXCLUDED.name, updated_at = EXCLUDED.updated_at`;
  await appendAudit(db, {
    actorUserId: input.actorUserId,
    authorityId: input.authorityId,
    action: CALENDAR_DAY_SET,
    entityType: "working_calendar_day",
    entityId: entityIdOf(input.authorityId, input.day),
    before: before ? { day: input.day, ...before } : null,
    after: { day: input.day, working: input.working, name },
  });
  return { changed: true };
}

/** Deletes the authority's own entry for `day`: the inherited entry, or the weekday rule, decides it again. */
export async function removeCalendarDay(
  db: Db,
  input: { authorityId: string; actorUserId: string | null; day: IsoDate },
): Promise<CalendarDayChange> {
  if (!isIsoDate(input.day)) throw new RangeError(`Not a calendar day: ${input.day}`);
  await lockWritableAuthority(db, input.authorityId);
  const before = await ownEntry(db, input.authorityId, input.day);
  if (!before) return { changed: false };
  await db.$executeRaw`
    DELETE FROM working_calendar_day WHERE authority_id = ${input.authorityId}::uuid AND day = ${input.day}::date`;
  await appendAudit(db, {
    actorUserId: input.actorUserId,
    authorityId: input.authorityId,
    action: CALENDAR_DAY_REMOVED,
    entityType: "working_calendar_day",
    entityId: entityIdOf(input.authorityId, input.day),
    before: { day: input.day, ...before },
    after: null,
  });
  return { changed: true };
}
