import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { getEnv } from "~/lib/env.server";
import { isLocale, type MessageKey, messagesFor, translator } from "~/lib/i18n/catalog";
import { queueEmail } from "~/modules/notifications/outbox.server";

export type RegistryNotice =
  | { kind: "filingSubmitted"; institutionName: string; filingId: string }
  | { kind: "changesRequested"; filingId: string; reason: string; comments: { path: string; comment: string }[] }
  | { kind: "rejected"; filingId: string; reason: string }
  | { kind: "approved"; filingId: string; registrationNo: string }
  | { kind: "statusChanged"; status: string; reason: string };

type Recipient = { email: string; locale: string };

const SUBJECTS: Record<RegistryNotice["kind"], MessageKey> = {
  filingSubmitted: "email.filing.submitted.subject",
  changesRequested: "email.filing.changesRequested.subject",
  rejected: "email.filing.rejected.subject",
  approved: "email.filing.approved.subject",
  statusChanged: "email.filing.statusChanged.subject",
};
const BODIES: Record<RegistryNotice["kind"], MessageKey> = {
  filingSubmitted: "email.filing.submitted.body",
  changesRequested: "email.filing.changesRequested.body",
  rejected: "email.filing.rejected.body",
  approved: "email.filing.approved.body",
  statusChanged: "email.filing.statusChanged.body",
};

/**
 * Emails written in the caller's transaction with their delivery jobs (the job outbox): they exist
 * exactly when the step that caused them commits, and the worker sends them after.
 */
async function queueFor(db: Db, recipients: Recipient[], notice: RegistryNotice, link: string): Promise<void> {
  for (const r of recipients) {
    const t = translator(messagesFor(isLocale(r.locale) ? r.locale : "zh-CN"));
    const values: Record<string, string> = {
      link,
      institution: "institutionName" in notice ? notice.institutionName : "",
      reason: "reason" in notice ? notice.reason : "",
      registrationNo: "registrationNo" in notice ? notice.registrationNo : "",
      status: "status" in notice ? t(`institution.status.${notice.status}` as MessageKey) : "",
      comments: "comments" in notice ? notice.comments.map((c) => `· ${c.path}: ${c.comment}`).join("\n") : "",
    };
    await queueEmail(db, {
      to: r.email,
      kind: `registry.${notice.kind}`,
      subject: t(SUBJECTS[notice.kind], values),
      textBody: t(BODIES[notice.kind], values),
    });
  }
}

// Recipients are found platform-wide (an institution may not otherwise see its regulators'
// accounts); only their addresses and languages leave this function.
export async function notifyInstitutionAdmins(db: Db, institutionId: string, notice: RegistryNotice): Promise<void> {
  const recipients = await unsafeAsSystem((system) =>
    system.membership.findMany({
      where: { institutionId, role: "INSTITUTION_ADMIN" },
      select: { user: { select: { email: true, locale: true } } },
    }),
  );
  const origin = getEnv().APP_ORIGIN ?? "";
  await queueFor(
    db,
    recipients.map((m) => m.user),
    notice,
    `${origin}/org/${institutionId}/filing`,
  );
}

/** The admins of the authority, or of its nearest ancestor that has any (a district may have none). */
export async function notifyRegulatorAdmins(db: Db, authorityId: string, notice: RegistryNotice): Promise<void> {
  const recipients = await unsafeAsSystem(
    (system) =>
      system.$queryRaw<{ email: string; locale: string }[]>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id, 0 AS depth FROM authority WHERE id = ${authorityId}::uuid
        UNION ALL
        SELECT a.id, a.parent_id, up.depth + 1 FROM authority a JOIN up ON a.id = up.parent_id
      ), admins AS (
        SELECT u.email, u.locale, up.depth FROM up
          JOIN membership m ON m.authority_id = up.id AND m.institution_id IS NULL AND m.role = 'REGULATOR_ADMIN'
          JOIN app_user u ON u.id = m.user_id AND u.disabled_at IS NULL
      )
      SELECT email, locale FROM admins WHERE depth = (SELECT min(depth) FROM admins)`,
  );
  const origin = getEnv().APP_ORIGIN ?? "";
  const slug = (await db.authority.findUnique({ where: { id: authorityId }, select: { slug: true } }))?.slug ?? "";
  const filingId = "filingId" in notice ? notice.filingId : "";
  await queueFor(db, recipients, notice, `${origin}/gov/${slug}/reviews/${filingId}`);
}
