import { Prisma } from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import { daysLeft, type IsoDate, isLate, isoDateOf, todayInChina } from "./rectification-deadline";
import { evidenceOf, type StoredEvidence } from "./rectification-evidence";
import { ORDER_PAGE_SIZE, type OrderListQuery, type OrderStatusFilter } from "./rectification-forms";
import { type OrderOwner, type RegulatorScope, visibleAuthorityIds } from "./rectification-record.server";
import {
  OPEN_RECTIFICATION_STATUSES,
  RECTIFICATION_EVENTS,
  RECTIFICATION_STATUSES,
  type RectificationHistoryEvent,
  type RectificationStatusName,
} from "./rectification-state-machine";

/**
 * What the pages read of rectification orders: the regulator's list (late first, then by
 * deadline), an institution's orders (for its compliance page) and one order with its findings,
 * answers, documents and history. Row-level security limits every query; the owner is also named
 * in each, so the code does not lean on the database alone.
 */
export type RectificationOrderSummary = {
  id: string;
  status: RectificationStatusName;
  deadline: IsoDate;
  issuedAt: string;
  answeredAt: string | null;
  closedAt: string | null;
  escalated: boolean;
  /** Waiting for the institution past the deadline. */
  late: boolean;
  daysLeft: number;
  itemCount: number;
  ruleCodes: string[];
  institution: { id: string; name: string };
  district: { name: string; nameEn: string };
};

export type RectificationOrderPage = {
  rows: RectificationOrderSummary[];
  total: number;
  page: number;
  pageCount: number;
  counts: Record<RectificationStatusName, number>;
};

const STATUSES_OF_FILTER: Record<OrderStatusFilter, readonly RectificationStatusName[]> = {
  open: OPEN_RECTIFICATION_STATUSES,
  all: RECTIFICATION_STATUSES,
  ISSUED: ["ISSUED"],
  ANSWERED: ["ANSWERED"],
  ACCEPTED: ["ACCEPTED"],
  REJECTED: ["REJECTED"],
  OVERDUE: ["OVERDUE"],
  WITHDRAWN: ["WITHDRAWN"],
};

type SummaryRow = {
  id: string;
  status: RectificationStatusName;
  deadline: string;
  issuedAt: Date;
  answeredAt: Date | null;
  closedAt: Date | null;
  escalatedAt: Date | null;
  itemCount: number;
  ruleCodes: string[];
  institutionId: string;
  institutionName: string;
  districtName: string;
  districtNameEn: string;
};

function summaryOf(row: SummaryRow, now: Date): RectificationOrderSummary {
  return {
    id: row.id,
    status: row.status,
    deadline: row.deadline,
    issuedAt: row.issuedAt.toISOString(),
    answeredAt: row.answeredAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    escalated: row.escalatedAt !== null,
    late: isLate(row.status, row.deadline, now),
    daysLeft: daysLeft(row.deadline, now),
    itemCount: row.itemCount,
    ruleCodes: row.ruleCodes,
    institution: { id: row.institutionId, name: row.institutionName },
    district: { name: row.districtName, nameEn: row.districtNameEn },
  };
}

/**
 * Orders matching `where`, late ones first (waiting for the institution with the deadline day
 * gone), then the other open ones, then closed ones; by deadline within each.
 */
function selectSummaries(db: Db, where: Prisma.Sql, today: IsoDate, page: { take: number; skip: number } | null) {
  const limit = page ? Prisma.sql`LIMIT ${page.take} OFFSET ${page.skip}` : Prisma.empty;
  return db.$queryRaw<SummaryRow[]>`
    SELECT o.id::text AS id, o.status::text AS status, to_char(o.deadline, 'YYYY-MM-DD') AS deadline,
           o.issued_at AS "issuedAt", o.answered_at AS "answeredAt", o.closed_at AS "closedAt",
           o.escalated_at AS "escalatedAt",
           (SELECT count(*)::int FROM rectification_item it WHERE it.order_id = o.id) AS "itemCount",
           coalesce((SELECT array_agg(DISTINCT it.rule_code::text) FROM rectification_item it WHERE it.order_id = o.id),
                    '{}') AS "ruleCodes",
           i.id::text AS "institutionId", i.name AS "institutionName",
           a.name AS "districtName", a.name_en AS "districtNameEn"
      FROM rectification_order o
      JOIN institution i ON i.id = o.institution_id
      JOIN authority a ON a.id = o.authority_id
     WHERE ${where}
     ORDER BY CASE WHEN o.status IN ('ISSUED', 'REJECTED', 'OVERDUE') AND o.deadline < ${today}::date THEN 0
                   WHEN o.closed_at IS NULL THEN 1 ELSE 2 END,
              o.deadline, o.issued_at, o.id
     ${limit}`;
}

