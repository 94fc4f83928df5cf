import type { PrismaClient } from "~/generated/prisma/client.ts";

export const HEARTBEAT_JOB = "heartbeat";

/** Records one run of a scheduled job; safe to repeat (a retry only moves the time forward). */
export async function recordHeartbeat(db: PrismaClient, name: string, at = new Date()): Promise<void> {
  await db.jobHeartbeat.upsert({
    where: { name },
    create: { name, lastRunAt: at, runCount: 1 },
    update: { lastRunAt: at, runCount: { increment: 1 } },
  });
}

export async function lastHeartbeat(db: PrismaClient, name: string): Promise<Date | null> {
  const row = await db.jobHeartbeat.findUnique({ where: { name }, select: { lastRunAt: true } });
  return row?.lastRunAt ?? null;
}
