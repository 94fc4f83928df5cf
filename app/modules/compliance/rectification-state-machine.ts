/**
 * The only ways a rectification order changes state. Services ask `nextRectificationStatus`;
 * anything not listed is refused wherever it is asked from (the routes answer 409).
 *
 *   ISSUED ──answer──▶ ANSWERED ──accept──▶ ACCEPTED (closed)
 *     │                  │  ▲  └──reject──▶ REJECTED ──answer──▶ ANSWERED
 *     │                  └──┘ answer again (more evidence while the regulator has not decided)
 *     └─escalate (deadline passed, once)─▶ OVERDUE ──answer──▶ ANSWERED
 *   any open state ──withdraw──▶ WITHDRAWN (closed)
 *
 * An ANSWERED order is never escalated: the institution answered in time and the next move is
 * the regulator's. A REJECTED one is, once its deadline has passed.
 */
export const RECTIFICATION_STATUSES = ["ISSUED", "ANSWERED", "ACCEPTED", "REJECTED", "OVERDUE", "WITHDRAWN"] as const;
export type RectificationStatusName = (typeof RECTIFICATION_STATUSES)[number];

export const OPEN_RECTIFICATION_STATUSES = [
  "ISSUED",
  "ANSWERED",
  "REJECTED",
  "OVERDUE",
] as const satisfies readonly RectificationStatusName[];
export const CLOSED_RECTIFICATION_STATUSES = [
  "ACCEPTED",
  "WITHDRAWN",
] as const satisfies readonly RectificationStatusName[];
/** Waiting for the institution: these count against the deadline. */
export const AWAITING_INSTITUTION_STATUSES = [
  "ISSUED",
  "REJECTED",
  "OVERDUE",
] as const satisfies readonly RectificationStatusName[];

export type RectificationActor = "institution" | "regulator" | "platform";

export const RECTIFICATION_EVENTS = {
  answer: { from: ["ISSUED", "ANSWERED", "REJECTED", "OVERDUE"], to: "ANSWERED", by: "institution" },
  accept: { from: ["ANSWERED"], to: "ACCEPTED", by: "regulator" },
  reject: { from: ["ANSWERED"], to: "REJECTED", by: "regulator" },
  withdraw: { from: ["ISSUED", "ANSWERED", "REJECTED", "OVERDUE"], to: "WITHDRAWN", by: "regulator" },
  escalate: { from: ["ISSUED", "REJECTED"], to: "OVERDUE", by: "platform" },
} as const satisfies Record<
  string,
  { from: readonly RectificationStatusName[]; to: RectificationStatusName; by: RectificationActor }
>;
export type RectificationEvent = keyof typeof RECTIFICATION_EVENTS;
/** What the history records: the events above and the issuing itself. */
export type RectificationHistoryEvent = RectificationEvent | "issue";

export class RectificationTransitionRefused extends Error {
  constructor(
    readonly event: RectificationEvent,
    readonly from: RectificationStatusName,
  ) {
    super(`a rectification order cannot ${event} from ${from}`);
  }
}

export function canRectification(from: RectificationStatusName, event: RectificationEvent): boolean {
  return (RECTIFICATION_EVENTS[event].from as readonly RectificationStatusName[]).includes(from);
}

export function nextRectificationStatus(
  from: RectificationStatusName,
  event: RectificationEvent,
): RectificationStatusName {
  if (!canRectification(from, event)) throw new RectificationTransitionRefused(event, from);
  return RECTIFICATION_EVENTS[event].to;
}

export function isClosedRectification(status: RectificationStatusName): boolean {
  return (CLOSED_RECTIFICATION_STATUSES as readonly RectificationStatusName[]).includes(status);
}

export function isRectificationStatus(value: unknown): value is RectificationStatusName {
  return typeof value === "string" && (RECTIFICATION_STATUSES as readonly string[]).includes(value);
}
