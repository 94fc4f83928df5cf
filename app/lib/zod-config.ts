// zod compiles object parsers with `new Function` unless told not to; our Content-Security-Policy
// forbids eval, and its probe alone would be reported as a violation in the browser. root.tsx
// imports this first so it runs before any route module builds a schema.
//
// Set without importing zod: zod keeps its global config in `globalThis.__zod_globalConfig` (so
// that copies of zod share it) and adopts an existing object there. Importing `z` (or zod's core)
// here put zod into the root chunk, 82–91 KB gzipped on every page, pages without a form included.
// tests/unit/lib/zod-config.test.ts checks that zod still reads the setting.
const holder = globalThis as { __zod_globalConfig?: { jitless?: boolean } };
holder.__zod_globalConfig ??= {};
holder.__zod_globalConfig.jitless = true;

export {};
