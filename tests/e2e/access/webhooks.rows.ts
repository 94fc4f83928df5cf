import { all, get, post, type RouteRow } from "./matrix.ts";

// Provider webhooks carry no session: a request without Stripe's signature is refused (400,
// nothing stored) whoever sends it, with whatever cookies; a GET is not a webhook.
export const ROWS: RouteRow[] = [
  {
    files: ["webhooks.stripe.ts"],
    checks: [
      post("Stripe webhook without a signature", "/webhooks/stripe", all(400)),
      get("Stripe webhook, GET", "/webhooks/stripe", all(405)),
    ],
  },
];
