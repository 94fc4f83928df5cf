import { PrismaPg } from "@prisma/adapter-pg";
import { type Prisma, PrismaClient } from "~/generated/prisma/client.ts";
import { inScope, unsafeAsSystem } from "~/lib/db-scope.server";
import { appendAudit } from "~/modules/audit/append.server";
import { findBrokenAuditLink } from "~/modules/audit/verify.server";
import { seedDemo } from "../../../../prisma/seed/demo";
import { stableId } from "../../../../prisma/seed/stable-id";

// The owner role: not subject to row-level security and allowed to switch triggers off, as an
// attacker with database access would.
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

async function appendThree(label: string): Promise<bigint[]> {
  for (const step of ["create", "submit", "approve"]) {
    await inScope(hangzhouScope, (db) =>
      appendAudit(db, {
        actorUserId: null,
        authorityId: HANGZHOU,
        action: `institution.${step}`,
        entityType: "institution",
        entityId: label,
        before: { status: "BEFORE", step },
        after: { status: "AFTER", step },
      }),
    );
  }
  const rows = await owner.auditEvent.findMany({ where: { entityId: label }, orderBy: { id: "asc" } });
  return rows.map((r) => r.id);
}

/** Runs statements as the owner with the append-only trigger off, switching it back on in the same transaction. */
async function withTriggerOff(triggers: string[], statements: () => Prisma.PrismaPromise<unknown>[]) {
  await owner.$transaction([
    ...triggers.map((t) => owner.$executeRawUnsafe(`ALTER TABLE audit_event DISABLE TRIGGER ${t}`)),
    ...statements(),
    ...triggers.map((t) => owner.$executeRawUnsafe(`ALTER TABLE audit_event ENABLE TRIGGER ${t}`)),
  ]);
}

describe("the audit hash chain", () => {
  it("verifies an untouched chain", async () => {
    await appendThree("untouched");
    expect(await verify()).toBeNull();
  });

  it("names the event whose 'after' was edited behind the trigger's back, and verifies again once restored", async () => {
    const [, middle] = await appendThree("edited");
    if (middle === undefined) throw new Error("expected three events");
    const original = await owner.auditEvent.findUniqueOrThrow({ where: { id: middle } });
    await withTriggerOff(["audit_event_append_only"], () => [
      owner.$executeRaw`UPDATE audit_event SET "after" = '{"status": "FORGED"}'::jsonb WHERE id = ${middle}`,
    ]);
    try {
      expect(await verify()).toBe(middle);
    } finally {
      await withTriggerOff(["audit_event_append_only"], () => [
        owner.$executeRaw`UPDATE audit_event SET "after" = ${JSON.stringify(original.after)}::jsonb WHERE id = ${middle}`,
      ]);
    }
    expect(await verify()).toBeNull();
  });

  it("names the event after one deleted from the middle of the chain", async () => {
    const [, middle, last] = await appendThree("deleted");
    if (middle === undefined || last === undefined) throw new Error("expected three events");
    const original = await owner.auditEvent.findUniqueOrThrow({ where: { id: middle } });
    await withTriggerOff(["audit_event_append_only"], () => [
      owner.$executeRaw`DELETE FROM audit_event WHERE id = ${middle}`,
    ]);
    try {
      // The deleted event's own hash is gone; the next one no longer links to its predecessor.
      expect(await verify()).toBe(last);
    } finally {
      // Put the row back exactly as it was (the chaining trigger would recompute its hashes).
      const o = original;
      await withTriggerOff(["audit_event_chain"], () => [
        owner.$executeRaw`INSERT INTO audit_event (id, occurred_at, actor_user_id, authority_id, action, entity_type,
            entity_id, "before", "after", prev_hash, hash)
          VALUES (${o.id}, ${o.occurredAt}, ${o.actorUserId}::uuid, ${o.authorityId}::uuid, ${o.action}, ${o.entityType},
            ${o.entityId}, ${JSON.stringify(o.before)}::jsonb, ${JSON.stringify(o.after)}::jsonb, ${o.prevHash}, ${o.hash})`,
      ]);
    }
    expect(await verify()).toBeNull();
  });

  it("refuses UPDATE and DELETE from the app role", async () => {
    const [first] = await appendThree("app-role");
    if (first === undefined) throw new Error("expected three events");
    // The app role holds no UPDATE or DELETE grant on the table at all, so PostgreSQL refuses
    // before the append-only trigger is even reached.
    await expect(
      unsafeAsSystem((db) => db.$executeRaw`UPDATE audit_event SET action = 'forged' WHERE id = ${first}`),
    ).rejects.toThrow(/permission denied/);
    await expect(unsafeAsSystem((db) => db.$executeRaw`DELETE FROM audit_event WHERE id = ${first}`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      unsafeAsSystem((db) => db.auditEvent.update({ where: { id: first }, data: { action: "forged" } })),
    ).rejects.toThrow();
    await expect(unsafeAsSystem((db) => db.auditEvent.delete({ where: { id: first } }))).rejects.toThrow();
    expect((await owner.auditEvent.findUniqueOrThrow({ where: { id: first } })).action).toBe("institution.create");
  });

  it("refuses UPDATE, DELETE and TRUNCATE even from the owner while the trigger is on", async () => {
    const [first] = await appendThree("owner-role");
    if (first === undefined) throw new Error("expected three events");
    await expect(owner.$executeRaw`UPDATE audit_event SET action = 'forged' WHERE id = ${first}`).rejects.toThrow(
      /append-only: UPDATE refused/,
    );
    await expect(owner.$executeRaw`DELETE FROM audit_event WHERE id = ${first}`).rejects.toThrow(
      /append-only: DELETE refused/,
    );
    await expect(owner.$executeRaw`TRUNCATE audit_event`).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await verify()).toBeNull();
  });
});
