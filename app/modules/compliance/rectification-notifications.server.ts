import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { getEnv } from "~/lib/env.server";
import { formatDate } from "~/lib/format";
import { isLocale, type MessageKey, messagesFor, translator } from "~/lib/i18n/catalog";
import { queueEmail } from "~/modules/notifications/outbox.server";
import type { IsoDate } from "./rectification-deadline";

/**
 * The emails of rectification, written into the outbox in the caller's transaction (they exist
 * exactly when the step that caused them does) and handed to the worker after the commit.
 * Institutions hear from the regulator (issued, accepted, rejected, withdrawn, overdue); the
 * nearest regulator admins above the institution hear when it answers (with the official who
 * issued the order) and when it is overdue.
 */
export type RectificationNoticeKind =
  | "issued"
  | "answered"
  | "accepted"
  | "rejected"
  | "withdrawn"
  | "overdueInstitution"
  | "overdueRegulator";

export type RectificationNotice = {
  kind: RectificationNoticeKind;
  orderId: string;
  institutionId: string;
  institutionName: string;
  deadline: IsoDate;
  itemCount: number;
  /** The regulator's reason or note, or the institution's answer's first words. */
  reason: string;
};

type Recipient = { email: string; locale: string; link: string };

async function queueFor(db: Db, recipients: Recipient[], notice: RectificationNotice): Promise<void> {
  const seen = new Set<string>();
  for (const r of recipients) {
    if (seen.has(r.email)) continue;
    seen.add(r.email);
    const locale = isLocale(r.locale) ? r.locale : "zh-CN";
    const t = translator(messagesFor(locale));
    const values = {
      institution: notice.institutionName,
      deadline: formatDate(`${notice.deadline}T12:00:00+08:00`, locale),
      count: notice.itemCount,
      reason: notice.reason,
      link: r.link,
    };
    await queueEmail(db, {
      to: r.email,
      kind: `rectification.${notice.kind}`,
      subject: t(`email.rectification.${notice.kind}.subject` as MessageKey, values),
      textBody: t(`email.rectification.${notice.kind}.body` as MessageKey, values),
    });
  }
}

const origin = () => getEnv().APP_ORIGIN ?? "";

// Recipients are found platform-wide: an institution's members cannot otherwise see their
// regulators' accounts, nor a district the admins above it. Only addresses, languages and the
// workspace each recipient opens the order in leave these functions.

/** The institution's admins (answering is also open to staff; the emails go to those in charge). */
export async function notifyInstitution(db: Db, notice: RectificationNotice): Promise<void> {
  const admins = await unsafeAsSystem((system) =>
    system.membership.findMany({
      where: { institutionId: notice.institutionId, role: "INSTITUTION_ADMIN", user: { disabledAt: null } },
      select: { user: { select: { email: true, locale: true } } },
    }),
  );
  const link = `${origin()}/org/${notice.institutionId}/compliance/rectifications/${notice.orderId}`;
  await queueFor(
    db,
    admins.map((m) => ({ ...m.user, link })),
    notice,
  );
}

/**
 * The admins of the institution's authority, or of its nearest ancestor that has any (a district
 * often has none), and, when given, the official who issued the order; each with the link in the
 * workspace they work in.
 */
export async function notifyRegulators(
  db: Db,
  authorityId: string,
  notice: RectificationNotice,
  issuer: { userId: string; authorityId: string } | null = null,
): Promise<void> {
  const admins = await unsafeAsSystem(
    (system) => system.$queryRaw<{ email: string; locale: string; slug: string }[]>`
      WITH RECURSIVE up AS (
        SELECT id, parent_id, 0 AS depth FROM authority WHERE id = ${authorityId}::uuid
        UNION ALL
        SELECT a.id, a.parent_id, up.depth + 1 FROM authority a JOIN up ON a.id = up.parent_id
      ), admins AS (
        SELECT u.email, u.locale, a.slug, up.depth FROM up
          JOIN authority a ON a.id = up.id
          JOIN membership m ON m.authority_id = up.id AND m.institution_id IS NULL AND m.role = 'REGULATOR_ADMIN'
          JOIN app_user u ON u.id = m.user_id AND u.disabled_at IS NULL
      )
      SELECT email, locale, slug FROM admins WHERE depth = (SELECT min(depth) FROM admins) ORDER BY email`,
  );
  const issuers = issuer
    ? await unsafeAsSystem(
        (system) => system.$queryRaw<{ email: string; locale: string; slug: string }[]>`
          SELECT u.email, u.locale, a.slug FROM app_user u, authority a
           WHERE u.id = ${issuer.userId}::uuid AND u.disabled_at IS NULL AND a.id = ${issuer.authorityId}::uuid`,
      )
    : [];
  const recipients = [...admins, ...issuers].map((r) => ({
    email: r.email,
    locale: r.locale,
    link: `${origin()}/gov/${r.slug}/rectifications/${notice.orderId}`,
  }));
  await queueFor(db, recipients, notice);
}
