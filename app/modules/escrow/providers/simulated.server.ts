import { randomUUID } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { type Db, unsafeAsSystem } from "~/lib/db-scope.server";
import { storeProviderEventIn } from "../event-inbox.server";
import type {
  CheckoutInput,
  CheckoutSession,
  ConnectedAccount,
  PaymentProvider,
  ProviderEvent,
  ProviderPaymentRecord,
  ProviderTransferRecord,
  RefundInput,
  TransferInput,
} from "./payment-provider";

type RecordKind = "ACCOUNT" | "CHECKOUT" | "CHARGE" | "REFUND" | "TRANSFER" | "REVERSAL";
type SimRecord = {
  id: string;
  kind: RecordKind;
  parentId: string | null;
  amountFen: number;
  status: string;
  metadata: Record<string, string>;
};

export class SimulatedProviderError extends Error {}

/** The checkout page of the simulation (a page of this app, clearly marked as a simulation). */
export const simulatedCheckoutPath = (sessionId: string) => `/pay/simulated/${sessionId}`;

/**
 * The `simulated` provider: what a payment provider would do, kept in our own database
 * (`simulated_provider_record`, apart from the ledger) and reported through the same events
 * Stripe sends, so everything after the provider runs exactly as it would with Stripe. Platform
 * work: the provider's books belong to no tenant. Each event is stored in the transaction that
 * writes what it reports, as a real provider reports everything it did whatever happens to its
 * caller: a caller killed in between and retried finds the books written and the report sent.
 */
export class SimulatedProvider implements PaymentProvider {
  readonly name = "simulated" as const;

  async createConnectedAccount(input: {
    institutionId: string;
    institutionName: string;
    email: string | null;
  }): Promise<ConnectedAccount> {
    const record = await this.#create({
      id: `sim_acct_${compact(input.institutionId)}`,
      kind: "ACCOUNT",
      parentId: null,
      amountFen: 0,
      status: "active",
      metadata: { institutionId: input.institutionId, name: input.institutionName },
      key: `account:${input.institutionId}`,
    });
    return { accountId: record.id, chargesEnabled: true, payoutsEnabled: true };
  }

  async onboardingLink(): Promise<string | null> {
    return null;
  }

  async createCheckout(input: CheckoutInput): Promise<CheckoutSession> {
    const record = await this.#create({
      id: `sim_cs_${compact(input.paymentId)}`,
      kind: "CHECKOUT",
      parentId: null,
      amountFen: input.amountFen,
      status: "open",
      metadata: {
        paymentId: input.paymentId,
        enrollmentId: input.enrollmentId,
        successUrl: input.successUrl,
        cancelUrl: input.cancelUrl,
      },
      key: `checkout:${input.paymentId}`,
    });
    return { sessionId: record.id, url: new URL(simulatedCheckoutPath(record.id), input.successUrl).toString() };
  }

  /**
   * The parent's choice on the simulated checkout page: the payment succeeds (a charge for the
   * whole amount) or fails. Answered once: a second click changes nothing and sends nothing.
   */
  async completeCheckout(sessionId: string, outcome: "succeed" | "fail"): Promise<"done" | "already"> {
    const result = await unsafeAsSystem(async (db) => {
      const session = await lockRecord(db, sessionId, "CHECKOUT");
      if (session.status !== "open") return null;
      const { paymentId = "", enrollmentId = "" } = session.metadata;
      const intentId = `sim_pi_${compact(paymentId)}`;
      const status = outcome === "succeed" ? "complete" : "failed";
      await db.simulatedProviderRecord.update({ where: { id: sessionId }, data: { status, updatedAt: new Date() } });
      if (outcome === "succeed") {
        await insertRecord(db, {
          id: intentId,
          kind: "CHARGE",
          parentId: sessionId,
          amountFen: session.amountFen,
          status: "succeeded",
          metadata: { paymentId, enrollmentId },
          key: `charge:${paymentId}`,
        });
      }
      const object = {
        id: sessionId,
        object: "checkout.session",
        payment_status: outcome === "succeed" ? "paid" : "unpaid",
        status: outcome === "succeed" ? "complete" : "open",
        payment_intent: outcome === "succeed" ? intentId : null,
        amount_total: session.amountFen,
        currency: "cny",
        client_reference_id: paymentId,
        metadata: { paymentId, enrollmentId },
      };
      await storeProviderEventIn(
        db,
        "simulated",
        event(outcome === "succeed" ? "checkout.session.completed" : "checkout.session.async_payment_failed", object),
      );
      return "done";
    });
    return result ?? "already";
  }

  async refund(input: RefundInput): Promise<{ providerRefundId: string }> {
    const id = `sim_re_${compact(input.refundId)}`;
    await unsafeAsSystem(async (db) => {
      const existing = await db.simulatedProviderRecord.findUnique({
        where: { idempotencyKey: `refund:${input.refundId}` },
      });
      if (existing) return;
      const charge = await lockRecord(db, input.paymentIntentId, "CHARGE");
      const refunded = await sumChildren(db, charge.id, "REFUND");
      if (refunded + input.amountFen > charge.amountFen)
        throw new SimulatedProviderError(`refund of ${input.amountFen} exceeds what is left of ${charge.id}`);
      await insertRecord(db, {
        id,
        kind: "REFUND",
        parentId: charge.id,
        amountFen: input.amountFen,
        status: "succeeded",
        metadata: { refundId: input.refundId },
        key: `refund:${input.refundId}`,
      });
      const refund = {
        id,
        object: "refund",
        amount: input.amountFen,
        currency: "cny",
        status: "succeeded",
        payment_intent: input.paymentIntentId,
        metadata: { refundId: input.refundId },
      };
      await storeProviderEventIn(db, "simulated", event("refund.updated", refund));
      await storeProviderEventIn(
        db,
        "simulated",
        event("charge.refunded", {
          id: `sim_ch_${compact(charge.id)}`,
          object: "charge",
          payment_intent: input.paymentIntentId,
          amount: charge.amountFen,
          amount_refunded: refunded + input.amountFen,
          refunds: { object: "list", data: [refund] },
        }),
      );
    });
    return { providerRefundId: id };
  }

  async transfer(input: TransferInput): Promise<{ transferId: string }> {
    const record = await this.#create({
      id: `sim_tr_${compact(input.payoutId)}`,
      kind: "TRANSFER",
      parentId: input.accountId,
      amountFen: input.amountFen,
      status: "paid",
      metadata: { payoutId: input.payoutId },
      key: `transfer:${input.payoutId}`,
    });
    return { transferId: record.id };
  }

  async reverseTransfer(input: {
    transferId: string;
    amountFen: number;
    key: string;
  }): Promise<{ reversalId: string }> {
    const reversalId = await unsafeAsSystem(async (db) => {
      const existing = await db.simulatedProviderRecord.findUnique({ where: { idempotencyKey: input.key } });
      if (existing) return existing.id;
      const transfer = await lockRecord(db, input.transferId, "TRANSFER");
      const reversed = await sumChildren(db, transfer.id, "REVERSAL");
      if (reversed + input.amountFen > transfer.amountFen)
        throw new SimulatedProviderError(`reversal of ${input.amountFen} exceeds transfer ${transfer.id}`);
      const id = `sim_trr_${randomUUID().replace(/-/g, "")}`;
      await insertRecord(db, {
        id,
        kind: "REVERSAL",
        parentId: transfer.id,
        amountFen: input.amountFen,
        status: "succeeded",
        metadata: {},
        key: input.key,
      });
      const object = {
        id: transfer.id,
        object: "transfer",
        amount: transfer.amountFen,
        amount_reversed: reversed + input.amountFen,
        currency: "cny",
        metadata: transfer.metadata,
      };
      await storeProviderEventIn(db, "simulated", event("transfer.reversed", object));
      return id;
    });
    return { reversalId };
  }

  async paymentRecord(paymentIntentId: string): Promise<ProviderPaymentRecord> {
    return unsafeAsSystem(async (db) => {
      const charge = await db.simulatedProviderRecord.findUnique({ where: { id: paymentIntentId } });
      if (charge?.kind !== "CHARGE") return { capturedFen: 0, refundedFen: 0 };
      return { capturedFen: Number(charge.amountFen), refundedFen: await sumChildren(db, charge.id, "REFUND") };
    });
  }

  async transferRecord(transferId: string): Promise<ProviderTransferRecord> {
    return unsafeAsSystem(async (db) => {
      const transfer = await db.simulatedProviderRecord.findUnique({ where: { id: transferId } });
      if (transfer?.kind !== "TRANSFER") return { amountFen: 0, reversedFen: 0 };
      return { amountFen: Number(transfer.amountFen), reversedFen: await sumChildren(db, transfer.id, "REVERSAL") };
    });
  }

  /** Creates a record once per idempotency key; a repeated call returns the first one. */
  async #create(input: SimRecord & { key: string }): Promise<SimRecord> {
    return unsafeAsSystem(async (db) => {
      await insertRecord(db, input);
      const row = await db.simulatedProviderRecord.findUniqueOrThrow({ where: { idempotencyKey: input.key } });
      return toRecord(row);
    });
  }
}

