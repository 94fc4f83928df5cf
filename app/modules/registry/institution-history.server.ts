import { type DataScope, type Db, inScope } from "~/lib/db-scope.server";
import type { FilingKindName, FilingStatusName, InstitutionStatusName } from "./institution-status";
import { FILING_EVENTS } from "./state-machine";

/**
 * The status history of one institution: every move of its registration and of its filings, as
 * recorded by the filing services. Both sides read it: the institution's members (row-level
 * security lets them see their own institution's rows) and its regulators.
 */
export type HistoryAudience = "institution" | "regulator";

export type StatusHistoryEntry = {
  id: string;
  occurredAt: string;
  /** The institution's move, when the event moved it (initial filings and registration actions). */
  fromStatus: InstitutionStatusName | null;
  toStatus: InstitutionStatusName | null;
  /** The filing's new state, when the event belongs to a filing. */
  filingStatus: FilingStatusName | null;
  filingKind: FilingKindName | null;
  filingId: string | null;
  /** Who acted. An institution sees the regulator's side as the authority, not as a named official. */
  actor: { side: "institution" | "regulator"; name: string | null };
  reason: string | null;
};

const INSTITUTION_DOES = new Set<FilingStatusName>(
  Object.values(FILING_EVENTS)
    .filter((e) => e.by === "institution")
    .map((e) => e.to),
);

/** Submitting and withdrawing are the institution's; every other move (and any registration action) the regulator's. */
function sideOf(filingStatus: FilingStatusName | null): "institution" | "regulator" {
  return filingStatus !== null && INSTITUTION_DOES.has(filingStatus) ? "institution" : "regulator";
}

/** The history inside a transaction the caller already holds, newest first. */
export async function readInstitutionHistory(
  db: Db,
  institutionId: string,
  audience: HistoryAudience,
): Promise<StatusHistoryEntry[]> {
  const events = await db.institutionStatusEvent.findMany({
    where: { institutionId },
    orderBy: [{ occurredAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      occurredAt: true,
      fromStatus: true,
      toStatus: true,
      filingStatus: true,
      filingId: true,
      actorUserId: true,
      reason: true,
      filing: { select: { kind: true } },
    },
  });
  const actorIds = [...new Set(events.flatMap((e) => (e.actorUserId ? [e.actorUserId] : [])))];
  const actors = new Map(
    (await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, displayName: true } })).map((u) => [
      u.id,
      u.displayName,
    ]),
  );
  return events.map((e) => {
    const side = sideOf(e.filingStatus);
    const named = audience === "regulator" || side === "institution";
    return {
      id: e.id,
      occurredAt: e.occurredAt.toISOString(),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      filingStatus: e.filingStatus,
      filingKind: e.filing?.kind ?? null,
      filingId: e.filingId,
      actor: { side, name: named && e.actorUserId ? (actors.get(e.actorUserId) ?? null) : null },
      reason: e.reason,
    };
  });
}

/**
 * The history for a loader: runs in its own scoped transaction. Pass the institution's scope
 * (its members) or the regulator's (an authority whose jurisdiction holds it); a foreign
 * institution yields an empty list, so check the institution itself first for a 404.
 */
export function institutionHistory(
  scope: DataScope,
  institutionId: string,
  audience: HistoryAudience,
): Promise<StatusHistoryEntry[]> {
  return inScope(scope, (db) => readInstitutionHistory(db, institutionId, audience));
}
