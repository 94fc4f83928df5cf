import type { Prisma } from "~/generated/prisma/client.ts";
import { inScope } from "~/lib/db-scope.server";
import type { DraftContent } from "./content";
import { parseDraft } from "./filing.server";
import { readInstitutionHistory, type StatusHistoryEntry } from "./institution-history.server";
import type { FilingKindName, FilingStatusName, InstitutionStatusName } from "./institution-status";
import { type InstitutionListQuery, LIST_PAGE_SIZE } from "./review-forms";
import { type AuthorityScope, districtsOf, type JurisdictionAuthority, jurisdictionOf } from "./review-queue.server";
import { type StoredFileSummary, storedFilesOf } from "./review-read.server";

/**
 * The institutions a regulator supervises: the list of the jurisdiction and one institution's
 * registration (approved content, history, filings). Row-level security limits both; the
 * jurisdiction is named in the queries as well.
 */
export type InstitutionListRow = {
  id: string;
  name: string;
  status: InstitutionStatusName;
  registrationNo: string | null;
  district: { name: string; nameEn: string };
};

export type InstitutionListPage = {
  rows: InstitutionListRow[];
  total: number;
  page: number;
  pageCount: number;
  districts: JurisdictionAuthority[];
};

export function listJurisdictionInstitutions(scope: AuthorityScope, query: InstitutionListQuery) {
  return inScope(scope, async (db): Promise<InstitutionListPage> => {
    const jurisdiction = await jurisdictionOf(db);
    const ids = jurisdiction.map((a) => a.id);
    const where: Prisma.InstitutionWhereInput = {
      authorityId: { in: query.district ? ids.filter((id) => id === query.district) : ids },
      ...(query.status ? { status: query.status } : {}),
      // Served by the trigram index on the name.
      ...(query.q ? { name: { contains: query.q, mode: "insensitive" } } : {}),
    };
    const total = await db.institution.count({ where });
    const institutions = await db.institution.findMany({
      where,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (query.page - 1) * LIST_PAGE_SIZE,
      take: LIST_PAGE_SIZE,
      select: {
        id: true,
        name: true,
        status: true,
        registrationNo: true,
        authority: { select: { name: true, nameEn: true } },
      },
    });
    return {
      rows: institutions.map(({ authority, ...i }) => ({ ...i, district: authority })),
      total,
      page: query.page,
      pageCount: Math.max(1, Math.ceil(total / LIST_PAGE_SIZE)),
      districts: districtsOf(jurisdiction),
    };
  });
}

export type InstitutionFilingRow = {
  id: string;
  kind: FilingKindName;
  status: FilingStatusName;
  createdAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
};

export type SupervisedInstitution = {
  institution: {
    id: string;
    name: string;
    status: InstitutionStatusName;
    registrationNo: string | null;
    creditCode: string | null;
    createdAt: string;
    registeredAt: string | null;
    approvedAt: string | null;
    annualFilingDueOn: string | null;
    district: { name: string; nameEn: string };
  };
  approvedContent: DraftContent | null;
  files: Record<string, StoredFileSummary>;
  filings: InstitutionFilingRow[];
  history: StatusHistoryEntry[];
};

/** One institution of the jurisdiction for its regulators; null when it is foreign or unknown. */
export function loadSupervisedInstitution(
  scope: AuthorityScope,
  institutionId: string,
): Promise<SupervisedInstitution | null> {
  return inScope(scope, async (db) => {
    const ids = (await jurisdictionOf(db)).map((a) => a.id);
    const found = await db.institution.findFirst({
      where: { id: institutionId, authorityId: { in: ids } },
      select: {
        id: true,
        name: true,
        status: true,
        registrationNo: true,
        creditCode: true,
        createdAt: true,
        registeredAt: true,
        approvedAt: true,
        annualFilingDueOn: true,
        approvedContent: true,
        authority: { select: { name: true, nameEn: true } },
        filings: {
          // Drafts never submitted are the institution's own work in progress.
          where: { submittedAt: { not: null } },
          orderBy: { createdAt: "desc" },
          select: { id: true, kind: true, status: true, createdAt: true, submittedAt: true, decidedAt: true },
        },
      },
    });
    if (!found) return null;
    const { approvedContent, authority, filings, ...institution } = found;
    const content = approvedContent === null ? null : parseDraft(approvedContent);
    return {
      institution: {
        ...institution,
        createdAt: institution.createdAt.toISOString(),
        registeredAt: institution.registeredAt?.toISOString() ?? null,
        approvedAt: institution.approvedAt?.toISOString() ?? null,
        annualFilingDueOn: institution.annualFilingDueOn?.toISOString().slice(0, 10) ?? null,
        district: authority,
      },
      approvedContent: content,
      files: content ? await storedFilesOf(db, institutionId, content) : {},
      filings: filings.map((f) => ({
        ...f,
        createdAt: f.createdAt.toISOString(),
        submittedAt: f.submittedAt?.toISOString() ?? null,
        decidedAt: f.decidedAt?.toISOString() ?? null,
      })),
      history: await readInstitutionHistory(db, institutionId, "regulator"),
    };
  });
}

/** The institution's current status, for an action about to change it; null when foreign or unknown. */
export function findSupervisedInstitutionStatus(
  scope: AuthorityScope,
  institutionId: string,
): Promise<InstitutionStatusName | null> {
  return inScope(scope, async (db) => {
    const ids = (await jurisdictionOf(db)).map((a) => a.id);
    const found = await db.institution.findFirst({
      where: { id: institutionId, authorityId: { in: ids } },
      select: { status: true },
    });
    return found?.status ?? null;
  });
}
