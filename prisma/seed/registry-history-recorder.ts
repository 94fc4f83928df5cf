import type { Prisma } from "~/generated/prisma/client.ts";
import type { DraftContent } from "~/modules/registry/content";
import type { FilingKindName, FilingStatusName, InstitutionStatusName } from "~/modules/registry/institution-status";
import {
  type FilingEvent,
  type InstitutionEvent,
  nextFilingStatus,
  nextInstitutionStatus,
} from "~/modules/registry/state-machine";
import { stableId } from "./stable-id";

/**
 * Replays what the filing services (app/modules/registry/filing.server.ts) write, at given past
 * times, into rows instead of the database: filings, their status history, and the institution's
 * state. Every move goes through the state machine, so the demo cannot hold a history the app
 * would refuse.
 */

type FilingRow = Prisma.FilingCreateManyInput & { id: string; status: FilingStatusName; kind: FilingKindName };
type EventRow = Prisma.InstitutionStatusEventCreateManyInput;
export type ChangeRequestComment = { path: string; comment: string };

const json = (value: DraftContent | readonly ChangeRequestComment[]) => value as Prisma.InputJsonValue;

export class HistoryRecorder {
  status: InstitutionStatusName = "DRAFT";
  readonly filings: FilingRow[] = [];
  readonly events: EventRow[] = [];
  /** The approvals, oldest first (the initial one, then annual filings). */
  readonly approvals: Date[] = [];
  /** When the last row was written: every later write must come after it. */
  lastChange = new Date(0);

  constructor(
    private readonly key: string,
    private readonly institution: { id: string; authorityId: string; applicantId: string },
  ) {}

  private touch(at: Date): void {
    if (at.getTime() <= this.lastChange.getTime()) throw new Error(`registry demo ${this.key}: history out of order`);
    this.lastChange = at;
  }

  startFiling(kind: FilingKindName, draft: DraftContent, at: Date): FilingRow {
    this.touch(at);
    const filing: FilingRow = {
      id: stableId("filing", `registry-demo:${this.key}:${this.filings.length}`),
      institutionId: this.institution.id,
      authorityId: this.institution.authorityId,
      kind,
      status: "DRAFT",
      draft: json(draft),
      changeRequests: json([]),
      createdById: this.institution.applicantId,
      createdAt: at,
      updatedAt: at,
    };
    this.filings.push(filing);
    return filing;
  }

  /** A draft saved again later (updateDraft writes no history, only the filing). */
  saveDraft(filing: FilingRow, draft: DraftContent, at: Date): void {
    this.touch(at);
    filing.draft = json(draft);
    filing.updatedAt = at;
  }

  private move(
    filing: FilingRow,
    event: FilingEvent & InstitutionEvent,
    actorUserId: string,
    at: Date,
    reason: string | null = null,
  ): void {
    this.touch(at);
    const filingTo = nextFilingStatus(filing.status, event);
    // Withdrawing an initial draft keeps the institution a draft; otherwise an initial filing carries it.
    const carries = filing.kind === "INITIAL" && !(event === "withdraw" && this.status === "DRAFT");
    const institutionTo = carries ? nextInstitutionStatus(this.status, event) : null;
    this.events.push({
      id: stableId("institution_status_event", `registry-demo:${this.key}:${this.events.length}`),
      institutionId: this.institution.id,
      authorityId: this.institution.authorityId,
      filingId: filing.id,
      fromStatus: institutionTo ? this.status : null,
      toStatus: institutionTo,
      filingStatus: filingTo,
      actorUserId,
      reason,
      occurredAt: at,
    });
    filing.status = filingTo;
    filing.updatedAt = at;
    if (institutionTo) this.status = institutionTo;
  }

  submit(filing: FilingRow, at: Date): void {
    filing.snapshot = filing.draft;
    filing.submittedAt = at;
    filing.changeRequests = json([]);
    this.move(filing, "submit", this.institution.applicantId, at);
  }

  withdraw(filing: FilingRow, at: Date): void {
    this.move(filing, "withdraw", this.institution.applicantId, at);
  }

  startReview(filing: FilingRow, reviewerId: string, at: Date): void {
    filing.assignedReviewerId ??= reviewerId;
    this.move(filing, "startReview", reviewerId, at);
  }

  requestChanges(
    filing: FilingRow,
    deciderId: string,
    at: Date,
    reason: string,
    comments: readonly ChangeRequestComment[],
  ) {
    Object.assign(filing, {
      changeRequests: json(comments),
      decidedAt: at,
      decidedById: deciderId,
      decisionReason: reason,
    });
    this.move(filing, "requestChanges", deciderId, at, reason);
  }

  reject(filing: FilingRow, deciderId: string, at: Date, reason: string): void {
    Object.assign(filing, { decidedAt: at, decidedById: deciderId, decisionReason: reason });
    this.move(filing, "reject", deciderId, at, reason);
  }

  approve(filing: FilingRow, deciderId: string, at: Date): void {
    Object.assign(filing, { decidedAt: at, decidedById: deciderId, decisionReason: null });
    this.move(filing, "approve", deciderId, at);
    this.approvals.push(at);
  }

  /** Suspend, reinstate, revoke or close a registered institution (changeRegistration). */
  changeRegistration(
    event: Extract<InstitutionEvent, "suspend" | "reinstate" | "revoke" | "close">,
    actorUserId: string,
    at: Date,
    reason: string,
  ): void {
    this.touch(at);
    const to = nextInstitutionStatus(this.status, event);
    this.events.push({
      id: stableId("institution_status_event", `registry-demo:${this.key}:${this.events.length}`),
      institutionId: this.institution.id,
      authorityId: this.institution.authorityId,
      fromStatus: this.status,
      toStatus: to,
      actorUserId,
      reason,
      occurredAt: at,
    });
    this.status = to;
  }
}
