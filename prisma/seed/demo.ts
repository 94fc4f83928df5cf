import { fakerZH_CN } from "@faker-js/faker";
import type { PrismaClient, Role } from "~/generated/prisma/client.ts";
import { hashPassword } from "~/modules/identity/password.server";
import { DEMO_AUTHORITIES } from "./authorities";
import { stableId } from "./stable-id";
import { seedDemoCalendar } from "./working-calendar";

export const DEMO_FAKER_SEED = 20261123;
/** Every demo account's password (demo data only; printed by the start command). */
export const DEMO_PASSWORD = "Tipei-Demo-2026!";
// Fixed so rows written by two seeds are identical, timestamps included.
const SEEDED_AT = new Date("2026-11-01T00:00:00.000Z");

type DemoInstitution = { key: string; name: string; districtCode: string };

export const DEMO_INSTITUTIONS: DemoInstitution[] = [
  { key: "xihu-swim", name: "杭州浪花游泳培训有限公司", districtCode: "330106" },
  { key: "binjiang-chess", name: "杭州滨江弈思棋院", districtCode: "330108" },
  { key: "yinzhou-football", name: "宁波鄞州追风足球俱乐部", districtCode: "330212" },
  { key: "haishu-wushu", name: "宁波海曙精武武术培训中心", districtCode: "330203" },
];

export type DemoUser = {
  email: string;
  displayName: string;
  phone: string;
  locale: "zh-CN" | "en";
  role: Role;
  /** Division code of the authority (regulators) or the key of the institution (institution staff). */
  at: string | null;
  note: string;
};

/** Demo people: the same names and numbers on every run (fixed faker seed, fixed call order). */
export function demoUsers(): DemoUser[] {
  const faker = fakerZH_CN;
  faker.seed(DEMO_FAKER_SEED);
  const person = (
    email: string,
    role: Role,
    at: string | null,
    note: string,
    locale: "zh-CN" | "en" = "zh-CN",
  ): DemoUser => ({
    email,
    displayName: faker.person.fullName(),
    phone: faker.helpers.replaceSymbols("1##########").replace(/^1\d/, "13"),
    locale,
    role,
    at,
    note,
  });
  return [
    person("admin@tipei.example", "PLATFORM_ADMIN", null, "platform operator"),
    person("zhejiang.admin@tipei.example", "REGULATOR_ADMIN", "330000", "Zhejiang provincial bureau"),
    person("hangzhou.admin@tipei.example", "REGULATOR_ADMIN", "330100", "Hangzhou city bureau"),
    person("xihu.inspector@tipei.example", "INSPECTOR", "330106", "Xihu district, Hangzhou"),
    person("ningbo.admin@tipei.example", "REGULATOR_ADMIN", "330200", "Ningbo city bureau"),
    person("yinzhou.inspector@tipei.example", "INSPECTOR", "330212", "Yinzhou district, Ningbo"),
    person("parent@tipei.example", "PARENT", null, "a parent"),
    person("parent.en@tipei.example", "PARENT", null, "a parent who reads English", "en"),
    person("xihu.swim@tipei.example", "INSTITUTION_ADMIN", "xihu-swim", "swimming school, Xihu, Hangzhou"),
    person("xihu.swim.staff@tipei.example", "INSTITUTION_STAFF", "xihu-swim", "its front desk"),
    person("yinzhou.football@tipei.example", "INSTITUTION_ADMIN", "yinzhou-football", "football club, Yinzhou, Ningbo"),
    person("yinzhou.football.staff@tipei.example", "INSTITUTION_STAFF", "yinzhou-football", "its coach"),
  ];
}

const authorityId = (code: string) => stableId("authority", code);

/**
 * Zhejiang switches on the optional rule against residential premises (VEN-03, Beijing's
 * standard) for the whole province: its cities and districts inherit it.
 */
const PROVINCE_SETTINGS = {
  version: 1,
  overrides: { "VEN-03.enabled": [{ effectiveFrom: "2026-01-01", value: true }] },
};
const institutionId = (key: string) => stableId("institution", key);

/**
 * Writes the demo tenancy tree (with its working calendar), institutions and people with their
 * roles. Idempotent: rows have stable ids and are only inserted when missing, so a second run
 * changes nothing.
 */
export async function seedDemo(db: PrismaClient): Promise<{ authorities: number; users: number }> {
  const authorities = await db.authority.createMany({
    data: DEMO_AUTHORITIES.map((a) => ({
      id: authorityId(a.code),
      parentId: a.parentCode ? authorityId(a.parentCode) : null,
      level: a.level,
      code: a.code,
      slug: a.slug,
      name: a.name,
      nameEn: a.nameEn,
      settings: a.parentCode === null ? PROVINCE_SETTINGS : {},
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    })),
    skipDuplicates: true,
  });
  await seedDemoCalendar(db);
  await db.institution.createMany({
    data: DEMO_INSTITUTIONS.map((i) => ({
      id: institutionId(i.key),
      authorityId: authorityId(i.districtCode),
      name: i.name,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    })),
    skipDuplicates: true,
  });
  const people = demoUsers();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users = await db.user.createMany({
    data: people.map((u) => ({
      id: stableId("user", u.email),
      email: u.email,
      displayName: u.displayName,
      phone: u.phone,
      locale: u.locale,
      passwordHash,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    })),
    skipDuplicates: true,
  });
  // Accounts seeded before passwords existed get one; a password already set is kept.
  await db.user.updateMany({
    where: { email: { in: people.map((u) => u.email) }, passwordHash: null },
    data: { passwordHash },
  });
  const institutionDistrict = new Map(DEMO_INSTITUTIONS.map((i) => [i.key, i.districtCode]));
  await db.membership.createMany({
    data: people.map((u) => {
      const district = u.at ? institutionDistrict.get(u.at) : undefined;
      return {
        id: stableId("membership", `${u.email}:${u.role}`),
        userId: stableId("user", u.email),
        role: u.role,
        authorityId: district ? authorityId(district) : u.at ? authorityId(u.at) : null,
        institutionId: district && u.at ? institutionId(u.at) : null,
        createdAt: SEEDED_AT,
      };
    }),
    skipDuplicates: true,
  });
  return { authorities: authorities.count, users: users.count };
}
