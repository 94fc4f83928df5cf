import { prisma } from "~/lib/db.server";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { isLocale, messagesFor, translator } from "~/lib/i18n/catalog";
import { appendAudit } from "~/modules/audit/append.server";
import { queueEmail } from "~/modules/notifications/outbox.server";
import { hashPassword } from "./password.server";
import { RESET_LINK_TTL_MS } from "./session-policy";
import { hashToken, newToken } from "./tokens.server";

/**
 * Emails a single-use reset link when the account exists. The caller answers the same either
 * way, so the form does not reveal which emails have accounts.
 */
export async function requestPasswordReset(email: string, origin: string): Promise<void> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, displayName: true, locale: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return;
  const { token, tokenHash } = newToken();
  const t = translator(messagesFor(isLocale(user.locale) ? user.locale : "zh-CN"));
  await unsafeAsSystem(async (db) => {
    await db.passwordReset.create({
      data: { userId: user.id, tokenHash, expiresAt: new Date(Date.now() + RESET_LINK_TTL_MS) },
    });
    await appendAudit(db, {
      actorUserId: user.id,
      authorityId: null,
      action: "identity.passwordResetRequested",
      entityType: "user",
      entityId: user.id,
    });
    return queueEmail(db, {
      to: email,
      kind: "password-reset",
      subject: t("email.reset.subject"),
      textBody: t("email.reset.body", { name: user.displayName, link: `${origin}/reset-password/${token}` }),
    });
  });
}

/** The reset a link stands for, while it is usable. */
export async function findUsableReset(token: string) {
  const reset = await prisma.passwordReset.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, usedAt: true, expiresAt: true },
  });
  if (!reset || reset.usedAt || reset.expiresAt.getTime() <= Date.now()) return null;
  return reset;
}

/**
 * Sets the new password and uses the link up, once: a second use (even concurrent) finds it
 * used. Every session of the account is ended.
 */
export async function completePasswordReset(token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return unsafeAsSystem(async (db) => {
    const now = new Date();
    const reset = await db.passwordReset.findUnique({
      where: { tokenHash: hashToken(token) },
      select: { id: true, userId: true },
    });
    if (!reset) return false;
    const claimed = await db.passwordReset.updateMany({
      where: { id: reset.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count !== 1) return false;
    await db.user.update({ where: { id: reset.userId }, data: { passwordHash } });
    await db.userSession.updateMany({ where: { userId: reset.userId, revokedAt: null }, data: { revokedAt: now } });
    await appendAudit(db, {
      actorUserId: reset.userId,
      authorityId: null,
      action: "identity.passwordReset",
      entityType: "user",
      entityId: reset.userId,
    });
    return true;
  });
}
