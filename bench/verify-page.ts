// The public profile page under load: `GET /institutions/:registrationNo` (server-rendered HTML)
// on the production build (64 connections, 20 s) against the bare node:http + pg server rendering
// the same row as plain HTML, alternating; and the gzip size of the JavaScript the page loads.
// `npm run bench -- verify-page`. Needs a production build (`npm run build`, or BENCH_APP_DIR).
// BENCH_INSTITUTIONS (default 10,000), BENCH_SECONDS (20), BENCH_ROUNDS (2), BENCH_CONNECTIONS (64).
// Goal (issue 8): at most 150 KB of gzipped JavaScript.
import { startApp, startBare } from "./support/app-server";
import { benchDatabase, benchLine } from "./support/bench-database";
import { pageJavaScript } from "./support/page-javascript";
import { benchIsApproved, benchRegistrationNo, generatePublicRegistry } from "./support/public-registry";
import { round1, sideBySide } from "./support/side-by-side";

const institutions = Number(process.env.BENCH_INSTITUTIONS ?? 10_000);
const db = await benchDatabase("verify_page");
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
  const js = await pageJavaScript(`${app.baseUrl}/institutions/${numbers[0]}`);
  console.log(
    `the page loads ${js.files} scripts: ${(js.rawBytes / 1024).toFixed(1)} KB, ${(js.gzipBytes / 1024).toFixed(1)} KB gzipped`,
  );
  const paths = numbers.map((n) => `/institutions/${n}`);
  const { app: a, bare: b, ratio } = await sideBySide(app, bare, paths, paths);
  console.log(`goal JavaScript ≤ 150 KB gzipped: ${js.gzipBytes <= 150 * 1024 ? "met" : "NOT met"}`);
  console.log(
    benchLine("verify-page", {
      app_rps: a.rps.toFixed(0),
      bare_rps: b.rps.toFixed(0),
      ratio: ratio.toFixed(2),
      app_cpu_ms_per_req: a.cpuMsPerRequest.toFixed(2),
      bare_cpu_ms_per_req: b.cpuMsPerRequest.toFixed(2),
      app_p50_ms: round1(a.p50),
      app_p99_ms: round1(a.p99),
      bare_p99_ms: round1(b.p99),
      js_files: js.files,
      js_gzip_kb: (js.gzipBytes / 1024).toFixed(1),
      requests: a.total + b.total,
      non2xx: a.non2xx + b.non2xx,
    }),
  );
} finally {
  for (const stop of stops.reverse()) await stop();
  if (process.env.BENCH_KEEP === "1") console.log(`kept ${db.ownerUrl}`);
  else await db.drop();
}
