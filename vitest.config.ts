import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = [{ find: /^~\//, replacement: `${path.resolve("app")}/` }];

export default defineConfig({
  resolve: { alias },
  test: {
    globals: true,
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.{ts,tsx}"],
          setupFiles: ["tests/support/setup-console-guard.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/support/integration-global-setup.ts"],
          // Each test file gets a database cloned from the migrated template and a Redis prefix.
          setupFiles: ["tests/support/setup-console-guard.ts", "tests/support/setup-integration-env.ts"],
          pool: "forks",
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
