import { readFile } from "node:fs/promises";
import pg from "pg";
import { findSchemaDrift } from "../../support/schema-drift";

async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.MIGRATION_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe("schema.prisma and the migrated database", () => {
  it("agree on every model, field, enum, unique and index", async () => {
    const schema = await readFile("prisma/schema.prisma", "utf8");
    expect(await withDatabase((c) => findSchemaDrift(schema, c))).toEqual([]);
  });

  it("disagree when the schema gains a field, a unique, an index or a model the migrations lack", async () => {
    const schema = (await readFile("prisma/schema.prisma", "utf8"))
      .replace("  phone       String?", "  nickname    String\n  phone       String?  @unique")
      .replace('  @@map("job_heartbeat")', '  @@index([runCount])\n  @@map("job_heartbeat")')
      .concat("\nmodel ImaginaryThing {\n  id String @id\n}\n\nenum Extra {\n  A\n}\n");
    const problems = await withDatabase((c) => findSchemaDrift(schema, c));
    expect(problems).toEqual(
      expect.arrayContaining([
        'field User.nickname: column "app_user"."nickname" is missing',
        'unique index on User(phone) is missing in "app_user"',
        'normal index on JobHeartbeat(run_count) is missing in "job_heartbeat"',
        'model ImaginaryThing: table "ImaginaryThing" is missing',
        'enum Extra: type "Extra" is missing',
      ]),
    );
  });
});
