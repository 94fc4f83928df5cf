import type { PaymentAccountStatus } from "~/generated/prisma/client.ts";
import { type DataScope, inScope } from "~/lib/db-scope.server";
import { logger } from "~/lib/logger.server";
import { appendAudit } from "~/modules/audit/append.server";
import { EscrowRefusal } from "./escrow-errors";
import type { ConnectedAccount } from "./providers/payment-provider";
import { paymentProvider } from "./providers/provider.server";

export const FUNDS_SUPERVISION_ENABLED = "escrow.fundsSupervisionEnabled";

/** The payment provider could not be reached; the admin may try again (the account is never opened twice). */
export class PaymentProviderUnavailableError extends Error {}

/** Where the provider sends the admin back after onboarding (done) or when its link expired (refresh). */
export type OnboardingUrls = { returnUrl: string; refreshUrl: string };

/** The account's state from the provider's two flags (the same rule as the `account.updated` event). */
export function accountStatusOf(chargesEnabled: boolean, payoutsEnabled: boolean): PaymentAccountStatus {
  if (chargesEnabled && payoutsEnabled) return "ACTIVE";
  return chargesEnabled || payoutsEnabled ? "RESTRICTED" : "PENDING";
}

async function atProvider<T>(institutionId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    logger.error({ err: error, institutionId }, "payment provider unavailable while enabling funds supervision");
    throw new PaymentProviderUnavailableError("payment provider unavailable");
  }
}

/**
 * The institution opens its account at the payment provider so parents can pay into escrow
 * (FEE-04: it may not sell before). The route lets institution admins only. Refused (nothing
 * written) unless the institution is APPROVED. The account is created at the provider once per
 * institution (the provider's own idempotency key is the institution; an account already on
 * record at this provider is reused, not created again); our record, the institution's switch
 * (on as soon as the account can take charges) and the audit event are written together.
 * Returns the provider's onboarding link while the account still needs onboarding (Stripe),
 * null when it is ready (the simulation is at once).
 */
export async function enableFundsSupervision(
  scope: DataScope,
  institutionId: string,
  urls: OnboardingUrls,
): Promise<string | null> {
  const provider = paymentProvider();
  const known = await inScope(scope, async (db) => {
    const institution = await db.institution.findFirst({
      where: { id: institutionId },
      select: { id: true, name: true, status: true, fundsSupervisionEnabled: true },
    });
    if (!institution) throw new EscrowRefusal("escrow.notFound", 404);
    if (institution.status !== "APPROVED") throw new EscrowRefusal("escrowOrg.account.notApproved", 409);
    const account = await db.paymentAccount.findUnique({
      where: { institutionId },
      select: { provider: true, externalId: true, chargesEnabled: true, payoutsEnabled: true, status: true },
    });
    const user = scope.userId
      ? await db.user.findUnique({ where: { id: scope.userId }, select: { email: true } })
      : null;
    return { institution, account, email: user?.email ?? null };
  });

  const onRecord = known.account?.provider === provider.name ? known.account : null;
  const connected: ConnectedAccount = onRecord
    ? {
        accountId: onRecord.externalId,
        chargesEnabled: onRecord.chargesEnabled,
        payoutsEnabled: onRecord.payoutsEnabled,
      }
    : await atProvider(institutionId, () =>
        provider.createConnectedAccount({
          institutionId,
          institutionName: known.institution.name,
          email: known.email,
        }),
      );
  const status = accountStatusOf(connected.chargesEnabled, connected.payoutsEnabled);
  const unchanged =
    onRecord !== null &&
    onRecord.status === status &&
    known.institution.fundsSupervisionEnabled === connected.chargesEnabled;

  if (!unchanged) {
    await inScope(scope, async (db) => {
      // The institution's row is locked so two admins clicking at once write one account.
      const locked = await db.$queryRaw<{ status: string; authority_id: string; funds_supervision_enabled: boolean }[]>`
        SELECT status::text, authority_id::text, funds_supervision_enabled
          FROM institution WHERE id = ${institutionId}::uuid FOR UPDATE`;
      const institution = locked[0];
      if (!institution) throw new EscrowRefusal("escrow.notFound", 404);
      if (institution.status !== "APPROVED") throw new EscrowRefusal("escrowOrg.account.notApproved", 409);
      const previous = await db.paymentAccount.findUnique({
        where: { institutionId },
        select: { id: true, provider: true, status: true },
      });
      const fields = {
        provider: provider.name,
        externalId: connected.accountId,
        chargesEnabled: connected.chargesEnabled,
        payoutsEnabled: connected.payoutsEnabled,
        status,
      };
      if (previous) await db.paymentAccount.updateMany({ where: { id: previous.id }, data: fields });
      else
        await db.paymentAccount.createMany({
          data: [{ institutionId, authorityId: institution.authority_id, ...fields }],
        });
      await db.institution.updateMany({
        where: { id: institutionId },
        data: { fundsSupervisionEnabled: connected.chargesEnabled },
      });
      await appendAudit(db, {
        actorUserId: scope.userId,
        authorityId: institution.authority_id,
        action: FUNDS_SUPERVISION_ENABLED,
        entityType: "institution",
        entityId: institutionId,
        before: {
          fundsSupervisionEnabled: institution.funds_supervision_enabled,
          account: previous ? { provider: previous.provider, status: previous.status } : null,
        },
        after: {
          fundsSupervisionEnabled: connected.chargesEnabled,
          account: {
            provider: provider.name,
            status,
            chargesEnabled: connected.chargesEnabled,
            payoutsEnabled: connected.payoutsEnabled,
          },
        },
      });
    });
  }

  if (status === "ACTIVE") return null;
  return atProvider(institutionId, () =>
    provider.onboardingLink({ accountId: connected.accountId, returnUrl: urls.returnUrl, refreshUrl: urls.refreshUrl }),
  );
}
