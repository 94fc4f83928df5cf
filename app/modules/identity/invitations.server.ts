import { prisma } from "~/lib/db.server";
import { type DataScope, inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { isLocale, messagesFor, translator } from "~/lib/i18n/catalog";
import { appendAudit } from "~/modules/audit/append.server";
import { queueEmail } from "~/modules/notifications/outbox.server";
import { hashPassword, verifyPassword } from "./password.server";
import { INVITATION_TTL_MS } from "./session-policy";
import { hashToken, newToken } from "./tokens.server";

type InvitableRole = "REGULATOR_ADMIN" | "INSPECTOR";

export type InviteResult = { ok: true } | { ok: false; reason: "alreadyMember" | "pending" };

/** A regulator admin invites a colleague to the authority in `scope`; the link is emailed. */
export async function inviteRegulator(
  scope: DataScope & { authorityId: string; userId: string },
  input: { email: string; role: InvitableRole },
  context: { origin: string; inviterName: string; locale: string },
): Promise<InviteResult> {
  const { token, tokenHash } = newToken();
  const outcome = await inScope(scope, async (db) => {
    const authority = await db.authority.findUniqueOrThrow({
      where: { id: scope.authorityId },
      select: { name: true, nameEn: true },
    });
    const member = await db.membership.findFirst({
      where: { authorityId: scope.authorityId, institutionId: null, user: { email: input.email } },
      select: { id: true },
    });
    if (member) return { ok: false as const, reason: "alreadyMember" as const };
    const pending = await db.invitation.findFirst({
      where: {
        authorityId: scope.authorityId,
        email: input.email,
        acceptedAt: null,
        revokedAt: null,
        expiresAt: { gt: new Date() },
      },
      select: { id: true },
    });
    if (pending) return { ok: false as const, reason: "pending" as const };
    const invitation = await db.invitation.create({
      data: {
        authorityId: scope.authorityId,
        email: input.email,
        role: input.role,
        tokenHash,
        invitedById: scope.userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: scope.authorityId,
      action: "identity.invitationSent",
      entityType: "invitation",
      entityId: invitation.id,
      after: { ...invitation, expiresAt: invitation.expiresAt.toISOString() },
    });
    const locale = isLocale(context.locale) ? context.locale : "zh-CN";
    const t = translator(messagesFor(locale));
    const authorityName = locale === "en" ? authority.nameEn : authority.name;
    const emailId = await queueEmail(db, {
      to: input.email,
      kind: "invitation",
      subject: t("email.invite.subject", { authority: authorityName }),
      textBody: t("email.invite.body", {
        inviter: context.inviterName,
        authority: authorityName,
        role: t(`role.${input.role}`),
        link: `${context.origin}/invitations/${token}`,
      }),
    });
    return { ok: true as const, emailId };
  });
  if (!outcome.ok) return outcome;
  return { ok: true };
}

export async function revokeInvitation(scope: DataScope & { userId: string }, invitationId: string): Promise<boolean> {
  return inScope(scope, async (db) => {
    const revoked = await db.invitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (revoked.count !== 1) return false;
    const invitation = await db.invitation.findUniqueOrThrow({
      where: { id: invitationId },
      select: { authorityId: true },
    });
    await appendAudit(db, {
      actorUserId: scope.userId,
      authorityId: invitation.authorityId,
      action: "identity.invitationRevoked",
      entityType: "invitation",
      entityId: invitationId,
    });
    return true;
  });
}

export type OpenInvitation = {
  id: string;
  email: string;
  role: InvitableRole;
  authority: { id: string; slug: string; name: string; nameEn: string };
  inviterName: string;
  accountExists: boolean;
};

/** The invitation behind a link while it can still be accepted. */
export async function findOpenInvitation(token: string): Promise<OpenInvitation | null> {
  const invitation = await unsafeAsSystem((db) =>
    db.invitation.findUnique({
      where: { tokenHash: hashToken(token) },
      select: {
        id: true,
        email: true,
        role: true,
        acceptedAt: true,
        revokedAt: true,
        expiresAt: true,
        authority: { select: { id: true, slug: true, name: true, nameEn: true } },
        invitedBy: { select: { displayName: true } },
      },
    }),
  );
  if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt.getTime() <= Date.now())
    return null;
  if (invitation.role !== "REGULATOR_ADMIN" && invitation.role !== "INSPECTOR") return null;
  const account = await prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    authority: invitation.authority,
    inviterName: invitation.invitedBy.displayName,
    accountExists: account !== null,
  };
}

export type AcceptResult =
  | { ok: true; userId: string; authoritySlug: string }
  | { ok: false; reason: "invalid" | "wrongPassword" };

/**
 * Accepts once: the invitation is claimed with a conditional update, so a reused or raced link
 * finds it taken. A new person gets an account; an existing one confirms with their password.
 */
export async function acceptInvitation(
  token: string,
  input: { displayName?: string; password: string },
  locale: string,
): Promise<AcceptResult> {
  const open = await findOpenInvitation(token);
  if (!open) return { ok: false, reason: "invalid" };
  const existing = await prisma.user.findUnique({
    where: { email: open.email },
    select: { id: true, passwordHash: true },
  });
  if (existing && !(await verifyPassword(existing.passwordHash, input.password)))
    return { ok: false, reason: "wrongPassword" };
  const passwordHash = existing ? null : await hashPassword(input.password);
  return unsafeAsSystem(async (db) => {
    const now = new Date();
    const claimed = await db.invitation.updateMany({
      where: { id: open.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) return { ok: false as const, reason: "invalid" as const };
    const userId =
      existing?.id ??
      (
        await db.user.create({
          data: { email: open.email, displayName: input.displayName ?? open.email, passwordHash, locale },
          select: { id: true },
        })
      ).id;
    await db.invitation.update({ where: { id: open.id }, data: { acceptedUserId: userId } });
    const held = await db.membership.findFirst({
      where: { userId, role: open.role, authorityId: open.authority.id, institutionId: null },
      select: { id: true },
    });
    if (!held) await db.membership.create({ data: { userId, role: open.role, authorityId: open.authority.id } });
    await appendAudit(db, {
      actorUserId: userId,
      authorityId: open.authority.id,
      action: "identity.invitationAccepted",
      entityType: "invitation",
      entityId: open.id,
      after: { role: open.role, userId },
    });
    return { ok: true as const, userId, authoritySlug: open.authority.slug };
  });
}
