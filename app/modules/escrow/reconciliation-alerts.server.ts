import type { Prisma } from "~/generated/prisma/client.ts";
import type { Db } from "~/lib/db-scope.server";

export type AlertKind =
  | "AMOUNT_MISMATCH"
  | "CHARGE_DISPUTE"
  | "PAYMENT_MISMATCH"
  | "TRANSFER_MISMATCH"
  | "REFUND_FAILED";

/** Opens an alert unless one is open for the same kind and subject (platform work). */
export async function openReconciliationAlert(
  db: Db,
  alert: {
    kind: AlertKind;
    subjectId: string;
    institutionId: string | null;
    authorityId: string | null;
    ledgerFen: number;
    providerFen: number;
    details: Prisma.InputJsonValue;
  },
): Promise<boolean> {
  const inserted = await db.$executeRaw`
    INSERT INTO reconciliation_alert (kind, subject_id, institution_id, authority_id, ledger_fen, provider_fen, details)
    VALUES (${alert.kind}, ${alert.subjectId}, ${alert.institutionId}::uuid, ${alert.authorityId}::uuid,
            ${alert.ledgerFen}, ${alert.providerFen}, ${JSON.stringify(alert.details)}::jsonb)
    ON CONFLICT (kind, subject_id) WHERE resolved_at IS NULL DO NOTHING`;
  return inserted === 1;
}

/** Closes the open alert of a subject once the figures agree again. */
export async function resolveReconciliationAlert(db: Db, kind: AlertKind, subjectId: string): Promise<void> {
  await db.reconciliationAlert.updateMany({
    where: { kind, subjectId, resolvedAt: null },
    data: { resolvedAt: new Date() },
  });
}
