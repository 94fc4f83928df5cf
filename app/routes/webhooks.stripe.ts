import type { ActionFunctionArgs } from "@remix-run/node";
import { getEnv } from "~/lib/env.server";
import { storeProviderEvent } from "~/modules/escrow/event-inbox.server";
import { verifyStripeEvent } from "~/modules/escrow/providers/stripe-webhook.server";

// Stripe's webhook: the raw body's signature is checked before anything else; a bad or missing
// signature answers 400 and stores nothing. A good event is stored once by its id and processed
// by a job, so Stripe gets its 200 at once and a repeated delivery has no second effect.

const MAX_BODY_BYTES = 512 * 1024;

const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function loader() {
  return plain(405, "Method Not Allowed");
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return plain(405, "Method Not Allowed");
  const secret = getEnv().STRIPE_WEBHOOK_SECRET;
  if (!secret) return plain(404, "Not Found");
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_BODY_BYTES) return plain(413, "Payload Too Large");
  const body = await request.text();
  if (body.length > MAX_BODY_BYTES) return plain(413, "Payload Too Large");
  const event = verifyStripeEvent(body, request.headers.get("Stripe-Signature"), secret);
  if (!event) return plain(400, "Invalid signature");
  const { stored } = await storeProviderEvent("stripe", event);
  return Response.json({ received: true, duplicate: !stored });
}
