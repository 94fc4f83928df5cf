import { z } from "zod";

// zod compiles object parsers with `new Function` unless told not to; our Content-Security-Policy
// forbids eval, and its probe alone would be reported as a violation in the browser. root.tsx
// imports this first so it runs before any route module builds a schema.
z.config({ jitless: true });
