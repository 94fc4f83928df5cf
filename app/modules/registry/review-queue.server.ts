import type { Prisma } from "~/generated/prisma/client.ts";
import { type DataScope, type Db, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import type { FilingKindName, FilingStatusName } from "./institution-status";
import { LIST_PAGE_SIZE, type ReviewQueueQuery } from "./review-forms";
import type { ReviewerRole } from "./review-rights";

/**
 * The review queue of an authority: the filings of its jurisdiction waiting for a regulator,
 * oldest submission first. Row-level security limits every query to the acting authority and its
 * descendants; the jurisdiction is also named in each query, so the code does not lean on the
 * database alone.
 */
export type AuthorityScope = DataScope & { authorityId: string; userId: string };

const DAY_MS = 24 * 60 * 60 * 1000;

export type JurisdictionAuthority = {
  id: string;
  code: string;
  name: string;
  nameEn: string;
  level: "PROVINCE" | "CITY" | "DISTRICT";
};

/** The acting authority and its descendants, by division code. */
export function jurisdictionOf(db: Db): Promise<JurisdictionAuthority[]> {
  return db.$queryRaw<JurisdictionAuthority[]>`
    SELECT a.id::text AS id, a.code, a.name, a.name_en AS "nameEn", a.level::text AS level
      FROM authority a
     WHERE a.id IN (SELECT tipei_visible_authority_ids())
     ORDER BY a.code`;
}

/** The districts of a jurisdiction (institutions belong to districts): what the district filters offer. */
export function districtsOf(jurisdiction: JurisdictionAuthority[]): JurisdictionAuthority[] {
  return jurisdiction.filter((a) => a.level === "DISTRICT");
}

const STATUSES_OF_FILTER: Record<ReviewQueueQuery["status"], FilingStatusName[]> = {
  open: ["SUBMITTED", "UNDER_REVIEW"],
  SUBMITTED: ["SUBMITTED"],
  UNDER_REVIEW: ["UNDER_REVIEW"],
  CHANGES_REQUESTED: ["CHANGES_REQUESTED"],
  all: ["SUBMITTED", "UNDER_REVIEW", "CHANGES_REQUESTED"],
};

export type ReviewQueueRow = {
  id: string;
  kind: FilingKindName;
  status: FilingStatusName;
  institution: { id: string; name: string };
  district: { id: string; name: string; nameEn: string };
  submittedAt: string | null;
  waitingDays: number;
  reviewer: { id: string; displayName: string } | null;
};

export type ReviewQueuePage = {
  rows: ReviewQueueRow[];
  total: number;
  page: number;
  pageCount: number;
  districts: JurisdictionAuthority[];
};

/** Whole days since the submission (a filing submitted 36 hours ago has waited 1 day). */
export function waitingDays(submittedAt: Date | null, now: Date): number {
  return submittedAt ? Math.max(0, Math.floor((now.getTime() - submittedAt.getTime()) / DAY_MS)) : 0;
}

export function listReviewQueue(scope: AuthorityScope, query: ReviewQueueQuery, now = new Date()) {
  return inScope(scope, async (db): Promise<ReviewQueuePage> => {
    const jurisdiction = await jurisdictionOf(db);
    const ids = jurisdiction.map((a) => a.id);
    const where: Prisma.FilingWhereInput = {
      authorityId: { in: query.district ? ids.filter((id) => id === query.district) : ids },
      status: { in: STATUSES_OF_FILTER[query.status] },
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.reviewer === "me" ? { assignedReviewerId: scope.userId } : {}),
      ...(query.reviewer === "unassigned" ? { assignedReviewerId: null } : {}),
    };
    const direction = query.sort === "oldest" ? "asc" : "desc";
    const total = await db.filing.count({ where });
    const pageCount = Math.max(1, Math.ceil(total / LIST_PAGE_SIZE));
    const filings = await db.filing.findMany({
      where,
      orderBy: [{ submittedAt: direction }, { id: "asc" }],
      skip: (query.page - 1) * LIST_PAGE_SIZE,
      take: LIST_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        status: true,
        submittedAt: true,
        institution: {
          select: { id: true, name: true, authority: { select: { id: true, name: true, nameEn: true } } },
        },
        assignedReviewer: { select: { id: true, displayName: true } },
      },
    });
    return {
      rows: filings.map((f) => ({
        id: f.id,
        kind: f.kind,
        status: f.status,
        institution: { id: f.institution.id, name: f.institution.name },
        district: f.institution.authority,
        submittedAt: f.submittedAt?.toISOString() ?? null,
        waitingDays: waitingDays(f.submittedAt, now),
        reviewer: f.assignedReviewer,
      })),
      total,
      page: query.page,
      pageCount,
      districts: districtsOf(jurisdiction),
    };
  });
}

