import pg from "pg";

/** Connection settings of the local test cluster; the roles come from scripts/setup/common.sh. */
export const PG_HOST = process.env.TEST_PG_HOST ?? "127.0.0.1";
export const PG_PORT = process.env.TEST_PG_PORT ?? "5432";

export function ownerUrl(database: string): string {
  return `postgresql://tipei:tipei@${PG_HOST}:${PG_PORT}/${database}`;
}

export function appUrl(database: string): string {
  return `postgresql://tipei_app:tipei_app@${PG_HOST}:${PG_PORT}/${database}`;
}

/** Runs statements on the maintenance database as the owner role (which may CREATE DATABASE). */
export async function withMaintenance<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ownerUrl("postgres") });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unexpected database name ${name}`);
  return `"${name}"`;
}

export async function createDatabase(name: string, template?: string): Promise<void> {
  await withMaintenance(async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await c.query(
      `CREATE DATABASE ${quoteIdent(name)} OWNER tipei${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`,
    );
  });
}

export async function dropDatabase(name: string): Promise<void> {
  await withMaintenance((c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}