/** The orders of the acting authority's jurisdiction, filtered by status, a page at a time. */
export function listOrders(scope: RegulatorScope, query: OrderListQuery, now = new Date()) {
  return inScope(scope, async (db): Promise<RectificationOrderPage> => {
    const ids = await visibleAuthorityIds(db);
    const statuses = [...STATUSES_OF_FILTER[query.status]];
    const where = Prisma.sql`o.authority_id = ANY(${ids}::uuid[])
      AND o.status::text = ANY(${statuses}::text[])`;
    const grouped = await db.rectificationOrder.groupBy({
      by: ["status"],
      where: { authorityId: { in: ids } },
      _count: { _all: true },
    });
    const counts = Object.fromEntries(RECTIFICATION_STATUSES.map((s) => [s, 0])) as Record<
      RectificationStatusName,
      number
    >;
    for (const g of grouped) counts[g.status] = g._count._all;
    const total = statuses.reduce((sum, s) => sum + counts[s], 0);
    const pageCount = Math.max(1, Math.ceil(total / ORDER_PAGE_SIZE));
    const rows = await selectSummaries(db, where, todayInChina(now), {
      take: ORDER_PAGE_SIZE,
      skip: (query.page - 1) * ORDER_PAGE_SIZE,
    });
    return { rows: rows.map((r) => summaryOf(r, now)), total, page: query.page, pageCount, counts };
  });
}

/**
 * An institution's orders, late and open ones first: for its compliance page (its members' scope)
 * and for a regulator's view of it (a scope whose jurisdiction holds it). Empty for anyone else.
 */
export function rectificationOrdersOf(
  scope: DataScope,
  institutionId: string,
  now = new Date(),
): Promise<RectificationOrderSummary[]> {
  return inScope(scope, async (db) => {
    const rows = await selectSummaries(
      db,
      Prisma.sql`o.institution_id = ${institutionId}::uuid`,
      todayInChina(now),
      null,
    );
    return rows.map((r) => summaryOf(r, now));
  });
}

// ——— One order ———

export type DetailAudience = "institution" | "regulator";

export type RectificationItemView = {
  id: string;
  ruleCode: string;
  severity: "CRITICAL" | "MAJOR" | "MINOR";
  entityType: string;
  entityLabel: string | null;
  evidence: StoredEvidence;
};

export type EvidenceFile = { id: string; name: string; contentType: string; sizeBytes: number };

export type RectificationResponseView = {
  id: string;
  text: string;
  respondedAt: string;
  by: string | null;
  files: EvidenceFile[];
};

export type RectificationHistoryEntry = {
  id: string;
  event: RectificationHistoryEvent;
  fromStatus: RectificationStatusName | null;
  toStatus: RectificationStatusName;
  occurredAt: string;
  /** An institution sees the regulator's side as its authority, not as named officials. */
  actor: { side: "institution" | "regulator" | "platform"; name: string | null };
  reason: string | null;
};

export type RectificationOrderDetail = {
  order: {
    id: string;
    status: RectificationStatusName;
    deadline: IsoDate;
    instructions: string;
    issuedAt: string;
    answeredAt: string | null;
    escalatedAt: string | null;
    closedAt: string | null;
    late: boolean;
    daysLeft: number;
  };
  institution: { id: string; name: string; registrationNo: string | null };
  issuingAuthority: { name: string; nameEn: string };
  issuedBy: string | null;
  items: RectificationItemView[];
  responses: RectificationResponseView[];
  history: RectificationHistoryEntry[];
};

function sideOf(event: string): RectificationHistoryEntry["actor"]["side"] {
  if (event === "issue") return "regulator";
  const rule = RECTIFICATION_EVENTS[event as keyof typeof RECTIFICATION_EVENTS];
  return rule ? rule.by : "regulator";
}

