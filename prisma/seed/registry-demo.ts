import { fakerZH_CN } from "@faker-js/faker";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { insertMissing } from "~/lib/bulk-insert.server";
import { hashPassword } from "~/modules/identity/password.server";
import { DEMO_INSTITUTIONS, DEMO_PASSWORD, demoUsers } from "./demo";
import { buildContent, type Uniqueness } from "./registry-content";
import { buildHistory } from "./registry-history";
import { type DemoDistrict, demoDistricts, registryDemoPlan } from "./registry-plan";
import { registrationNumbers } from "./registry-registration-numbers";
import {
  applicantRow,
  type BuiltInstitution,
  institutionRow,
  membershipRow,
  projectedRows,
  storedFileRows,
} from "./registry-rows";
import { stableId } from "./stable-id";

/**
 * The registry's demo data: a few hundred institutions across the demo districts, in every state,
 * with realistic names, venues, coaches, courses and histories; about a fifth of the registered
 * ones break one rule on purpose for the compliance engine. Which institution breaks which rule
 * is decided in registry-plan.ts (NON_COMPLIANCE_KINDS: one row per rule code, how it is planted):
 *
 *   STF-01 class over 35 · STF-02 >10 trainees with 1 coach · STF-03 coach without a valid certificate ·
 *   VEN-01 < 5 m² per trainee · VEN-02 children on floor 5 or underground · VEN-03 residential premises ·
 *   SCH-01 lesson ending 21:00 · SCH-03 weekday lesson at 14:00 for pupils · HRS-01 swimming permit expired ·
 *   HRS-03 < 2.5 m² water per swimmer · STF-08 serving school teacher · STF-05 < 50 % full-time coaches ·
 *   REG-04 annual filing overdue · FEE-04 funds supervision off
 *
 * `registryDemoPlan()` lists every institution with its state and breach, so tests can find them.
 * Deterministic: ids come from stableId, faker is seeded per institution. Idempotent: only
 * institutions that do not exist yet are written (one transaction, multi-row inserts), so a second
 * run changes nothing. The four hand-made demo institutions (prisma/seed/demo.ts) are not touched.
 */

export type RegistryDemoOptions = { institutionsPerDistrict?: number };

/** The sign-in of each demo institution's administrator: inst-<district code>-<nn>@tipei.example. */
export const registryDemoApplicantEmail = (key: string) => `inst-${key}@tipei.example`;

type DistrictActors = { reviewerId: string; deciderId: string };

/** Reviews by the district's inspector where the demo has one, decisions by the city's regulator admin. */
function regulatorsOf(district: DemoDistrict): DistrictActors {
  const people = demoUsers();
  const cityAdmin = people.find((p) => p.role === "REGULATOR_ADMIN" && p.at === district.parentCode);
  const inspector = people.find((p) => p.role === "INSPECTOR" && p.at === district.code);
  if (!cityAdmin) throw new Error(`no demo regulator admin for ${district.parentCode}`);
  return {
    reviewerId: stableId("user", (inspector ?? cityAdmin).email),
    deciderId: stableId("user", cityAdmin.email),
  };
}

/** Every demo institution with its content and history, without touching the database. */
export function buildRegistryDemo(options: RegistryDemoOptions = {}): BuiltInstitution[] {
  const districts = new Map(demoDistricts().map((d) => [d.code, d]));
  const actors = new Map([...districts.values()].map((d) => [d.code, regulatorsOf(d)]));
  const taken = new Map<string, Uniqueness>();
  const built: BuiltInstitution[] = [];
  for (const entry of registryDemoPlan(options.institutionsPerDistrict)) {
    const district = districts.get(entry.districtCode);
    const regulators = actors.get(entry.districtCode);
    if (!district || !regulators) throw new Error(`unknown district ${entry.districtCode}`);
    let unique = taken.get(district.code);
    if (!unique) {
      unique = { names: new Set(DEMO_INSTITUTIONS.map((i) => i.name)), creditCodes: new Set() };
      taken.set(district.code, unique);
    }
    // One seed per institution: its data never depends on how many others are built.
    fakerZH_CN.seed(entry.fakerSeed);
    const { content, applicant } = buildContent(fakerZH_CN, entry, district, unique);
    const email = registryDemoApplicantEmail(entry.key);
    const applicantId = stableId("user", email);
    const authorityId = stableId("authority", district.code);
    const history = buildHistory(
      fakerZH_CN,
      entry,
      content,
      { id: entry.id, authorityId },
      { applicantId, ...regulators },
    );
    if (history.recorder.status !== entry.status)
      throw new Error(`registry demo ${entry.key}: ended ${history.recorder.status}, planned ${entry.status}`);
    built.push({
      entry,
      authorityId,
      content,
      applicant: { id: applicantId, email, name: applicant.name, phone: applicant.phone },
      history,
    });
  }
  return built;
}

