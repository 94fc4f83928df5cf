import { z } from "zod";
import type { PrecheckView } from "~/components/compliance/precheck";
import type { Db } from "~/lib/db-scope.server";
import { inScope } from "~/lib/db-scope.server";
import { evaluateContentNow } from "~/modules/compliance/evaluation.server";
import { unsavedFindings } from "~/modules/compliance/stored-report";
import type { DraftContent } from "./content";
import { type ContentChange, diffContent } from "./content-diff";
import { parseDraft } from "./filing.server";
import { readInstitutionHistory, type StatusHistoryEntry } from "./institution-history.server";
import type { FilingKindName, FilingStatusName, InstitutionStatusName } from "./institution-status";
import { OPEN_FILING_STATUSES } from "./institution-status";
import { type AuthorityScope, jurisdictionOf } from "./review-queue.server";

/**
 * What a regulator reads when reviewing a filing: the frozen snapshot (never the draft), the
 * difference from the approved content for change and annual filings, the documents, the
 * compliance findings and the institution's history.
 */

// ——— Compliance ———

/** The submitted snapshot checked against today's standards, as the applicant's pre-check was. */
export type ReviewCompliance = PrecheckView;

export async function complianceForReview(
  db: Db,
  filing: { id: string; institutionId: string; authorityId: string; submittedAt: Date | null },
  snapshot: DraftContent,
): Promise<ReviewCompliance> {
  const result = await evaluateContentNow(db, filing.institutionId, snapshot);
  return { complete: result.complete, grade: result.grade, findings: unsavedFindings(result.findings) };
}

// ——— Documents ———

export type StoredFileSummary = { name: string; contentType: string; sizeBytes: number };

const FILE_KEY = /(^fileId$|FileId$)/;

/** Every file id a content refers to (documents, venue fire-safety files, coach photos, certificate scans). */
export function fileIdsOf(content: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(content)) for (const item of content) fileIdsOf(item, found);
  else if (content !== null && typeof content === "object") {
    for (const [key, value] of Object.entries(content)) {
      if (FILE_KEY.test(key) && typeof value === "string" && z.uuid().safeParse(value).success) found.add(value);
      else fileIdsOf(value, found);
    }
  }
  return found;
}

/** Names of the stored files a content refers to (an id without a stored file is shown as such). */
export async function storedFilesOf(
  db: Db,
  institutionId: string,
  ...contents: unknown[]
): Promise<Record<string, StoredFileSummary>> {
  const ids = new Set<string>();
  for (const content of contents) fileIdsOf(content, ids);
  if (ids.size === 0) return {};
  const files = await db.storedFile.findMany({
    where: { id: { in: [...ids] }, institutionId },
    select: { id: true, originalName: true, contentType: true, sizeBytes: true },
  });
  return Object.fromEntries(
    files.map((f) => [f.id, { name: f.originalName, contentType: f.contentType, sizeBytes: f.sizeBytes }]),
  );
}

// ——— The review ———

export type ChangeRequestNote = { path: string; comment: string };
const changeRequestsSchema = z.array(z.object({ path: z.string(), comment: z.string() }));

export function parseChangeRequests(value: unknown): ChangeRequestNote[] {
  const parsed = changeRequestsSchema.safeParse(value);
  return parsed.success ? parsed.data : [];
}

/**
 * The difference shown for a change or annual filing: while the filing is open, against the
 * content approved now. Once decided the approved content may already be this filing's, so no
 * difference is computed then (it would show nothing, or a later filing's changes).
 */
export type ReviewDiff =
  | { state: "initial" }
  | { state: "decided" }
  | { state: "noApprovedContent" }
  | { state: "compared"; changes: ContentChange[] };

export type FilingReview = {
  filing: {
    id: string;
    kind: FilingKindName;
    status: FilingStatusName;
    submittedAt: string | null;
    decidedAt: string | null;
    decisionReason: string | null;
    changeRequests: ChangeRequestNote[];
    assignedReviewerId: string | null;
    reviewer: { id: string; displayName: string } | null;
    decidedBy: { displayName: string } | null;
  };
  institution: {
    id: string;
    name: string;
    status: InstitutionStatusName;
    registrationNo: string | null;
    authorityId: string;
    district: { name: string; nameEn: string; slug: string };
  };
  snapshot: DraftContent;
  diff: ReviewDiff;
  files: Record<string, StoredFileSummary>;
  compliance: ReviewCompliance;
  history: StatusHistoryEntry[];
};

/** The review of one filing of the jurisdiction; null when it is foreign, unknown or was never submitted. */
export function loadFilingReview(scope: AuthorityScope, filingId: string): Promise<FilingReview | null> {
  return inScope(scope, async (db) => {
    const ids = (await jurisdictionOf(db)).map((a) => a.id);
    const filing = await db.filing.findFirst({
      where: { id: filingId, authorityId: { in: ids } },
      select: {
        id: true,
        kind: true,
        status: true,
        snapshot: true,
        submittedAt: true,
        decidedAt: true,
        decisionReason: true,
        changeRequests: true,
        authorityId: true,
        institutionId: true,
        assignedReviewerId: true,
        assignedReviewer: { select: { id: true, displayName: true } },
        decidedBy: { select: { displayName: true } },
        institution: {
          select: {
            id: true,
            name: true,
            status: true,
            registrationNo: true,
            authorityId: true,
            approvedContent: true,
            authority: { select: { name: true, nameEn: true, slug: true } },
          },
        },
      },
    });
    if (!filing || filing.snapshot === null) return null;
    const snapshot = parseDraft(filing.snapshot);
    const { approvedContent, authority, ...institution } = filing.institution;
    let diff: ReviewDiff = { state: "initial" };
    if (filing.kind !== "INITIAL") {
      if (!(OPEN_FILING_STATUSES as readonly string[]).includes(filing.status)) diff = { state: "decided" };
      else if (approvedContent === null) diff = { state: "noApprovedContent" };
      else diff = { state: "compared", changes: diffContent(parseDraft(approvedContent), snapshot) };
    }
    return {
      filing: {
        id: filing.id,
        kind: filing.kind,
        status: filing.status,
        submittedAt: filing.submittedAt?.toISOString() ?? null,
        decidedAt: filing.decidedAt?.toISOString() ?? null,
        decisionReason: filing.decisionReason,
        changeRequests: parseChangeRequests(filing.changeRequests),
        assignedReviewerId: filing.assignedReviewerId,
        reviewer: filing.assignedReviewer,
        decidedBy: filing.decidedBy,
      },
      institution: { ...institution, district: authority },
      snapshot,
      diff,
      files: await storedFilesOf(db, filing.institutionId, snapshot),
      compliance: await complianceForReview(db, filing, snapshot),
      history: await readInstitutionHistory(db, filing.institutionId, "regulator"),
    };
  });
}
