import { logger } from "~/lib/logger.server";
import { openRiskTasks } from "~/modules/inspection/risk-tasks.server";

/** Opens inspection tasks for institutions at a high or critical risk level (idempotent). */
export async function runOpenRiskTasks(authorityId: string | undefined): Promise<void> {
  const opened = await openRiskTasks(authorityId);
  if (opened.length > 0) logger.info({ opened: opened.length }, "inspection tasks opened from risk levels");
}
