import pg from "pg";
import { stableId } from "../../../../prisma/seed/stable-id";
import { seedDemoData } from "../../../support/demo-database";

const HANGZHOU = stableId("authority", "330100");
const NINGBO = stableId("authority", "330200");
const XIHU = stableId("authority", "330106");
const YINZHOU_FOOTBALL = stableId("institution", "yinzhou-football");

beforeAll(seedDemoData);

/** Raw SQL as the application's role, in one transaction with the given settings. */
async function asApp<T>(settings: Record<string, string>, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    for (const [name, value] of Object.entries(settings))
      await client.query("SELECT set_config($1, $2, true)", [name, value]);
    const result = await work(client);
    await client.query("ROLLBACK");
    return result;
  } finally {
    await client.end();
  }
}

async function institutionAuthorities(settings: Record<string, string>): Promise<string[]> {
  return asApp(settings, async (c) =>
    (await c.query<{ authority_id: string }>("SELECT authority_id FROM institution")).rows.map((r) => r.authority_id),
  );
}

describe("row-level security for the application role", () => {
  it("is a role that owns nothing and cannot bypass row-level security", async () => {
    const row = await asApp(
      {},
      async (c) => (await c.query("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user")).rows[0],
    );
    expect(row).toEqual({ rolsuper: false, rolbypassrls: false });
    const owned = await asApp(
      {},
      async (c) => (await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE tableowner = current_user")).rows[0],
    );
    expect(owned).toEqual({ n: 0 });
  });

  it("shows raw SQL nothing tenant-owned without a tenant", async () => {
    expect(await institutionAuthorities({})).toEqual([]);
    expect(await asApp({}, async (c) => (await c.query("SELECT * FROM membership")).rows)).toEqual([]);
  });

  it("shows an authority its own and its descendants' rows, never a sibling's", async () => {
    const hangzhou = await institutionAuthorities({ "tipei.authority_id": HANGZHOU });
    expect(hangzhou.length).toBe(2);
    const ningboDistricts = ["330203", "330205", "330212"].map((c) => stableId("authority", c));
    expect(hangzhou.some((id) => ningboDistricts.includes(id))).toBe(false);
    const byId = await asApp(
      { "tipei.authority_id": HANGZHOU },
      async (c) => (await c.query("SELECT id FROM institution WHERE id = $1", [YINZHOU_FOOTBALL])).rows,
    );
    expect(byId).toEqual([]);
  });

  it("never shows a district its parent's or sibling's rows", async () => {
    const xihu = await institutionAuthorities({ "tipei.authority_id": XIHU });
    expect(new Set(xihu)).toEqual(new Set([XIHU]));
    const members = await asApp(
      { "tipei.authority_id": XIHU },
      async (c) => (await c.query<{ authority_id: string }>("SELECT authority_id FROM membership")).rows,
    );
    expect(members.every((m) => m.authority_id === XIHU)).toBe(true);
  });

  it("refuses writes into another tenant", async () => {
    const updated = await asApp(
      { "tipei.authority_id": HANGZHOU },
      async (c) => (await c.query("UPDATE authority SET settings = '{\"x\":1}' WHERE id = $1", [NINGBO])).rowCount,
    );
    expect(updated).toBe(0);
    await expect(
      asApp({ "tipei.authority_id": HANGZHOU }, (c) =>
        c.query(
          "INSERT INTO membership (user_id, role, authority_id) SELECT id, 'INSPECTOR', $1 FROM app_user LIMIT 1",
          [NINGBO],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      asApp({ "tipei.authority_id": HANGZHOU }, (c) =>
        c.query(
          "INSERT INTO audit_event (authority_id, action, entity_type, entity_id, prev_hash, hash) VALUES ($1, 'x', 'y', 'z', '', '')",
          [NINGBO],
        ),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("lets a person see their own memberships and institution without a tenant", async () => {
    const userId = stableId("user", "yinzhou.football@tipei.example");
    const rows = await asApp({ "tipei.user_id": userId }, async (c) => ({
      memberships: (await c.query("SELECT role FROM membership")).rows,
      institutions: (await c.query<{ id: string }>("SELECT id FROM institution")).rows.map((r) => r.id),
    }));
    expect(rows).toEqual({ memberships: [{ role: "INSTITUTION_ADMIN" }], institutions: [YINZHOU_FOOTBALL] });
  });
});
