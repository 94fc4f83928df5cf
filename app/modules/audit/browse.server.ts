import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { Db } from "~/lib/db-scope.server";
import { type FormResult, validate } from "~/lib/forms/parse.server";
import { findBrokenAuditLink } from "./verify.server";

/**
 * Browsing the audit trail. Every query runs in the caller's scoped transaction, so row-level
 * security decides which events exist at all (the acting authority and its descendants); the
 * filters here only narrow that further and never widen it.
 */

export const AUDIT_PAGE_SIZE = 50;

/** Dates of the filter are calendar days in China (UTC+8 all year, no daylight saving time). */
const CHINA_OFFSET = "+08:00";
const DAY_MS = 24 * 60 * 60 * 1000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_BIGINT = 9_223_372_036_854_775_807n;

/** An empty field of a GET form means "no filter", not an empty string to match. */
function blankAsMissing(value: unknown): unknown {
  return typeof value === "string" && value.trim() === "" ? undefined : value;
}

function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess(blankAsMissing, schema.optional());
}

const text = (max: number) => optional(z.string().trim().max(max, "validation.tooLong"));
// Years outside 1970–9998 are typos here, and a day before year 1 would not reach the database.
const day = optional(
  z.iso.date("validation.audit.date").refine((v) => v >= "1970-01-01" && v <= "9998-12-31", "validation.audit.date"),
);

/** The audit page's query string: the filters and the keyset cursor (the last id of the previous page). */
export const auditQuerySchema = z
  .object({
    action: text(100),
    entityType: text(64),
    entityId: text(64),
    actor: optional(
      z
        .string()
        .trim()
        .max(254, "validation.tooLong")
        .refine((v) => UUID.test(v) || z.email().safeParse(v).success, "validation.audit.actor"),
    ),
    authority: optional(z.uuid("validation.audit.authority")),
    from: day,
    to: day,
    cursor: optional(
      z
        .string()
        // One check: zod runs every check of a schema, so BigInt() must never see a non-number.
        .refine((v) => /^[1-9][0-9]{0,18}$/.test(v) && BigInt(v) <= MAX_BIGINT, "validation.audit.cursor")
        .transform((v) => BigInt(v)),
    ),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "validation.audit.dateOrder", path: ["to"] });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
export type AuditFilter = Omit<AuditQuery, "cursor">;
export const AUDIT_FILTER_FIELDS = ["action", "entityType", "entityId", "actor", "authority", "from", "to"] as const;

/** Validates the page's query string; a repeated parameter counts once (its first value, as `get` reads it). */
export function parseAuditQuery(params: URLSearchParams): FormResult<AuditQuery> {
  const values: Record<string, string> = {};
  for (const [key, value] of params) if (!Object.hasOwn(values, key)) values[key] = value;
  return validate(auditQuerySchema, values);
}

export function hasAuditFilter(filter: AuditFilter): boolean {
  return AUDIT_FILTER_FIELDS.some((field) => filter[field] !== undefined);
}

/** One changed top-level key: its value before and after as JSON text (null when absent). */
export type AuditChange = { key: string; before: string | null; after: string | null; redacted: boolean };

export type AuditRow = {
  id: string;
  occurredAt: Date;
  action: string;
  entityType: string;
  entityId: string;
  actor: { id: string; displayName: string | null; email: string | null } | null;
  authority: { id: string; name: string; nameEn: string } | null;
  changes: AuditChange[];
};

export type AuditPage = { events: AuditRow[]; nextCursor: string | null };

/** LIKE treats % and _ as wildcards and Prisma passes them through: a prefix must match literally. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function startOfChinaDay(date: string): Date {
  return new Date(`${date}T00:00:00.000${CHINA_OFFSET}`);
}

/**
 * The events the scope may see that match `filter`, newest first, `size` at a time. `cursor` is
 * the `nextCursor` of the previous page: keyset pagination on the id, so a page stays stable while
 * new events arrive and costs the same however deep it is.
 */