/** Writes the registry demo as the schema owner (after seedDemo); returns how many institutions it added. */
export async function seedRegistryDemo(
  db: PrismaClient,
  options: RegistryDemoOptions = {},
): Promise<{ institutions: number }> {
  const built = buildRegistryDemo(options);
  const needed = [...new Set(built.map((b) => b.authorityId))];
  const regulatorIds = [...new Set(demoDistricts().flatMap((d) => Object.values(regulatorsOf(d))))];
  const [authorities, regulators] = await Promise.all([
    db.authority.count({ where: { id: { in: needed } } }),
    db.user.count({ where: { id: { in: regulatorIds } } }),
  ]);
  if (authorities < needed.length || regulators < regulatorIds.length)
    throw new Error("the registry demo needs the demo authorities and people: run seedDemo first");

  const existing = new Set(
    (await db.institution.findMany({ where: { id: { in: built.map((b) => b.entry.id) } }, select: { id: true } })).map(
      (i) => i.id,
    ),
  );
  const fresh = built.filter((b) => !existing.has(b.entry.id));
  if (fresh.length === 0) return { institutions: 0 };
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.$transaction(
    async (tx) => {
      const counters = await tx.registrationCounter.findMany({ where: { authorityId: { in: needed } } });
      const numbers = registrationNumbers(fresh, counters);
      const registered = fresh.filter((b) => b.history.registration).map(projectedRows);
      await insertMissing(
        tx,
        "app_user",
        fresh.map((b) => applicantRow(b, passwordHash)),
      );
      await insertMissing(
        tx,
        "institution",
        fresh.map((b) => institutionRow(b, numbers.numbers.get(b.entry.id) ?? null)),
      );
      await insertMissing(tx, "membership", fresh.map(membershipRow));
      await insertMissing(tx, "stored_file", fresh.flatMap(storedFileRows));
      await insertMissing(
        tx,
        "filing",
        fresh.flatMap((b) => b.history.recorder.filings),
      );
      await insertMissing(
        tx,
        "institution_status_event",
        fresh.flatMap((b) => b.history.recorder.events),
      );
      await insertMissing(
        tx,
        "venue",
        registered.flatMap((r) => r.venues),
      );
      await insertMissing(
        tx,
        "coach",
        registered.flatMap((r) => r.coaches),
      );
      await insertMissing(
        tx,
        "coach_certificate",
        registered.flatMap((r) => r.certificates),
      );
      await insertMissing(
        tx,
        "course",
        registered.flatMap((r) => r.courses),
      );
      await insertMissing(
        tx,
        "schedule_slot",
        registered.flatMap((r) => r.slots),
      );
      // Later real approvals continue after the demo's numbers instead of colliding with them.
      for (const c of numbers.counters) {
        await tx.$executeRaw`
          INSERT INTO registration_counter (authority_id, year, last_value)
          VALUES (${c.authorityId}::uuid, ${c.year}, ${c.lastValue})
          ON CONFLICT (authority_id, year)
          DO UPDATE SET last_value = GREATEST(registration_counter.last_value, EXCLUDED.last_value)`;
      }
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  return { institutions: fresh.length };
}
