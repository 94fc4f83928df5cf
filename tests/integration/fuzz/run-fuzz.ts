import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerClient } from "../../support/demo-database";
import { loadContext, outcome } from "../../support/remix-calls";
import { cookieFor } from "../modules/registry/review-fixtures";
import { buildFuzzWorld, type FuzzWorld } from "./fuzz-world";
import {
  buildPost,
  type Encoding,
  encodingArbitrary,
  type FormPairs,
  formPairs,
  hostileValue,
  intentArbitrary,
  wellFormed,
} from "./hostile-input";
import { ROUTES, type RouteRow, routePath } from "./route-table";
import { type WriteWatch, watchWrites } from "./write-watch";

/** Cases per route: enough to meet each hostile family several times, few enough for a quick suite. */
export const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 25);

type Case = {
  intent: string | null;
  pairs: FormPairs;
  encoding: Encoding;
  /** A param replaced by a hostile value (null: the world's real params). */
  badParam: { index: number; value: string } | null;
  /** Signed-out rows: a forged session cookie, or none. */
  forgedCookie: string | null;
  signature: string;
  ip: number;
};

function caseArbitrary(row: RouteRow, world: FuzzWorld): fc.Arbitrary<Case> {
  const shape = {
    fields: row.fields ?? [],
    intents: row.intents ?? [],
    choices: row.choices ?? [],
    ids: world.ids,
  };
  const paramCount = Object.keys(row.params?.(world) ?? {}).length;
  return fc.record({
    intent: intentArbitrary(shape.intents),
    pairs: formPairs(shape),
    encoding:
      row.fuzz === "loader" ? fc.constant<Encoding>({ kind: "urlencoded" }) : encodingArbitrary(row.files ?? []),
    badParam:
      paramCount === 0
        ? fc.constant(null)
        : fc.option(fc.record({ index: fc.nat({ max: paramCount - 1 }), value: hostileValue }), { freq: 5 }),
    forgedCookie:
      row.as === null
        ? fc.option(hostileValue.map((v) => `tipei_session=${encodeURIComponent(wellFormed(v))}`))
        : fc.constant(null),
    signature: fc.oneof(hostileValue, fc.constant("t=1,v1=00")),
    ip: fc.integer({ min: 1, max: 60_000 }),
  });
}

/** A header carries bytes: UTF-8 read as Latin-1, without the line breaks and NUL that end a header. */
const headerValue = (value: string) =>
  Array.from(new TextEncoder().encode(wellFormed(value)), (b) => String.fromCharCode(b))
    .join("")
    .replace(/[\r\n\0]/g, "");

type Outcome = { status: number; body: unknown; location: string | null };

/** Refused: a 4xx, a redirect to sign in, or an answer that carries field errors. */
function refused({ status, body, location }: Outcome): boolean {
  if (status >= 400 && status < 500) return true;
  if (status >= 300 && status < 400) return (location ?? "").startsWith("/login");
  if (body && typeof body === "object") {
    const b = body as Record<string, unknown>;
    if (b.ok === false || b.error !== undefined || b.formError !== undefined) return true;
    if (b.fieldErrors && Object.keys(b.fieldErrors).length > 0) return true;
  }
  return false;
}

const snippet = (value: unknown) => JSON.stringify(value)?.slice(0, 300);

export type RouteStats = {
  route: string;
  runs: number;
  refused: number;
  accepted: number;
  statuses: Set<number>;
  ms: number;
};

