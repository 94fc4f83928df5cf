import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import {
  COMPLAINT_STATUSES,
  type ComplaintCategory,
  type ComplaintStatusName,
  isComplaintCategory,
} from "./complaint-forms";
import { type AssignableInspector, assignableInspectors } from "./complaints.server";

/**
 * What the parent and the regulators read of complaints. Row-level security does the isolation:
 * a parent's scope sees their own complaints, a regulator's scope its jurisdiction's; the
 * public-registry flag adds the names of registered institutions for the parent. Dates are ISO.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const parentScope = (userId: string): DataScope => ({
  userId,
  authorityId: null,
  platform: false,
  publicRegistry: true,
});

export type ComplaintEventView = {
  id: string;
  event: string;
  toStatus: ComplaintStatusName;
  byParent: boolean;
  note: string | null;
  occurredAt: string;
};

export type ComplaintSummary = {
  id: string;
  institutionName: string;
  registrationNo: string | null;
  category: ComplaintCategory | "OTHER";
  status: ComplaintStatusName;
  createdAt: string;
  resolvedAt: string | null;
};

export type ComplaintDetail = ComplaintSummary & {
  description: string;
  photoFileIds: string[];
  outcome: string | null;
  enrollmentId: string | null;
  events: ComplaintEventView[];
};

const SUMMARY = {
  id: true,
  institutionId: true,
  category: true,
  status: true,
  createdAt: true,
  resolvedAt: true,
} as const;

type SummaryRow = {
  id: string;
  institutionId: string;
  category: string;
  status: ComplaintStatusName;
  createdAt: Date;
  resolvedAt: Date | null;
};

async function institutionNames(db: Db, ids: string[]) {
  const rows = await db.institution.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, name: true, registrationNo: true },
  });
  return new Map(rows.map((r) => [r.id, r]));
}

function summary(row: SummaryRow, names: Map<string, { name: string; registrationNo: string | null }>) {
  const institution = names.get(row.institutionId);
  return {
    id: row.id,
    institutionName: institution?.name ?? "",
    registrationNo: institution?.registrationNo ?? null,
    category: isComplaintCategory(row.category) ? row.category : "OTHER",
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  } satisfies ComplaintSummary;
}

async function eventsOf(db: Db, complaintId: string, parentUserId: string): Promise<ComplaintEventView[]> {
  const rows = await db.complaintEvent.findMany({
    where: { complaintId },
    orderBy: { occurredAt: "asc" },
    select: { id: true, event: true, toStatus: true, actorUserId: true, note: true, occurredAt: true },
  });
  return rows.map((e) => ({
    id: e.id,
    event: e.event,
    toStatus: e.toStatus,
    byParent: e.actorUserId === parentUserId,
    note: e.note,
    occurredAt: e.occurredAt.toISOString(),
  }));
}

/** 我的投诉: the person's own complaints, newest first. */
export function listParentComplaints(userId: string): Promise<ComplaintSummary[]> {
  return inScope(parentScope(userId), async (db) => {
    const rows = await db.complaint.findMany({
      where: { parentUserId: userId },
      orderBy: { createdAt: "desc" },
      select: SUMMARY,
      take: 200,
    });
    const names = await institutionNames(
      db,
      rows.map((r) => r.institutionId),
    );
    return rows.map((r) => summary(r, names));
  });
}

/** One of the person's own complaints with its history and outcome, or null (404). */
export function parentComplaint(userId: string, complaintId: string): Promise<ComplaintDetail | null> {
  if (!UUID.test(complaintId)) return Promise.resolve(null);
  return inScope(parentScope(userId), async (db) => {
    const row = await db.complaint.findFirst({
      where: { id: complaintId, parentUserId: userId },
      select: { ...SUMMARY, description: true, photoFileIds: true, outcome: true, enrollmentId: true },
    });
    if (!row) return null;
    const names = await institutionNames(db, [row.institutionId]);
    return {
      ...summary(row, names),
      description: row.description,
      photoFileIds: row.photoFileIds,
      outcome: row.outcome,
      enrollmentId: row.enrollmentId,
      events: await eventsOf(db, row.id, userId),
    };
  });
}