export async function listAuditEvents(
  db: Db,
  filter: AuditFilter,
  page: { cursor?: bigint; size?: number } = {},
): Promise<AuditPage> {
  const size = page.size ?? AUDIT_PAGE_SIZE;
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.action) where.action = { startsWith: escapeLike(filter.action) };
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.entityId) where.entityId = filter.entityId;
  if (filter.authority) where.authorityId = filter.authority;
  if (filter.actor) {
    const actorId = UUID.test(filter.actor) ? filter.actor.toLowerCase() : await userIdByEmail(db, filter.actor);
    if (!actorId) return { events: [], nextCursor: null };
    where.actorUserId = actorId;
  }
  if (filter.from || filter.to) {
    where.occurredAt = {
      ...(filter.from ? { gte: startOfChinaDay(filter.from) } : {}),
      ...(filter.to ? { lt: new Date(startOfChinaDay(filter.to).getTime() + DAY_MS) } : {}),
    };
  }
  if (page.cursor !== undefined) where.id = { lt: page.cursor };

  const found = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: size + 1 });
  const events = found.slice(0, size);

  // People and authorities are not tenant-owned rows: one query each for the whole page.
  const actorIds = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
  const authorityIds = [...new Set(events.flatMap((e) => (e.authorityId ? [e.authorityId] : [])))];
  const users =
    actorIds.length === 0
      ? []
      : await db.user.findMany({
          where: { id: { in: actorIds } },
          select: { id: true, displayName: true, email: true },
        });
  const authorities =
    authorityIds.length === 0
      ? []
      : await db.authority.findMany({
          where: { id: { in: authorityIds } },
          select: { id: true, name: true, nameEn: true },
        });
  const userById = new Map(users.map((u) => [u.id, u]));
  const authorityById = new Map(authorities.map((a) => [a.id, a]));

  return {
    events: events.map((e) => ({
      id: e.id.toString(),
      occurredAt: e.occurredAt,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      actor: e.actorUserId
        ? (userById.get(e.actorUserId) ?? { id: e.actorUserId, displayName: null, email: null })
        : null,
      authority: e.authorityId ? (authorityById.get(e.authorityId) ?? null) : null,
      changes: diffAuditChange(e.before, e.after),
    })),
    nextCursor: found.length > size ? (events.at(-1)?.id.toString() ?? null) : null,
  };
}

async function userIdByEmail(db: Db, email: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true } });
  return user?.id ?? null;
}

export type VisibleAuthority = { id: string; code: string; name: string; nameEn: string };

/** The authorities whose events the scope may read: the acting one and its descendants, by code. */
export function listVisibleAuthorities(db: Db): Promise<VisibleAuthority[]> {
  return db.$queryRaw<VisibleAuthority[]>`
    SELECT a.id::text AS id, a.code, a.name, a.name_en AS "nameEn"
      FROM authority a
     WHERE a.id IN (SELECT tipei_visible_authority_ids())
     ORDER BY a.code`;
}

export type AuditChainStatus =
  | { intact: true; visibleEvents: number }
  | { intact: false; visibleEvents: number; brokenId: string; brokenVisible: boolean };

/**
 * Verifies the whole chain (the database function reads every event, whatever the scope) and
 * counts the events this scope can see. A broken link may sit in another tenant's part of the
 * chain; the page says so rather than pointing at an event the reader cannot open.
 */
export async function checkAuditChain(db: Db): Promise<AuditChainStatus> {
  const broken = await findBrokenAuditLink(db);
  const visibleEvents = await db.auditEvent.count();
  if (broken === null) return { intact: true, visibleEvents };
  const visible = await db.auditEvent.findUnique({ where: { id: broken }, select: { id: true } });
  return { intact: false, visibleEvents, brokenId: broken.toString(), brokenVisible: visible !== null };
}

const SENSITIVE_KEY = /password|secret|token/i;
const MAX_VALUE_CHARS = 200;

function isRecord(value: Prisma.JsonValue | null): value is Prisma.JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function shown(value: Prisma.JsonValue | undefined): string | null {
  if (value === undefined) return null;
  const json = JSON.stringify(value);
  return json.length > MAX_VALUE_CHARS ? `${json.slice(0, MAX_VALUE_CHARS - 1)}…` : json;
}

/**
 * The top-level keys whose values differ between `before` and `after`, in first-seen order. A
 * value that is not an object on either side is compared whole, under the key "". Secrets (keys
 * naming a password, token or secret) are reported as changed without their values.
 */
export function diffAuditChange(before: Prisma.JsonValue | null, after: Prisma.JsonValue | null): AuditChange[] {
  if (before === null && after === null) return [];
  if (!(isRecord(before) || before === null) || !(isRecord(after) || after === null)) {
    const b = shown(before ?? undefined);
    const a = shown(after ?? undefined);
    return b === a ? [] : [{ key: "", before: b, after: a, redacted: false }];
  }
  const from = before ?? {};
  const to = after ?? {};
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const b = Object.hasOwn(from, key) ? from[key] : undefined;
    const a = Object.hasOwn(to, key) ? to[key] : undefined;
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (SENSITIVE_KEY.test(key)) {
      changes.push({ key, before: null, after: null, redacted: true });
      continue;
    }
    changes.push({ key, before: shown(b), after: shown(a), redacted: false });
  }
  return changes;
}
