import type { Queue } from "bullmq";
import type { Env } from "~/lib/env.server";
import type { QueueName } from "~/lib/jobs/definitions";

/**
 * Recurring jobs, upserted at every worker start (BullMQ job schedulers): any number of workers
 * can start, and each schedule exists once.
 */
export async function upsertSchedules(queues: Record<QueueName, Queue>, env: Env): Promise<void> {
  await queues.maintenance.upsertJobScheduler(
    "heartbeat",
    { every: env.HEARTBEAT_EVERY_MS },
    { name: "heartbeat", data: { v: 1 } },
  );
  // Every registered institution against the standards, after midnight in China (certificates and
  // permits that expired yesterday show up this morning).
  await queues.compliance.upsertJobScheduler(
    "compliance-nightly",
    { pattern: "0 2 * * *", tz: "Asia/Shanghai" },
    { name: "evaluate-nightly", data: { v: 1 } },
  );
  // Every institution's risk, after the compliance run (its findings feed the score); each
  // province's run then opens inspection tasks for high and critical levels.
  await queues.risk.upsertJobScheduler(
    "risk-nightly",
    { pattern: "0 3 * * *", tz: "Asia/Shanghai" },
    { name: "score-risk-nightly", data: { v: 1 } },
  );
  // Rectification orders whose deadline day has ended in China become overdue (once each); a few
  // minutes past every hour, so an order due yesterday is escalated soon after midnight.
  await queues.compliance.upsertJobScheduler(
    "rectification-escalation",
    { pattern: "5 * * * *", tz: "Asia/Shanghai" },
    { name: "escalate-rectifications", data: { v: 1 } },
  );
  // Escrow. Lessons whose answer is overdue are confirmed, and refunds left unanswered deemed
  // accepted, soon after the day turns in China (hourly, so a missed run is caught up).
  await queues.escrow.upsertJobScheduler(
    "escrow-auto-confirm",
    { pattern: "10 * * * *", tz: "Asia/Shanghai" },
    { name: "auto-confirm-lessons", data: { v: 1 } },
  );
  await queues.escrow.upsertJobScheduler(
    "escrow-deem-refunds",
    { pattern: "15 * * * *", tz: "Asia/Shanghai" },
    { name: "deem-refunds-accepted", data: { v: 1 } },
  );
  // The daily payout batch (and the closure sweep), early morning in China.
  await queues.escrow.upsertJobScheduler(
    "escrow-payouts",
    { pattern: "0 4 * * *", tz: "Asia/Shanghai" },
    { name: "pay-out-daily", data: { v: 1 } },
  );
  await queues.escrow.upsertJobScheduler(
    "escrow-reconcile",
    { pattern: "30 5 * * *", tz: "Asia/Shanghai" },
    { name: "reconcile-payments", data: { v: 1 } },
  );
  await queues.escrow.upsertJobScheduler(
    "escrow-fund-warnings",
    { pattern: "45 * * * *", tz: "Asia/Shanghai" },
    { name: "evaluate-fund-warnings", data: { v: 1 } },
  );
  // Provider events and approved refunds that Redis missed.
  await queues.escrow.upsertJobScheduler(
    "escrow-relay-events",
    { every: 60_000 },
    { name: "relay-payment-events", data: { v: 1 } },
  );
  await queues.escrow.upsertJobScheduler(
    "escrow-relay-refunds",
    { every: 300_000 },
    { name: "relay-refunds", data: { v: 1 } },
  );
  // High and critical risk levels become inspection tasks (the scoring also asks after each run).
  await queues.risk.upsertJobScheduler(
    "inspection-open-risk-tasks",
    { every: 15 * 60_000 },
    { name: "open-risk-tasks", data: { v: 1 } },
  );
  // Delivers what the immediate send-email job missed (Redis down at commit time, crashes).
  await queues.notifications.upsertJobScheduler(
    "relay-emails",
    { every: 60_000 },
    { name: "relay-emails", data: { v: 1 } },
  );
}
