/**
 * Makes console.error a test failure: a test that logs an error has hidden a problem even when
 * its assertions pass.
 */
export function installConsoleGuard(target: Pick<Console, "error"> = console) {
  const original = target.error;
  const calls: unknown[][] = [];
  target.error = (...args: unknown[]) => {
    calls.push(args);
    original.apply(target, args);
  };
  return {
    restore() {
      target.error = original;
    },
    assertClean() {
      if (calls.length === 0) return;
      const first = calls[0]?.map((a) => (a instanceof Error ? a.message : String(a))).join(" ");
      calls.length = 0;
      throw new Error(`console.error was called during the test: ${first}`);
    },
  };
}
