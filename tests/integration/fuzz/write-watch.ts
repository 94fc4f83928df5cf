import pg from "pg";

/**
 * Notices any write to the public schema between two points: a row added or deleted changes a
 * table's count, and a row inserted or updated carries a transaction id (xmin) newer than the
 * mark taken before. Read as the owner, so row-level security hides nothing.
 */
export type WriteWatch = {
  /** Takes the mark and the counts a case is compared against. */
  mark(): Promise<void>;
  /** The tables written since the mark (empty: nothing written). */
  writtenSince(): Promise<string[]>;
  close(): Promise<void>;
};

/** Touched by reads: a signed-in request refreshes its session's last-seen time. Counts still matter. */
const UPDATED_ON_READ = new Set(["user_session"]);

export async function watchWrites(): Promise<WriteWatch> {
  const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await client.connect();
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  const sql = tables
    .map(
      ({ name }, i) =>
        `SELECT ${i} AS i, count(*)::int AS n, count(*) FILTER (WHERE age(xmin) < age($1::text::xid))::int AS fresh FROM ${quote(name)}`,
    )
    .join(" UNION ALL ");
  let xid = "0";
  let counts: number[] = [];

  const read = async () => {
    const { rows } = await client.query<{ i: number; n: number; fresh: number }>(sql, [xid]);
    return rows.sort((a, b) => a.i - b.i);
  };

  return {
    async mark() {
      const { rows } = await client.query<{ xid: string }>(
        "SELECT (pg_current_xact_id()::text::bigint % 4294967296)::text AS xid",
      );
      xid = rows[0]?.xid ?? "0";
      // The counts read after the previous case are still current (cases run one at a time).
      if (counts.length === 0) counts = (await read()).map((r) => r.n);
    },
    async writtenSince() {
      const now = await read();
      const written: string[] = [];
      for (const row of now) {
        const name = tables[row.i]?.name ?? String(row.i);
        if (row.n !== counts[row.i]) written.push(`${name} (${counts[row.i]} → ${row.n} rows)`);
        else if (row.fresh > 0 && !UPDATED_ON_READ.has(name)) written.push(`${name} (${row.fresh} rows changed)`);
      }
      counts = now.map((r) => r.n);
      return written;
    },
    close: () => client.end(),
  };
}
