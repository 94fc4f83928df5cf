// The public registry search under load with 100,000 institutions (BENCH_INSTITUTIONS): the API
// (`GET /api/v1/institutions?q=…`) and the search page (`/institutions?q=…`) on the production
// build against the bare node:http + pg server running the same count and page queries,
// alternating. The queries match many institutions: "游泳俱乐部" (5 characters, a fifth of the
// registry, served by the trigram index) and "浪花" (2 characters, about one in eleven, too short for
// trigrams), each over its first 10 pages. `npm run bench -- search`. Needs a production build.
// BENCH_SEARCH_CONNECTIONS (8: each search reads every match, a fifth of 100,000 institutions, so
// 64 at once queue past the pool's 3-second connection timeout and get 503s), BENCH_SEARCH_SECONDS
// (10), BENCH_ROUNDS (2).
//
// The app keeps search answers under the registry's version (public-registry-cache.server.ts), so
// the same 20 searches again are mostly served from memory. The third measurement ("api_changing")
// makes the registry change every 50 ms while it runs (the version bumped as a change of any
// registered institution bumps it), so nearly every answer is computed again: the cost of a search
// the cache does not hold.
import pg from "pg";
import { startApp, startBare } from "./support/app-server";
import { benchDatabase, benchLine } from "./support/bench-database";
import { generatePublicRegistry } from "./support/public-registry";
import { round1, sideBySide } from "./support/side-by-side";

const institutions = Number(process.env.BENCH_INSTITUTIONS ?? 100_000);
const QUERIES = ["游泳俱乐部", "浪花"];
const connections = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 8);
const seconds = Number(process.env.BENCH_SEARCH_SECONDS ?? 10);
const db = await benchDatabase("search");

/** Bumps the registry's version every `ms` (one bump at a time) until the returned function is called. */
function changeRegistryEvery(url: string, ms: number): () => Promise<void> {
  const client = new pg.Client({ connectionString: url });
  let stopped = false;
  let bumps = 0;
  const running = (async () => {
    await client.connect();
    while (!stopped) {
      await client.query("UPDATE public_registry_version SET version = version + 1");
      bumps += 1;
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
    await client.end();
  })();
  return async () => {
    stopped = true;
    await running;
    console.log(`registry changed ${bumps} times`);
  };
}
const stops: (() => Promise<void>)[] = [];
try {
  const seedStart = performance.now();
  await generatePublicRegistry(db.ownerUrl, institutions);
  console.log(`generated ${institutions} institutions in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const app = await startApp(db.appUrl);
  stops.push(app.stop);
  const bare = await startBare(db.ownerUrl);
  stops.push(bare.stop);
  const queries = QUERIES.flatMap((q) =>
    Array.from({ length: 10 }, (_, i) => `q=${encodeURIComponent(q)}${i > 0 ? `&page=${i + 1}` : ""}`),
  );
  const first = await (await fetch(`${app.baseUrl}/api/v1/institutions?${queries[0]}`)).json();
  console.log(
    `"${QUERIES[0]}" matches ${first.totalItems ?? first.page?.totalItems ?? JSON.stringify(first).slice(0, 200)}`,
  );
  const metrics: Record<string, string | number> = { institutions, connections };
  for (const [label, prefix, changing] of [
    ["api", "/api/v1/institutions?", false],
    ["page", "/institutions?", false],
    ["api_changing", "/api/v1/institutions?", true],
  ] as const) {
    console.log(`— ${label}`);
    const paths = queries.map((q) => `${prefix}${q}`);
    const stopChanging = changing ? changeRegistryEvery(db.ownerUrl, 50) : async () => {};
    const {
      app: a,
      bare: b,
      ratio,
    } = await sideBySide(app, bare, paths, paths, { connections, seconds }).finally(stopChanging);
    Object.assign(metrics, {
      [`${label}_rps`]: a.rps.toFixed(0),
      [`${label}_bare_rps`]: b.rps.toFixed(0),
      [`${label}_ratio`]: ratio.toFixed(2),
      [`${label}_cpu_ms_per_req`]: a.cpuMsPerRequest.toFixed(2),
      [`${label}_bare_cpu_ms_per_req`]: b.cpuMsPerRequest.toFixed(2),
      [`${label}_p50_ms`]: round1(a.p50),
      [`${label}_p99_ms`]: round1(a.p99),
    });
  }
  console.log(benchLine("search", metrics));
} finally {
  for (const stop of stops.reverse()) await stop();
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${db.ownerUrl}`);
  else await db.drop();
}
