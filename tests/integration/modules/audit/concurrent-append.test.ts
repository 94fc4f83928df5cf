import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "~/generated/prisma/client.ts";
import { inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { findBrokenAuditLink } from "~/modules/audit/verify.server";
import { seedDemo } from "../../../../prisma/seed/demo";
import { stableId } from "../../../../prisma/seed/stable-id";

const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.MIGRATION_DATABASE_URL }) });
afterAll(() => owner.$disconnect());

const HANGZHOU = stableId("authority", "330100");
const hangzhouScope = { userId: null, authorityId: HANGZHOU, platform: false };

beforeAll(async () => {
  await seedDemo(owner);
});

function verify(): Promise<bigint | null> {
  return unsafeAsSystem((db) => findBrokenAuditLink(db));
}

/*
 * KNOWN BUG in the chaining trigger (migration 20261123010000): the BIGSERIAL id is drawn when the
 * row is built, before the trigger takes the advisory lock, while the chain is verified in id
 * order. A transaction that draws id N, then waits for the lock while another transaction appends
 * id N+1 (or, holding the lock, appends again), links its row to the wrong predecessor, and
 * audit_verify_chain() reports a break that no one caused. These tests are marked `it.fails`
 * until a migration redefines audit_event_chain() to draw the id after the lock:
 *     PERFORM pg_advisory_xact_lock(727073690);
 *     NEW.id := nextval(pg_get_serial_sequence('audit_event', 'id'));
 * (verified locally: both pass with that change). Then drop `.fails`.
 */
describe("appending audit events from concurrent transactions", () => {
  it("keeps a valid chain when a second transaction appends between two appends of the first", async () => {
    const event = (entityId: string) => ({
      actorUserId: null,
      authorityId: HANGZHOU,
      action: "interleaved.append",
      entityType: "test",
      entityId,
    });
    let firstAppended: () => void = () => {};
    const firstAppendedSignal = new Promise<void>((resolve) => {
      firstAppended = resolve;
    });
    let releaseFirst: () => void = () => {};
    const firstReleased = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });

    // Transaction A appends, holds the chain lock, and appends again after B has started.
    const a = inScope(hangzhouScope, async (db) => {
      await appendAudit(db, event("a-1"));
      firstAppended();
      await firstReleased;
      await appendAudit(db, event("a-2"));
    });
    await firstAppendedSignal;
    const b = inScope(hangzhouScope, (db) => appendAudit(db, event("b-1")));
    // Wait until B is inside its INSERT, queued behind A's advisory lock.
    await expect
      .poll(
        async () =>
          (
            await owner.$queryRaw<{ waiting: bigint }[]>`
              SELECT count(*) AS waiting FROM pg_locks WHERE locktype = 'advisory' AND NOT granted`
          )[0]?.waiting,
        { timeout: 5_000, interval: 20 },
      )
      .toBe(1n);
    releaseFirst();
    await Promise.all([a, b]);

    const rows = await owner.auditEvent.findMany({ where: { action: "interleaved.append" }, orderBy: { id: "asc" } });
    expect(rows.map((r) => r.entityId).sort()).toEqual(["a-1", "a-2", "b-1"]);
    expect(await verify()).toBeNull();
  });

  it("keeps a valid chain when many transactions append at once", async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        inScope(hangzhouScope, async (db) => {
          for (let k = 0; k < 3; k += 1) {
            await appendAudit(db, {
              actorUserId: null,
              authorityId: HANGZHOU,
              action: "concurrent.append",
              entityType: "test",
              entityId: `parallel-${i}-${k}`,
              after: { i, k },
            });
          }
        }),
      ),
    );
    expect(await owner.auditEvent.count({ where: { action: "concurrent.append" } })).toBe(24);
    expect(await verify()).toBeNull();
  });
});
