import type { PrismaClient } from "~/generated/prisma/client.ts";
import { type DataScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { courseOffer, type Parent, previewEnrollment, startEnrollment } from "~/modules/escrow/checkout.server";
import { processPaymentEvent } from "~/modules/escrow/payment-events.server";
import { SimulatedProvider } from "~/modules/escrow/providers/simulated.server";
import { seedRegistryDemo } from "../../../../prisma/seed/registry-demo";
import { stableId } from "../../../../prisma/seed/stable-id";
import { seedDemoData } from "../../../support/demo-database";

/**
 * Escrow set-up shared by the escrow tests: a registered Xihu basketball school of the registry
 * demo (its courses have weekly slots), sold through the simulated provider, and the demo parent.
 */
export type Seller = {
  id: string;
  registrationNo: string;
  adminEmail: string;
  courseId: string;
  priceFen: number;
};

/** Filled by `setUpSeller`: the school the escrow tests buy from. */
export const SELLER: Seller = { id: "", registrationNo: "", adminEmail: "", courseId: "", priceFen: 0 };

export const userId = (email: string) => stableId("user", email);
export const PARENT: Parent = {
  userId: userId("parent@tipei.example"),
  displayName: "张家长",
  email: "parent@tipei.example",
};

export const parentScope = (parent: Parent = PARENT): DataScope => ({
  userId: parent.userId,
  authorityId: null,
  platform: false,
});
export const memberScope = (email: string): DataScope => ({
  userId: userId(email),
  authorityId: null,
  platform: false,
});
export const regulatorScope = (email: string, authorityCode: string): DataScope => ({
  userId: userId(email),
  authorityId: stableId("authority", authorityCode),
  platform: false,
});

/**
 * Seeds the demo and a small registry demo, picks an approved Xihu institution with a weekly
 * course whose ten lessons stay under the default caps, and lets it take payments through the
 * simulation (a payment account, funds supervision on).
 */
export async function setUpSeller(owner: PrismaClient): Promise<Seller> {
  await seedDemoData();
  await seedRegistryDemo(owner, { institutionsPerDistrict: 4 });
  const rows = await owner.$queryRaw<Seller[]>`
    SELECT i.id::text AS id, i.registration_no AS "registrationNo", u.email AS "adminEmail",
           c.id::text AS "courseId", c.price_per_lesson_fen AS "priceFen"
      FROM institution i
      JOIN authority a ON a.id = i.authority_id AND a.code = '330106'
      JOIN membership m ON m.institution_id = i.id AND m.role = 'INSTITUTION_ADMIN'
      JOIN app_user u ON u.id = m.user_id
      JOIN course c ON c.institution_id = i.id AND c.active AND c.price_per_lesson_fen BETWEEN 5000 AND 40000
                   AND c.price_per_lesson_fen % 5 = 0
     WHERE i.status = 'APPROVED' AND EXISTS (SELECT 1 FROM schedule_slot s WHERE s.course_id = c.id)
     ORDER BY i.registration_no, c.id LIMIT 1`;
  const seller = rows[0];
  if (!seller) throw new Error("the registry demo has no approved Xihu institution with a weekly course");
  Object.assign(SELLER, seller);
  await prepareSeller(owner, seller.id);
  return seller;
}

/** The institution takes payments through the simulation. */
export async function prepareSeller(owner: PrismaClient, institutionId: string): Promise<void> {
  const institution = await owner.institution.findUniqueOrThrow({ where: { id: institutionId } });
  await owner.institution.update({ where: { id: institutionId }, data: { fundsSupervisionEnabled: true } });
  const account = await new SimulatedProvider().createConnectedAccount({
    institutionId,
    institutionName: institution.name,
    email: null,
  });
  await owner.paymentAccount.upsert({
    where: { institutionId },
    create: {
      institutionId,
      authorityId: institution.authorityId,
      provider: "simulated",
      externalId: account.accountId,
      status: "ACTIVE",
      chargesEnabled: true,
      payoutsEnabled: true,
    },
    update: {},
  });
}

/** Processes every stored provider event, as the worker would (in the order they arrived). */
export async function processAllEvents(): Promise<number> {
  const events = await unsafeAsSystem((db) =>
    db.paymentEvent.findMany({ where: { processedAt: null }, orderBy: { receivedAt: "asc" }, select: { id: true } }),
  );
  for (const e of events) await processPaymentEvent(e.id);
  return events.length;
}

/** A parent buys lessons of the seller's course and pays on the simulated checkout page. */
export async function buyLessons(
  lessons: number,
  options: { parent?: Parent; trainee?: string; pay?: "succeed" | "fail" | "no"; today?: string } = {},
): Promise<{ enrollmentId: string; sessionId: string }> {
  const parent = options.parent ?? PARENT;
  const offer = await courseOffer(SELLER.registrationNo, SELLER.courseId, options.today);
  if (!offer) throw new Error("the seller's course is not on offer");
  const input = { traineeName: options.trainee ?? "小明", traineeBirthYear: 2016, lessons };
  const preview = await previewEnrollment(parent, offer, input, options.today);
  const started = await startEnrollment(
    parent,
    offer,
    { ...input, contractSha256: preview.contractSha256 },
    "http://localhost",
    options.today,
  );
  if (!started.ok) throw new Error(`enrollment refused: ${JSON.stringify(started)}`);
  const sessionId = new URL(started.checkoutUrl).pathname.split("/").pop() ?? "";
  if (options.pay !== "no") {
    await new SimulatedProvider().completeCheckout(sessionId, options.pay ?? "succeed");
    await processAllEvents();
  }
  return { enrollmentId: started.enrollmentId, sessionId };
}

export type Funds = {
  paid: number;
  held: number;
  consumed: number;
  reserve: number;
  refunded: number;
  refundInProgress: number;
};

export async function enrollmentFunds(enrollmentId: string): Promise<Funds> {
  const rows = await unsafeAsSystem(
    (db) =>
      db.$queryRaw<Record<string, bigint>[]>`
      SELECT paid_fen, held_fen, consumed_fen, reserve_fen, refunded_fen, refund_in_progress_fen
        FROM enrollment_funds WHERE enrollment_id = ${enrollmentId}::uuid`,
  );
  const r = rows[0] ?? {};
  return {
    paid: Number(r.paid_fen ?? 0),
    held: Number(r.held_fen ?? 0),
    consumed: Number(r.consumed_fen ?? 0),
    reserve: Number(r.reserve_fen ?? 0),
    refunded: Number(r.refunded_fen ?? 0),
    refundInProgress: Number(r.refund_in_progress_fen ?? 0),
  };
}

/** The ledger's invariants over the whole database; each list names what breaks one (empty: all hold). */
export async function ledgerViolations(owner: PrismaClient): Promise<Record<string, unknown[]>> {
  const unbalanced = await owner.$queryRaw<unknown[]>`
    SELECT transaction_id FROM ledger_entry GROUP BY transaction_id HAVING sum(amount_fen) <> 0 OR count(*) < 2`;
  const negative = await owner.$queryRaw<unknown[]>`
    SELECT a.id, a.kind, sum(e.amount_fen) FROM ledger_account a JOIN ledger_entry e ON e.account_id = a.id
     WHERE a.kind <> 'PROVIDER_CLEARING' GROUP BY a.id HAVING sum(e.amount_fen) < 0`;
  const overdrawn = await owner.$queryRaw<unknown[]>`
    SELECT enrollment_id, paid_fen, consumed_fen, refunded_fen FROM enrollment_funds
     WHERE consumed_fen + refunded_fen > paid_fen OR held_fen < 0`;
  const doublePaid = await owner.$queryRaw<unknown[]>`
    SELECT t.enrollment_id FROM ledger_transaction t WHERE t.kind = 'PAYMENT_CAPTURED'
     GROUP BY t.enrollment_id HAVING count(*) > 1`;
  return { unbalanced, negative, overdrawn, doublePaid };
}
