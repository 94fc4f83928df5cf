import type { Faker } from "@faker-js/faker";
import { creditCodeCheckCharacter } from "~/modules/registry/credit-code";
import type { DemoDistrict } from "./registry-plan";
import { FALLBACK_ROADS, GENERIC_BRANDS, ROADS_BY_DISTRICT, type SportProfile } from "./registry-vocabulary";

/**
 * Names, numbers and addresses of a demo institution. Each takes the institution's seeded faker;
 * uniqueness across a district is kept by the caller's `taken` sets, filled in institution order.
 */

/**
 * 杭州西湖蓝鲸游泳培训有限公司, 宁波鄞州弈心围棋社: city, district, a brand, the sport's tail. The
 * district in the name keeps names unique city-wide while only the district's names are checked.
 */
export function institutionName(
  faker: Faker,
  district: DemoDistrict,
  profile: SportProfile,
  taken: Set<string>,
): string {
  const place = `${district.city}${district.district}`;
  const suffix = faker.helpers.arrayElement(profile.suffixes);
  const brands = faker.helpers.shuffle([...profile.brands, ...faker.helpers.arrayElements(GENERIC_BRANDS, 4)]);
  for (const brand of brands) {
    const name = `${place}${brand}${suffix}`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  // Every brand taken: a branch number keeps the name unique.
  for (let n = 2; ; n++) {
    const name = `${place}${brands[0]}${suffix}（${n}）`;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** A valid unified social credit code of a company registered in the district (GB 32100-2015). */
export function creditCode(faker: Faker, districtCode: string, taken: Set<string>): string {
  for (;;) {
    // 9: registered by the market regulator, 1: a company; MA + 7: the organisation code.
    const first17 = `91${districtCode}MA${faker.string.fromCharacters("0123456789ABCDEFGHJKLMNPQRTUWXY", 7)}`;
    const code = `${first17}${creditCodeCheckCharacter(first17)}`;
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

export function mobilePhone(faker: Faker): string {
  return `1${faker.helpers.arrayElement(["3", "5", "7", "8", "9"])}${faker.string.numeric(9)}`;
}

/** A Chinese full name without the space some faker locales put between family and given name. */
export function personName(faker: Faker): string {
  return faker.person.fullName().replace(/\s+/g, "");
}

export function roadsOf(districtCode: string): readonly string[] {
  return ROADS_BY_DISTRICT[districtCode] ?? FALLBACK_ROADS;
}

export function streetAddress(district: DemoDistrict, road: string, number: number): string {
  return `${district.city}市${district.district}区${road}${number}号`;
}
