import Stripe from "stripe";
import type { ProviderEvent } from "./payment-provider";

/**
 * Checks a Stripe webhook's `Stripe-Signature` header against the raw body and the endpoint's
 * signing secret (with the SDK's default tolerance of 300 seconds, which refuses replays of old
 * deliveries) and returns the event's few fields the escrow reads. Returns null for anything that
 * is not a genuine, recent event: a missing, garbled or wrong signature, an expired timestamp, a
 * body that is not JSON or not an event. It never throws, so a bad delivery becomes a 400 and is
 * not stored, never a 500.
 *
 * Signature checks need no network: `Stripe.webhooks` is the SDK's static helper.
 */
export function verifyStripeEvent(
  rawBody: string,
  signatureHeader: string | null,
  secret: string,
): ProviderEvent | null {
  if (!signatureHeader) return null;
  let parsed: unknown;
  try {
    parsed = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret);
  } catch {
    return null;
  }
  return eventOf(parsed);
}

function eventOf(value: unknown): ProviderEvent | null {
  if (!isRecord(value)) return null;
  const { id, type, created, data } = value;
  if (typeof id !== "string" || id === "") return null;
  if (typeof type !== "string" || type === "") return null;
  if (typeof created !== "number" || !Number.isFinite(created)) return null;
  if (!isRecord(data) || !isRecord(data.object)) return null;
  return { id, type, created, data: { object: data.object } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
