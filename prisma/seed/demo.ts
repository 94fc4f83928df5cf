import { fakerZH_CN } from "@faker-js/faker";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import { DEMO_AUTHORITIES } from "./authorities";
import { stableId } from "./stable-id";

export const DEMO_FAKER_SEED = 20261123;
// Fixed so rows written by two seeds are identical, timestamps included.
const SEEDED_AT = new Date("2026-11-01T00:00:00.000Z");

export type DemoUser = { email: string; displayName: string; phone: string; locale: "zh-CN" | "en"; note: string };

/** Demo people: the same names and numbers on every run (fixed faker seed, fixed call order). */
export function demoUsers(): DemoUser[] {
  const faker = fakerZH_CN;
  faker.seed(DEMO_FAKER_SEED);
  const person = (email: string, note: string, locale: "zh-CN" | "en" = "zh-CN"): DemoUser => ({
    email,
    displayName: faker.person.fullName(),
    phone: faker.helpers.replaceSymbols("1##########").replace(/^1\d/, "13"),
    locale,
    note,
  });
  return [
    person("admin@tipei.example", "platform operator"),
    person("zhejiang.admin@tipei.example", "Zhejiang provincial bureau"),
    person("hangzhou.admin@tipei.example", "Hangzhou city bureau"),
    person("xihu.inspector@tipei.example", "Xihu district, Hangzhou"),
    person("ningbo.admin@tipei.example", "Ningbo city bureau"),
    person("yinzhou.inspector@tipei.example", "Yinzhou district, Ningbo"),
    person("parent@tipei.example", "a parent"),
    person("parent.en@tipei.example", "a parent who reads English", "en"),
  ];
}

/**
 * Writes the demo tenancy tree and people. Idempotent: rows have stable ids and are only
 * inserted when missing, so a second run changes nothing.
 */
export async function seedDemo(db: PrismaClient): Promise<{ authorities: number; users: number }> {
  const idOf = (code: string) => stableId("authority", code);
  const authorities = await db.authority.createMany({
    data: DEMO_AUTHORITIES.map((a) => ({
      id: idOf(a.code),
      parentId: a.parentCode ? idOf(a.parentCode) : null,
      level: a.level,
      code: a.code,
      slug: a.slug,
      name: a.name,
      nameEn: a.nameEn,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    })),
    skipDuplicates: true,
  });
  const users = await db.user.createMany({
    data: demoUsers().map((u) => ({
      id: stableId("user", u.email),
      email: u.email,
      displayName: u.displayName,
      phone: u.phone,
      locale: u.locale,
      createdAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    })),
    skipDuplicates: true,
  });
  return { authorities: authorities.count, users: users.count };
}
