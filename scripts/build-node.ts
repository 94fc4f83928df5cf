// Bundles the two Node entry points (web server, worker) into build/node; node_modules stay external.
import { build } from "esbuild";

await build({
  entryPoints: { server: "server/index.ts", worker: "workers/index.ts" },
  outdir: "build/node",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  tsconfig: "tsconfig.json",
  sourcemap: true,
  logLevel: "warning",
});
console.log("build: build/node/server.js, build/node/worker.js");
