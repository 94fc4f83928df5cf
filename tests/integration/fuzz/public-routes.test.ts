import { fuzzArea } from "./run-fuzz";

// A webhook secret is configured, so hostile bodies reach the signature check rather than a 404.
vi.hoisted(() => {
  process.env.STRIPE_WEBHOOK_SECRET = "whsec_tipei_fuzz_test_secret";
});

// Sign-in, sign-up, parent and public forms, the webhook and the JSON API, fuzzed (see route-table.ts).
fuzzArea("public");
