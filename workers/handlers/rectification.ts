import { logger } from "~/lib/logger.server";
import { escalateOverdueOrders } from "~/modules/compliance/rectification-escalation.server";

/**
 * The hourly overdue escalation (workers/schedules.ts). Idempotent: an order is escalated once
 * (escalated_at, and one risk signal per order), so a repeated or concurrent run does nothing more.
 */
export async function runRectificationEscalation(): Promise<void> {
  const escalated = await escalateOverdueOrders(new Date());
  if (escalated > 0) logger.info({ escalated }, "overdue rectification orders escalated");
}
