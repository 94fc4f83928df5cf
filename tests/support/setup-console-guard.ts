import { afterEach, beforeEach } from "vitest";
import { installConsoleGuard } from "./console-guard";

let guard: ReturnType<typeof installConsoleGuard> | undefined;

beforeEach(() => {
  guard = installConsoleGuard();
});

afterEach(() => {
  guard?.restore();
  guard?.assertClean();
});
