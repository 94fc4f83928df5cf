import { prisma } from "~/lib/db.server";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { verifyPassword } from "./password.server";

export type SignInResult = { ok: true; userId: string; locale: string } | { ok: false };

/** Checks an email and password; records the outcome for an existing account in the audit trail. */
export async function checkCredentials(email: string, password: string, ip: string | null): Promise<SignInResult> {
  const user = await prisma.user.findUnique({
    where: { email },
    select: { id: true, passwordHash: true, disabledAt: true, locale: true },
  });
  const valid = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user) return { ok: false };
  const ok = valid && user.disabledAt === null;
  await unsafeAsSystem((db) =>
    appendAudit(db, {
      actorUserId: user.id,
      authorityId: null,
      action: ok ? "identity.signedIn" : "identity.signInFailed",
      entityType: "user",
      entityId: user.id,
      after: { ip },
    }),
  );
  return ok ? { ok: true, userId: user.id, locale: user.locale } : { ok: false };
}