async function runCase(row: RouteRow, world: FuzzWorld, watch: WriteWatch, c: Case, stats: RouteStats) {
  const module = await row.load();
  const handler = row.fuzz === "loader" ? module.loader : module.action;
  if (!handler) throw new Error(`${row.file} has no ${row.fuzz ?? "action"}`);
  const params = { ...(row.params?.(world) ?? {}) };
  if (c.badParam) {
    const key = Object.keys(params)[c.badParam.index];
    // A URL carries no lone surrogate: the router would have decoded U+FFFD.
    if (key) params[key] = wellFormed(c.badParam.value);
  }
  const query = new URLSearchParams(row.query?.(world) ?? {});
  const intentPairs: FormPairs = c.intent === null ? [] : [["intent", c.intent]];
  if (row.intentIn === "query" && c.intent !== null) query.set("intent", c.intent);
  const pairs = row.intentIn === "query" ? c.pairs : [...intentPairs, ...c.pairs];
  if (row.fuzz === "loader") for (const [k, v] of pairs) query.append(k, v);
  const search = query.size > 0 ? `?${query}` : "";
  const url = `http://localhost${routePath(row.file, params)}${search}`;
  const cookie = row.as ? await cookieFor(world.users[row.as]) : c.forgedCookie;

  let request: Request;
  if (row.fuzz === "loader") request = new Request(url, { headers: cookie ? { Cookie: cookie } : {} });
  else request = buildPost(url, pairs, c.encoding, cookie);
  if (row.signed) request.headers.set("Stripe-Signature", headerValue(c.signature));
  const context = loadContext(`10.${(c.ip >> 8) & 255}.${c.ip & 255}.7`);

  await watch.mark();
  let result: unknown;
  try {
    result = await (handler as (a: unknown) => unknown)({ request, params, context });
  } catch (thrown) {
    if (!(thrown instanceof Response)) {
      throw new Error(`${row.file} threw ${thrown instanceof Error ? thrown.stack : String(thrown)}`);
    }
    result = thrown;
  }
  const answer = await outcome(result);
  const seen: Outcome = { status: answer.status, body: answer.body, location: answer.headers.get("Location") };
  const written = await watch.writtenSince();
  stats.runs += 1;
  stats.statuses.add(seen.status);

  const where = `${row.file} answered ${seen.status} ${seen.location ?? ""} ${snippet(seen.body)}`;
  if (seen.status >= 500) throw new Error(`server error: ${where}`);
  if (refused(seen)) {
    stats.refused += 1;
    const allowed = row.refusalWrites?.tables ?? [];
    const unexpected = written.filter((w) => !allowed.some((table) => w.startsWith(`${table} (`)));
    if (unexpected.length > 0) throw new Error(`refused but wrote ${unexpected.join(", ")}: ${where}`);
  } else {
    stats.accepted += 1;
    if (written.length > 0 && !row.mayWrite)
      throw new Error(`accepted a hostile post and wrote ${written.join(", ")}: ${where}`);
  }
}

/** Defines the fuzz tests of one area: one world, then every row of the area in table order. */
export function fuzzArea(area: RouteRow["area"]) {
  const owner = ownerClient();
  let world: FuzzWorld;
  let watch: WriteWatch;
  const summary: RouteStats[] = [];

  beforeAll(async () => {
    const started = performance.now();
    world = await buildFuzzWorld(owner);
    // Sessions first: a sign-in made during a case would count as that case's write.
    for (const user of Object.values(world.users)) await cookieFor(user);
    watch = await watchWrites();
    console.log(`fuzz ${area}: world built in ${Math.round(performance.now() - started)} ms`);
  }, 180_000);
  afterAll(async () => {
    const lines = summary.map(
      (s) =>
        `${s.route.padEnd(62)} ${String(s.runs).padStart(3)} cases  refused ${String(s.refused).padStart(3)}  accepted ${String(s.accepted).padStart(2)}  ${String(s.ms).padStart(6)} ms  statuses ${[...s.statuses].sort().join(",")}`,
    );
    console.log(`fuzz ${area}:\n${lines.join("\n")}`);
    await watch?.close();
    await owner.$disconnect();
  });

  describe(`fuzzing the ${area} routes`, () => {
    for (const row of ROUTES.filter((r) => r.area === area)) {
      it(`${row.file}: hostile input gets a 4xx or field errors, never a 5xx, and writes nothing`, async () => {
        const stats: RouteStats = { route: row.file, runs: 0, refused: 0, accepted: 0, statuses: new Set(), ms: 0 };
        const started = performance.now();
        summary.push(stats);
        await fc.assert(
          fc.asyncProperty(caseArbitrary(row, world), (c) => runCase(row, world, watch, c, stats)),
          { numRuns: RUNS_PER_ROUTE, endOnFailure: true },
        );
        stats.ms = Math.round(performance.now() - started);
        expect(stats.runs).toBeGreaterThanOrEqual(RUNS_PER_ROUTE);
      }, 240_000);
    }
  });
}