const compact = (id: string) => id.replace(/-/g, "");

function event(type: string, object: Record<string, unknown>): ProviderEvent {
  return {
    id: `evt_sim_${randomUUID().replace(/-/g, "")}`,
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  };
}

type Row = {
  id: string;
  kind: string;
  parentId: string | null;
  amountFen: bigint;
  status: string;
  metadata: Prisma.JsonValue;
};

function toRecord(row: Row): SimRecord {
  return {
    id: row.id,
    kind: row.kind as RecordKind,
    parentId: row.parentId,
    amountFen: Number(row.amountFen),
    status: row.status,
    metadata: (row.metadata ?? {}) as Record<string, string>,
  };
}

async function insertRecord(db: Db, input: SimRecord & { key: string }): Promise<void> {
  await db.simulatedProviderRecord.createMany({
    data: [
      {
        id: input.id,
        kind: input.kind,
        parentId: input.parentId,
        amountFen: BigInt(input.amountFen),
        status: input.status,
        metadata: input.metadata,
        idempotencyKey: input.key,
      },
    ],
    skipDuplicates: true,
  });
}

async function lockRecord(db: Db, id: string, kind: RecordKind): Promise<SimRecord> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT id, kind, parent_id AS "parentId", amount_fen AS "amountFen", status, metadata
      FROM simulated_provider_record WHERE id = ${id} FOR UPDATE`;
  const row = rows[0];
  if (!row || row.kind !== kind) throw new SimulatedProviderError(`no ${kind.toLowerCase()} ${id}`);
  return toRecord(row);
}

async function sumChildren(db: Db, parentId: string, kind: RecordKind): Promise<number> {
  const rows = await db.$queryRaw<{ total: bigint }[]>`
    SELECT coalesce(sum(amount_fen), 0)::bigint AS total FROM simulated_provider_record
     WHERE parent_id = ${parentId} AND kind = ${kind} AND status = 'succeeded'`;
  return Number(rows[0]?.total ?? 0);
}