/** The parent's enrollments at one institution, for the optional link on the complaint form. */
export function parentEnrollmentsAt(
  userId: string,
  institutionId: string,
): Promise<{ id: string; traineeName: string; createdAt: string }[]> {
  return inScope(parentScope(userId), async (db) => {
    const rows = await db.enrollment.findMany({
      where: { parentUserId: userId, institutionId },
      orderBy: { createdAt: "desc" },
      select: { id: true, traineeName: true, createdAt: true },
    });
    return rows.map((r) => ({ id: r.id, traineeName: r.traineeName, createdAt: r.createdAt.toISOString() }));
  });
}

export type ComplaintQueueFilters = {
  status: ComplaintStatusName | "OPEN" | null;
  category: ComplaintCategory | null;
  q: string;
};

export type ComplaintQueue = {
  counts: Record<ComplaintStatusName, number>;
  complaints: (ComplaintSummary & { authorityId: string; assignedToId: string | null })[];
};

/** The regulator's queue: counts by status and the complaints matching the filters, oldest open first. */
export function complaintQueue(scope: DataScope, filters: ComplaintQueueFilters): Promise<ComplaintQueue> {
  return inScope(scope, async (db) => {
    const grouped = await db.complaint.groupBy({ by: ["status"], _count: { _all: true } });
    const counts = Object.fromEntries(COMPLAINT_STATUSES.map((s) => [s, 0])) as Record<ComplaintStatusName, number>;
    for (const g of grouped) counts[g.status] = g._count._all;
    const q = filters.q.trim();
    const rows = await db.complaint.findMany({
      where: {
        ...(filters.status === "OPEN"
          ? { status: { in: ["SUBMITTED", "TRIAGED", "ASSIGNED"] } }
          : filters.status
            ? { status: filters.status }
            : {}),
        ...(filters.category ? { category: filters.category } : {}),
        ...(q
          ? { OR: [{ description: { contains: q } }, { institutionId: { in: await matchingInstitutions(db, q) } }] }
          : {}),
      },
      orderBy: { createdAt: filters.status === "RESOLVED" || filters.status === "DISMISSED" ? "desc" : "asc" },
      select: { ...SUMMARY, authorityId: true, assignedToId: true },
      take: 200,
    });
    const names = await institutionNames(
      db,
      rows.map((r) => r.institutionId),
    );
    return {
      counts,
      complaints: rows.map((r) => ({ ...summary(r, names), authorityId: r.authorityId, assignedToId: r.assignedToId })),
    };
  });
}

async function matchingInstitutions(db: Db, q: string): Promise<string[]> {
  const rows = await db.institution.findMany({
    where: { OR: [{ name: { contains: q } }, { registrationNo: { contains: q } }] },
    select: { id: true },
    take: 500,
  });
  return rows.map((r) => r.id);
}

export type RegulatorComplaint = ComplaintDetail & {
  institutionId: string;
  authorityId: string;
  assignedToId: string | null;
  inspectors: AssignableInspector[];
};

/** One complaint of the jurisdiction, with the inspectors it may be assigned to; null (404) otherwise. */
export function regulatorComplaint(scope: DataScope, complaintId: string): Promise<RegulatorComplaint | null> {
  if (!UUID.test(complaintId)) return Promise.resolve(null);
  return inScope(scope, async (db) => {
    const row = await db.complaint.findUnique({
      where: { id: complaintId },
      select: {
        ...SUMMARY,
        description: true,
        photoFileIds: true,
        outcome: true,
        enrollmentId: true,
        authorityId: true,
        assignedToId: true,
        parentUserId: true,
      },
    });
    if (!row) return null;
    const names = await institutionNames(db, [row.institutionId]);
    return {
      ...summary(row, names),
      description: row.description,
      photoFileIds: row.photoFileIds,
      outcome: row.outcome,
      enrollmentId: row.enrollmentId,
      events: await eventsOf(db, row.id, row.parentUserId),
      institutionId: row.institutionId,
      authorityId: row.authorityId,
      assignedToId: row.assignedToId,
      inspectors: await assignableInspectors(db, row.authorityId),
    };
  });
}
