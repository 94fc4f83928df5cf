import { Prisma } from "~/generated/prisma/client.ts";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { hashPassword } from "./password.server";

export type SignUpResult = { ok: true; userId: string } | { ok: false; reason: "emailTaken" | "unknownDistrict" };

type Person = { email: string; displayName: string; password: string };

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

/** A parent's account. */
export async function signUpParent(person: Person, locale: string): Promise<SignUpResult> {
  const passwordHash = await hashPassword(person.password);
  try {
    return await unsafeAsSystem(async (db) => {
      const user = await db.user.create({
        data: { email: person.email, displayName: person.displayName, passwordHash, locale },
        select: { id: true },
      });
      await db.membership.create({ data: { userId: user.id, role: "PARENT" } });
      await appendAudit(db, {
        actorUserId: user.id,
        authorityId: null,
        action: "identity.signedUp",
        entityType: "user",
        entityId: user.id,
        after: { role: "PARENT" },
      });
      return { ok: true as const, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "emailTaken" };
    throw error;
  }
}

/** An institution applicant: the account, the institution's draft in its district, and the admin role over it. */
export async function signUpInstitution(
  person: Person & { institutionName: string; authorityId: string },
  locale: string,
): Promise<SignUpResult> {
  const passwordHash = await hashPassword(person.password);
  try {
    return await unsafeAsSystem(async (db) => {
      const district = await db.authority.findUnique({ where: { id: person.authorityId }, select: { level: true } });
      if (district?.level !== "DISTRICT") return { ok: false as const, reason: "unknownDistrict" as const };
      const user = await db.user.create({
        data: { email: person.email, displayName: person.displayName, passwordHash, locale },
        select: { id: true },
      });
      const institution = await db.institution.create({
        data: { authorityId: person.authorityId, name: person.institutionName, createdById: user.id },
        select: { id: true, name: true, status: true },
      });
      await db.membership.create({
        data: {
          userId: user.id,
          role: "INSTITUTION_ADMIN",
          authorityId: person.authorityId,
          institutionId: institution.id,
        },
      });
      await appendAudit(db, {
        actorUserId: user.id,
        authorityId: person.authorityId,
        action: "registry.institutionDraftOpened",
        entityType: "institution",
        entityId: institution.id,
        after: institution,
      });
      return { ok: true as const, userId: user.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "emailTaken" };
    throw error;
  }
}
