import { installConsoleGuard } from "../../support/console-guard";

describe("the console.error guard", () => {
  it("fails a test that logged an error and passes one that did not", () => {
    const silent = { error: (..._args: unknown[]) => {} };
    const guard = installConsoleGuard(silent);
    expect(() => guard.assertClean()).not.toThrow();
    silent.error("boom", new Error("hidden failure"));
    expect(() => guard.assertClean()).toThrow(/console.error was called during the test: boom hidden failure/);
    guard.restore();
  });
});
