import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { ACTORS, type Actor, type RouteRow } from "../access/matrix.ts";
import { OWNER_DATABASE_URL, ROOT_DIR } from "./e2e-environment.ts";

/**
 * The pages a person may open: every GET row of the access matrix that answers them 200, plus the
 * pages the matrix can only ask for with an unknown id (a profile, an enrollment, an inspection),
 * opened here with a real one from the demo data. Shared by the hydration, accessibility and phone
 * tests so a new route is checked by all three once it has its row.
 */
const ACCESS_DIR = path.join(ROOT_DIR, "tests/e2e/access");
export const ACCESS_ROWS: RouteRow[] = (
  await Promise.all(
    readdirSync(ACCESS_DIR)
      .filter((f) => f.endsWith(".rows.ts"))
      .map(async (f) => ((await import(path.join(ACCESS_DIR, f))) as { ROWS: RouteRow[] }).ROWS),
  )
).flat();

// Resource routes answer files, CSV or JSON: nothing to render.
export const NOT_PAGES = /^\/(healthz|api\/|files\/|coach-photos\/)|\.(csv|svg|pdf|json)(\?|$)/;

/** The registry demo's registered school with funds supervision (see tests/e2e/access/escrow-parent.rows.ts). */
export const DEMO_REGISTRATION_NO = "330106-2024-0001";

export function matrixPagesFor(actor: Actor): string[] {
  return [
    ...new Set(
      ACCESS_ROWS.flatMap((r) => r.checks)
        .filter((c) => c.method === "GET" && c.expect[actor] === 200 && !NOT_PAGES.test(c.path))
        .map((c) => c.path),
    ),
  ];
}

async function ownerQuery<T extends pg.QueryResultRow>(sql: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: OWNER_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/** A parent's own enrollments (the escrow demo gives both demo parents some). */
export async function enrollmentPagesOf(email: string): Promise<string[]> {
  const rows = await ownerQuery<{ id: string }>(
    `SELECT e.id FROM enrollment e JOIN app_user u ON u.id = e.parent_user_id
      WHERE u.email = $1 ORDER BY e.created_at LIMIT 2`,
    [email],
  );
  return rows.map((r) => `/account/enrollments/${r.id}`);
}

/** Inspection tasks of Xihu district, the inspector's own (the worker opens them from risk levels). */
export async function inspectionTaskPages(): Promise<string[]> {
  const rows = await ownerQuery<{ id: string }>(
    `SELECT t.id FROM inspection_task t JOIN authority a ON a.id = t.authority_id
      WHERE a.slug = 'hangzhou-xihu' ORDER BY t.due_on, t.id LIMIT 1`,
    [],
  );
  return rows.map((r) => `/gov/hangzhou-xihu/inspections/${r.id}`);
}

/** One page per route file that `actor` may open (the first GET row answering them 200). */
export function routePagesFor(actor: Actor): Map<string, string> {
  const pages = new Map<string, string>();
  for (const row of ACCESS_ROWS) {
    const check = row.checks.find((c) => c.method === "GET" && c.expect[actor] === 200 && !NOT_PAGES.test(c.path));
    if (check) pages.set(row.files.join(" "), check.path);
  }
  return pages;
}

/** Every page `actor` may open, with real records where the demo has them. */
export async function pagesFor(actor: Actor, email: string | null = ACTORS[actor]): Promise<string[]> {
  const pages = [...matrixPagesFor(actor), `/institutions/${DEMO_REGISTRATION_NO}`];
  if (actor === "parent" && email) pages.push(...(await enrollmentPagesOf(email)));
  if (actor === "regulatorAdmin" || actor === "inspector" || actor === "platformAdmin") {
    pages.push(...(await inspectionTaskPages()));
  }
  return [...new Set(pages)];
}