/** One order for its regulators (`{ jurisdiction: true }`) or its institution (`{ institutionId }`); null when not theirs. */
export function orderDetail(
  scope: DataScope,
  orderId: string,
  owner: OrderOwner,
  now = new Date(),
): Promise<RectificationOrderDetail | null> {
  const audience: DetailAudience = "institutionId" in owner ? "institution" : "regulator";
  return inScope(scope, async (db) => {
    const where: Prisma.RectificationOrderWhereInput =
      "institutionId" in owner
        ? { id: orderId, institutionId: owner.institutionId }
        : { id: orderId, authorityId: { in: await visibleAuthorityIds(db) } };
    const found = await db.rectificationOrder.findFirst({ where });
    if (!found) return null;
    // One query after another (no nested includes): a transaction is one connection.
    const items = await db.rectificationItem.findMany({ where: { orderId: found.id }, orderBy: { position: "asc" } });
    const responses = await db.rectificationResponse.findMany({
      where: { orderId: found.id },
      orderBy: [{ respondedAt: "desc" }, { id: "asc" }],
    });
    const events = await db.rectificationEvent.findMany({
      where: { orderId: found.id },
      orderBy: [{ occurredAt: "desc" }, { id: "asc" }],
    });
    const order = { ...found, items, responses, events };
    const institution = await db.institution.findUniqueOrThrow({
      where: { id: order.institutionId },
      select: { id: true, name: true, registrationNo: true },
    });
    const issuingAuthority = await db.authority.findUniqueOrThrow({
      where: { id: order.issuingAuthorityId },
      select: { name: true, nameEn: true },
    });
    const people = new Set<string>();
    if (order.issuedById) people.add(order.issuedById);
    for (const r of order.responses) if (r.respondedById) people.add(r.respondedById);
    for (const e of order.events) if (e.actorUserId) people.add(e.actorUserId);
    const names = new Map(
      (await db.user.findMany({ where: { id: { in: [...people] } }, select: { id: true, displayName: true } })).map(
        (u) => [u.id, u.displayName],
      ),
    );
    const nameOf = (id: string | null, side: RectificationHistoryEntry["actor"]["side"]) =>
      id && (audience === "regulator" || side === "institution") ? (names.get(id) ?? null) : null;
    const fileIds = [...new Set(order.responses.flatMap((r) => r.fileIds))];
    const files = new Map(
      (
        await db.storedFile.findMany({
          where: { id: { in: fileIds }, institutionId: order.institutionId },
          select: { id: true, originalName: true, contentType: true, sizeBytes: true },
        })
      ).map((f) => [f.id, { id: f.id, name: f.originalName, contentType: f.contentType, sizeBytes: f.sizeBytes }]),
    );
    const deadline = isoDateOf(order.deadline);
    return {
      order: {
        id: order.id,
        status: order.status,
        deadline,
        instructions: order.instructions,
        issuedAt: order.issuedAt.toISOString(),
        answeredAt: order.answeredAt?.toISOString() ?? null,
        escalatedAt: order.escalatedAt?.toISOString() ?? null,
        closedAt: order.closedAt?.toISOString() ?? null,
        late: isLate(order.status, deadline, now),
        daysLeft: daysLeft(deadline, now),
      },
      institution,
      issuingAuthority,
      issuedBy: nameOf(order.issuedById, "regulator"),
      items: order.items.map((i) => ({
        id: i.id,
        ruleCode: i.ruleCode,
        severity: i.severity,
        entityType: i.entityType,
        entityLabel: i.entityLabel,
        evidence: evidenceOf(i.evidence),
      })),
      responses: order.responses.map((r) => ({
        id: r.id,
        text: r.text,
        respondedAt: r.respondedAt.toISOString(),
        by: nameOf(r.respondedById, "institution"),
        files: r.fileIds.flatMap((id) => {
          const file = files.get(id);
          return file ? [file] : [];
        }),
      })),
      history: order.events.map((e) => {
        const side = sideOf(e.event);
        return {
          id: e.id,
          event: e.event as RectificationHistoryEvent,
          fromStatus: e.fromStatus,
          toStatus: e.toStatus,
          occurredAt: e.occurredAt.toISOString(),
          actor: { side, name: side === "platform" ? null : nameOf(e.actorUserId, side) },
          reason: e.reason,
        };
      }),
    };
  });
}

/** The order's state for its owner, or null when it is not theirs (a cheap check before an action). */
export function orderStatusFor(
  scope: DataScope,
  orderId: string,
  owner: OrderOwner,
): Promise<RectificationStatusName | null> {
  return inScope(scope, async (db) => {
    const where: Prisma.RectificationOrderWhereInput =
      "institutionId" in owner
        ? { id: orderId, institutionId: owner.institutionId }
        : { id: orderId, authorityId: { in: await visibleAuthorityIds(db) } };
    const order = await db.rectificationOrder.findFirst({ where, select: { status: true } });
    return order?.status ?? null;
  });
}
