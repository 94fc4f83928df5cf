/**
 * Where an address lies, read from its text: a heuristic for REG-02. Chinese addresses start
 * with their divisions (省/自治区, 市, 区/县), and authority names start with the division they
 * govern (杭州市西湖区文化和广电旅游体育局 → 杭州市, 西湖区). Without a gazetteer of every
 * division this can say "inside", "outside" (the address names another city or district) or
 * "cannot tell" (the address names no division we can compare) — never more than the text says.
 */

export type Place = { province: string | null; city: string | null; district: string | null };

const PROVINCE = /^(.{2,8}?(?:省|自治区))/;
const CITY = /^(.{2,8}?市)/;
const DISTRICT = /^([\u4e00-\u9fff]{1,6}?(?:区|县|旗))/;
/**
 * Development zones and the like are not divisions: "杭州高新区" may be in 滨江区. An address
 * whose leading unit is one of these is "cannot tell" unless it also names the district.
 */
const ZONE_SUFFIXES = [
  "开发区",
  "高新区",
  "新区",
  "园区",
  "保税区",
  "景区",
  "度假区",
  "小区",
  "校区",
  "片区",
  "示范区",
];

/** The divisions an authority governs, from the start of its name. */
export function placeOfAuthority(name: string): Place {
  let rest = name.trim();
  const take = (pattern: RegExp): string | null => {
    const match = pattern.exec(rest);
    if (!match?.[1]) return null;
    rest = rest.slice(match[1].length);
    return match[1];
  };
  const province = take(PROVINCE);
  const city = take(CITY);
  // "…体育局" is no district; a district name ends in 区/县/旗 before the bureau's own words.
  const district = take(DISTRICT);
  return { province, city, district };
}

/**
 * The leading divisions an address names (any may be missing). A district is read only right
 * after a city ("杭州市滨江区…"): that is the formal prefix, where the next unit can only be a
 * division; at the very start of an address "东区" or "A 区" may as well be part of a compound.
 */
export function placeOfAddress(address: string): Place {
  let rest = address.replace(/\s+/g, "");
  const take = (pattern: RegExp): string | null => {
    const match = pattern.exec(rest);
    if (!match?.[1]) return null;
    rest = rest.slice(match[1].length);
    return match[1];
  };
  const province = take(PROVINCE);
  const city = take(CITY);
  const district = city ? take(DISTRICT) : null;
  const isZone = district !== null && ZONE_SUFFIXES.some((z) => district.endsWith(z));
  return { province, city, district: isZone ? null : district };
}

/** "杭州市" → "杭州": addresses often drop the suffix of a city ("杭州西湖区…"). */
const shortName = (division: string) => division.replace(/(省|自治区|市)$/, "");

export type Verdict = { verdict: "inside" | "outside" | "unclear"; place: string; named: string | null };

/**
 * Whether an address lies in an authority's jurisdiction, by the narrowest division the
 * authority's name gives: the district for a district bureau, the city for a city bureau,
 * the province for a provincial one.
 */
export function addressInJurisdiction(authorityName: string, address: string): Verdict {
  const authority = placeOfAuthority(authorityName);
  const text = address.replace(/\s+/g, "");
  const named = placeOfAddress(text);
  const narrowest = authority.district ?? authority.city ?? authority.province;
  if (!narrowest) return { verdict: "unclear", place: authorityName, named: null };

  // Another city named at the start is outside, whatever else the text says (西湖区 exists in
  // 杭州 and in 南昌).
  if (authority.city && named.city && shortName(named.city) !== shortName(authority.city))
    return { verdict: "outside", place: narrowest, named: named.city };
  if (authority.province && named.province && shortName(named.province) !== shortName(authority.province))
    return { verdict: "outside", place: narrowest, named: named.province };

  if (authority.district) {
    if (text.includes(authority.district)) return { verdict: "inside", place: narrowest, named: authority.district };
    if (named.district && named.district !== authority.district)
      return { verdict: "outside", place: narrowest, named: named.district };
    return { verdict: "unclear", place: narrowest, named: named.city ?? named.district };
  }
  if (authority.city) {
    if (text.includes(shortName(authority.city))) return { verdict: "inside", place: narrowest, named: authority.city };
    return { verdict: "unclear", place: narrowest, named: named.district };
  }
  const province = authority.province ?? narrowest;
  if (text.includes(shortName(province))) return { verdict: "inside", place: narrowest, named: province };
  return { verdict: "unclear", place: narrowest, named: named.city ?? named.district };
}
