import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "./db.server";

/**
 * Who a database transaction acts for. PostgreSQL's row-level security reads these settings
 * (see the identity migration): rows of an authority are visible to that authority and its
 * ancestors' members, rows of a person to that person, everything only to platform work.
 */
export type DataScope = {
  userId: string | null;
  /** The acting authority: the transaction sees it and its descendants. */
  authorityId: string | null;
  platform: boolean;
  /** The public registry: registered institutions and what they show the public, nothing else. */
  publicRegistry?: boolean;
};

export type Db = Prisma.TransactionClient;

export const ANONYMOUS_SCOPE: DataScope = { userId: null, authorityId: null, platform: false };

/** Runs `work` in one transaction with the scope set for row-level security. */
export function inScope<T>(scope: DataScope, work: (db: Db) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return prisma.$transaction(async (tx) => {
    // One round trip; `true` makes each setting local to this transaction.
    await tx.$executeRaw`SELECT set_config('tipei.user_id', ${scope.userId ?? ""}, true),
                                set_config('tipei.authority_id', ${scope.authorityId ?? ""}, true),
                                set_config('tipei.platform', ${scope.platform ? "on" : ""}, true),
                                set_config('tipei.public', ${scope.publicRegistry ? "on" : ""}, true)`;
    return work(tx);
  }, options);
}

/**
 * Platform-wide access for work that has no tenant yet (sign-in, sign-up, accepting an
 * invitation, background jobs). Every caller is a deliberate exception: keep them few and named.
 */
export function unsafeAsSystem<T>(work: (db: Db) => Promise<T>, options?: { timeout?: number }): Promise<T> {
  return inScope({ userId: null, authorityId: null, platform: true }, work, options);
}

/** Read-only work of the public registry (search, profiles, the public API): anyone may ask. */
export function inPublicRegistry<T>(work: (db: Db) => Promise<T>): Promise<T> {
  return inScope({ ...ANONYMOUS_SCOPE, publicRegistry: true }, work);
}
