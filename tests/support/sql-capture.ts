import pg from "pg";

/** One statement as the app sent it to PostgreSQL (through Prisma's pg adapter or pg directly). */
export type CapturedStatement = { text: string; values: unknown[] };

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/**
 * Records every statement any pg client in this process sends while `work` runs: the exact SQL
 * and parameters Prisma's adapter produced, so a test can EXPLAIN what the app really runs.
 * The app's calls must not overlap with other database work in the process while capturing.
 */
export async function captureSql<T>(work: () => Promise<T>): Promise<{ result: T; statements: CapturedStatement[] }> {
  const statements: CapturedStatement[] = [];
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const [first, second] = args;
    if (typeof first === "string") {
      statements.push({ text: first, values: Array.isArray(second) ? second : [] });
    } else if (first && typeof first === "object" && "text" in first) {
      const config = first as { text: string; values?: unknown[] };
      statements.push({ text: config.text, values: config.values ?? [] });
    }
    return original.apply(this, args);
  };
  try {
    const result = await work();
    return { result, statements };
  } finally {
    proto.query = original;
  }
}

/** A plan node of EXPLAIN (FORMAT JSON), with the fields this project reads. */
export type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  /** 0 when the node never ran (e.g. a row-level security subplan behind a false condition). */
  "Actual Loops"?: number;
  Plans?: PlanNode[];
};

export function planNodes(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(planNodes)];
}

/**
 * Replays captured statements in one transaction as the given connection: the scope settings
 * (`set_config`, `SET LOCAL`) run as they did, each read runs under EXPLAIN ANALYZE (so a plan
 * node tells whether it actually ran), writes are skipped, and everything is rolled back.
 */
export async function explainCaptured(
  connectionString: string,
  statements: CapturedStatement[],
): Promise<{ text: string; plan: PlanNode }[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const plans: { text: string; plan: PlanNode }[] = [];
  try {
    await client.query("BEGIN");
    for (const { text, values } of statements) {
      const sql = text.trim();
      if (/^(BEGIN|COMMIT|ROLLBACK)\b/i.test(sql)) continue;
      if (/^SELECT\s+set_config\(/i.test(sql) || /^SET\s+LOCAL\b/i.test(sql)) {
        await client.query(sql, values);
      } else if (/^(SELECT|WITH)\b/i.test(sql)) {
        const { rows } = await client.query<{ "QUERY PLAN": { Plan: PlanNode }[] }>(
          `EXPLAIN (ANALYZE, TIMING OFF, FORMAT JSON) ${sql}`,
          values,
        );
        const plan = rows[0]?.["QUERY PLAN"][0]?.Plan;
        if (plan) plans.push({ text: sql, plan });
      }
    }
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end();
  }
  return plans;
}
