import { z } from "zod";

/**
 * Every background job: the queue it runs on and its versioned payload schema. Payloads carry
 * ids, never records or personal data. Handlers live in workers/handlers and call app/modules.
 */
export const QUEUE_NAMES = ["maintenance", "notifications", "compliance", "escrow", "risk"] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const jobDefinitions = {
  heartbeat: {
    queue: "maintenance",
    payload: z.object({ v: z.literal(1) }).strict(),
  },
  "send-email": {
    queue: "notifications",
    payload: z.object({ v: z.literal(1), emailId: z.uuid() }).strict(),
  },
  "relay-emails": {
    queue: "notifications",
    payload: z.object({ v: z.literal(1) }).strict(),
  },
  "evaluate-institutions": {
    queue: "compliance",
    payload: z
      .object({
        v: z.literal(1),
        institutionIds: z.array(z.uuid()).min(1).max(500),
        trigger: z.enum(["approval", "settings", "nightly", "manual"]),
      })
      .strict(),
  },
  "evaluate-jurisdiction": {
    queue: "compliance",
    payload: z
      .object({
        v: z.literal(1),
        authorityId: z.uuid(),
        trigger: z.enum(["approval", "settings", "nightly", "manual"]),
      })
      .strict(),
  },
  "evaluate-nightly": {
    queue: "compliance",
    payload: z.object({ v: z.literal(1) }).strict(),
  },
  "escalate-rectifications": {
    queue: "compliance",
    payload: z.object({ v: z.literal(1) }).strict(),
  },
  // Escrow. Each job re-reads the database and is safe to run twice (idempotency keys in the ledger).
  "process-payment-event": {
    queue: "escrow",
    payload: z.object({ v: z.literal(1), eventId: z.string().min(1).max(255) }).strict(),
  },
  "relay-payment-events": { queue: "escrow", payload: z.object({ v: z.literal(1) }).strict() },
  "auto-confirm-lessons": { queue: "escrow", payload: z.object({ v: z.literal(1) }).strict() },
  "deem-refunds-accepted": { queue: "escrow", payload: z.object({ v: z.literal(1) }).strict() },
  "execute-refund": {
    queue: "escrow",
    payload: z.object({ v: z.literal(1), refundId: z.uuid() }).strict(),
  },
  "relay-refunds": { queue: "escrow", payload: z.object({ v: z.literal(1) }).strict() },
  "pay-out-daily": { queue: "escrow", payload: z.object({ v: z.literal(1) }).strict() },
  "refund-on-closure": {
    queue: "escrow",
    payload: z.object({ v: z.literal(1), institutionId: z.uuid() }).strict(),
  },
  "reconcile-payments": { queue: "escrow", payload: z.object({ v: z.literal(1) }).strict() },
  "evaluate-fund-warnings": {
    queue: "escrow",
    payload: z.object({ v: z.literal(1), institutionIds: z.array(z.uuid()).max(500).optional() }).strict(),
  },
  // Risk monitoring and inspections.
  "score-risk-nightly": { queue: "risk", payload: z.object({ v: z.literal(1) }).strict() },
  "score-risk-tenant": {
    queue: "risk",
    payload: z
      .object({ v: z.literal(1), authorityId: z.uuid(), trigger: z.enum(["nightly", "settings", "manual"]) })
      .strict(),
  },
  "score-risk-institution": {
    queue: "risk",
    payload: z
      .object({
        v: z.literal(1),
        institutionId: z.uuid(),
        signal: z.enum(["complaint", "fundWarning", "expiredPermit", "failedFinding", "rectification", "inspection"]),
      })
      .strict(),
  },
  "open-risk-tasks": {
    queue: "risk",
    payload: z.object({ v: z.literal(1), authorityId: z.uuid().optional() }).strict(),
  },
} as const satisfies Record<string, { queue: QueueName; payload: z.ZodType }>;

export type JobName = keyof typeof jobDefinitions;
export type JobPayload<N extends JobName> = z.infer<(typeof jobDefinitions)[N]["payload"]>;

export function isJobName(name: string): name is JobName {
  return Object.hasOwn(jobDefinitions, name);
}

/** Completed and failed jobs are trimmed so Redis holds only what operators still need. */
export const defaultJobOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: { count: 1_000, age: 24 * 3600 },
  removeOnFail: { count: 5_000, age: 7 * 24 * 3600 },
} as const;
