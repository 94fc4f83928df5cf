// The public verification API under load: `GET /api/v1/institutions/:registrationNo` on the
// production build (64 connections, 20 s) against a bare node:http + pg server answering the same
// query from the same database, alternating app, bare, app, bare. `npm run bench -- verify-api`.
// Needs a production build (`npm run build`, or BENCH_APP_DIR naming a built tree).
// BENCH_INSTITUTIONS (default 10,000), BENCH_SECONDS (20), BENCH_ROUNDS (2), BENCH_CONNECTIONS (64).
// Goal (issue 8): the app at least half the baseline's throughput, p99 at most 50 ms.
import { startApp, startBare } from "./support/app-server";
import { benchDatabase, benchLine } from "./support/bench-database";
import { benchIsApproved, benchRegistrationNo, generatePublicRegistry } from "./support/public-registry";
import { round1, sideBySide } from "./support/side-by-side";

const institutions = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const db = await benchDatabase("verify_api");
const stops: (() => Promise<void>)[] = [];
try {
  await generatePublicRegistry(db.ownerUrl, institutions);
  const numbers = Array.from({ length: institutions }, (_, i) => i + 1)
    .filter(benchIsApproved)
    .map(benchRegistrationNo);
  const app = await startApp(db.appUrl);
  stops.push(app.stop);
  const bare = await startBare(db.ownerUrl);
  stops.push(bare.stop);
  console.log(`${institutions} institutions; app pid ${app.pid}, bare pid ${bare.pid}`);
  const paths = numbers.map((n) => `/api/v1/institutions/${n}`);
  const { app: a, bare: b, ratio } = await sideBySide(app, bare, paths, paths);
  console.log(
    `goal ratio ≥ 0.5: ${ratio >= 0.5 ? "met" : "NOT met"}; goal p99 ≤ 50 ms: ${a.p99 <= 50 ? "met" : "NOT met"}`,
  );
  console.log(
    benchLine("verify-api", {
      app_rps: a.rps.toFixed(0),
      bare_rps: b.rps.toFixed(0),
      ratio: ratio.toFixed(2),
      app_cpu_ms_per_req: a.cpuMsPerRequest.toFixed(2),
      bare_cpu_ms_per_req: b.cpuMsPerRequest.toFixed(2),
      app_p50_ms: round1(a.p50),
      app_p99_ms: round1(a.p99),
      bare_p50_ms: round1(b.p50),
      bare_p99_ms: round1(b.p99),
      requests: a.total + b.total,
      non2xx: a.non2xx + b.non2xx,
    }),
  );
} finally {
  for (const stop of stops.reverse()) await stop();
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${db.ownerUrl}`);
  else await db.drop();
}
