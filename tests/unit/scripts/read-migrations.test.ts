import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrationChecksum, readMigrations } from "../../../scripts/db/migration-runner";

async function folderWith(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "tipei-migrations-"));
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

describe("readMigrations", () => {
  it("orders migrations by their timestamp and checksums them as Prisma does (sha256 hex)", async () => {
    const dir = await folderWith({
      "20261124000000_second": "SELECT 2;",
      "20261123000000_first": "SELECT 1;",
    });
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(["20261123000000_first", "20261124000000_second"]);
    expect(migrations[0]?.checksum).toBe(createHash("sha256").update("SELECT 1;").digest("hex"));
  });

  it("refuses a folder whose name is not <timestamp>_<name>", async () => {
    const dir = await folderWith({ "add-users": "SELECT 1;" });
    await expect(readMigrations(dir)).rejects.toThrow(/add-users/);
  });

  it("checksums the committed migrations deterministically", async () => {
    const dir = path.resolve("prisma/migrations");
    const names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    const migrations = await readMigrations(dir);
    expect(migrations.map((m) => m.name)).toEqual(names.sort());
    for (const m of migrations) expect(m.checksum).toBe(migrationChecksum(m.sql));
  });
});
