import { readFileSync } from "node:fs";
import { WEB_NODE_ARGS } from "../../../bench/support/app-server";

// The benchmarks measure the web process as production starts it: the same Node flags in the
// start command, `npm start` and the benchmarks' launcher.
describe("the web process's Node flags", () => {
  const flags = WEB_NODE_ARGS.join(" ");

  it("are the same in scripts/start.sh, npm start and the benchmarks", () => {
    const startSh = readFileSync("scripts/start.sh", "utf8");
    const scripts = JSON.parse(readFileSync("package.json", "utf8")).scripts as Record<string, string>;
    expect(startSh).toContain(`node ${flags} build/node/server.js`);
    expect(scripts.start).toBe(`node ${flags} build/node/server.js`);
  });
});