export type ReviewerCandidate = {
  id: string;
  displayName: string;
  role: ReviewerRole;
  authorityName: string;
  authorityNameEn: string;
};

type CandidateRow = ReviewerCandidate & { forAuthorityId: string };

/**
 * Who may be assigned the filings of each authority: the regulator admins and inspectors of that
 * authority or of any authority above it (they all see its filings), nearest first.
 *
 * A deliberate platform-wide read: row-level security shows an authority the memberships of its
 * own jurisdiction only, while the reviewers above it sit outside. Only names, roles and
 * authorities leave this function (no email or phone), and only for the given authorities.
 */
export async function reviewerCandidates(authorityIds: readonly string[]): Promise<Map<string, ReviewerCandidate[]>> {
  const byAuthority = new Map<string, ReviewerCandidate[]>(authorityIds.map((id) => [id, []]));
  if (authorityIds.length === 0) return byAuthority;
  const rows = await unsafeAsSystem(
    (system) => system.$queryRaw<CandidateRow[]>`
      WITH RECURSIVE up AS (
        SELECT a.id AS start_id, a.id, a.parent_id, 0 AS depth FROM authority a WHERE a.id = ANY(${[...authorityIds]}::uuid[])
        UNION ALL
        SELECT up.start_id, a.id, a.parent_id, up.depth + 1 FROM authority a JOIN up ON a.id = up.parent_id
      )
      SELECT up.start_id::text AS "forAuthorityId", u.id::text AS id, u.display_name AS "displayName",
             m.role::text AS role, a.name AS "authorityName", a.name_en AS "authorityNameEn"
        FROM up
        JOIN membership m ON m.authority_id = up.id AND m.institution_id IS NULL
                         AND m.role IN ('REGULATOR_ADMIN', 'INSPECTOR')
        JOIN app_user u ON u.id = m.user_id AND u.disabled_at IS NULL
        JOIN authority a ON a.id = up.id
       ORDER BY up.depth, m.role, u.display_name, u.id`,
  );
  for (const { forAuthorityId, ...candidate } of rows) {
    const list = byAuthority.get(forAuthorityId);
    // One entry per person: their nearest, strongest membership (the query's order).
    if (list && !list.some((c) => c.id === candidate.id)) list.push(candidate);
  }
  return byAuthority;
}

/** The facts about a filing that decide who may act on it; null when it is not in the jurisdiction. */
export type FilingForAction = {
  id: string;
  institutionId: string;
  authorityId: string;
  kind: FilingKindName;
  status: FilingStatusName;
  assignedReviewerId: string | null;
  /** Never submitted: regulators have nothing to review (the draft is the institution's). */
  hasSnapshot: boolean;
};

export function findFilingForAction(scope: AuthorityScope, filingId: string): Promise<FilingForAction | null> {
  return inScope(scope, async (db) => {
    const ids = (await jurisdictionOf(db)).map((a) => a.id);
    const filing = await db.filing.findFirst({
      where: { id: filingId, authorityId: { in: ids } },
      select: {
        id: true,
        institutionId: true,
        authorityId: true,
        kind: true,
        status: true,
        assignedReviewerId: true,
        submittedAt: true,
      },
    });
    if (!filing) return null;
    const { submittedAt, ...rest } = filing;
    return { ...rest, hasSnapshot: submittedAt !== null };
  });
}
