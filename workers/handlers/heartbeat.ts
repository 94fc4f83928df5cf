import { prisma } from "~/lib/db.server";
import { HEARTBEAT_JOB, recordHeartbeat } from "~/modules/operations/heartbeat.server";

export async function runHeartbeat(): Promise<void> {
  await recordHeartbeat(prisma, HEARTBEAT_JOB);
}
