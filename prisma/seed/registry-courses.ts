import type { Faker } from "@faker-js/faker";
import type { CourseContent, VenueContent } from "~/modules/registry/content";
import type { Sport } from "~/modules/registry/sports";
import { hhmmOf } from "./registry-calendar";
import { roadsOf, streetAddress } from "./registry-names";
import type { DemoDistrict, NonComplianceKind } from "./registry-plan";
import { type PlannedSlot, VenueCalendar, weeklySlots } from "./registry-schedule";
import {
  AGE_BANDS,
  type AgeBand,
  BUILDINGS,
  profileOf,
  RESIDENTIAL_COMPOUNDS,
  type SportProfile,
  type VenueKind,
} from "./registry-vocabulary";

/**
 * Venues and courses of one demo institution. Courses are made first, then each venue is sized
 * for its largest class with room to spare: ≥ 6 m² per trainee (VEN-01 asks 5), pools ≥ 3 m² of
 * water per swimmer (HRS-03 asks 2.5), children on floors 1–3 (VEN-02). The planted breaches of
 * STF-01/02, VEN-01/02/03, SCH-01/03 and HRS-03 are applied to the first course and its venue.
 */

type Ids = { venue: (i: number) => string; course: (i: number) => string; slot: (i: number, j: number) => string };

export type VenuesAndCourses = { venues: VenueContent[]; courses: CourseContent[] };

const SCHOOL_DAYS = [1, 2, 3, 4, 5];
/** FEE-03: one payment at most ¥5,000, so a whole course costs at most that. */
const MAX_COURSE_FEN = 5000_00;
/** FEE-02: at most 60 class hours of 45 minutes per payment. */
const MAX_CLASS_HOUR_MINUTES = 60 * 45;
/** FEE-01: a course's lessons fit in 3 months (12 weeks at its weekly lessons). */
const MAX_WEEKS = 12;

function venueLabel(kind: VenueKind, profile: SportProfile): string {
  switch (kind) {
    case "pool":
      return "游泳馆";
    case "divingPool":
      return "跳水馆";
    case "field":
      return `${profile.word}场`;
    case "court":
    case "rink":
      return `${profile.word}馆`;
    case "hall":
      return "训练馆";
    case "room":
      return "教学点";
    case "wall":
      return "攀岩馆";
  }
}

function bandFor(faker: Faker, profile: SportProfile, index: number, breach: NonComplianceKind | null): AgeBand {
  const child = AGE_BANDS[1];
  const older = AGE_BANDS[2];
  const adult = AGE_BANDS[4];
  if (index === 0 && (breach === "VEN-02" || breach === "SCH-03") && child && older) {
    return breach === "VEN-02" ? child : faker.helpers.arrayElement([child, older]);
  }
  if (index === 0 && breach === "SCH-01" && adult) return adult;
  const eligible = AGE_BANDS.filter((b) => b.ageMin >= profile.minAge);
  return faker.helpers.arrayElement(eligible.length > 0 ? eligible : AGE_BANDS);
}

function classOf(faker: Faker, profile: SportProfile, first: boolean, breach: NonComplianceKind | null) {
  if (first && breach === "STF-01") return { classSize: 40, coachesPerClass: 3 };
  if (first && breach === "STF-02") return { classSize: 16, coachesPerClass: 1 };
  if (first && breach === "VEN-01") return { classSize: 30, coachesPerClass: 2 };
  if (first && breach === "HRS-03") return { classSize: 20, coachesPerClass: 2 };
  const classSize = faker.number.int({ min: profile.classSize[0], max: profile.classSize[1] });
  // STF-02: a class of more than 10 needs a second coach.
  return { classSize, coachesPerClass: classSize > 10 ? 2 : 1 };
}

function priceFen(faker: Faker, profile: SportProfile, lessonCount: number, online: boolean): number {
  const [min, max] = online ? [40, 80] : profile.priceYuan;
  const cap = Math.floor(MAX_COURSE_FEN / 100 / lessonCount / 5) * 5;
  const yuan = Math.min(cap, Math.round(faker.number.int({ min, max }) / 5) * 5);
  return yuan * 100;
}

function plantedSlots(faker: Faker, breach: NonComplianceKind | null, minutes: number): PlannedSlot[] {
  const weekday = faker.helpers.arrayElement(SCHOOL_DAYS);
  if (breach === "SCH-01") return [{ weekday, startTime: "19:30", endTime: "21:00" }];
  if (breach === "SCH-03") {
    return [{ weekday, startTime: "14:00", endTime: hhmmOf(14 * 60 + minutes) }];
  }
  return [];
}

export function buildVenuesAndCourses(
  faker: Faker,
  district: DemoDistrict,
  sports: Sport[],
  breach: NonComplianceKind | null,
  ids: Ids,
  fileId: (label: string) => string,
): VenuesAndCourses {
  const primary = profileOf(sports[0] ?? "FOOTBALL");
  const roads = faker.helpers.shuffle([...roadsOf(district.code)]);
  const venueCount =
    primary.venue === "divingPool"
      ? 1
      : primary.venue === "pool"
        ? faker.helpers.weightedArrayElement([
            { weight: 3, value: 1 },
            { weight: 1, value: 2 },
          ])
        : faker.helpers.weightedArrayElement([
            { weight: 11, value: 1 },
            { weight: 6, value: 2 },
            { weight: 3, value: 3 },
          ]);
  const courseCount = Math.max(
    venueCount,
    faker.helpers.weightedArrayElement([
      { weight: 3, value: 1 },
      { weight: 6, value: 2 },
      { weight: 6, value: 3 },
      { weight: 3, value: 4 },
      { weight: 2, value: 5 },
    ]),
  );

  const calendar = new VenueCalendar();
  const courses: CourseContent[] = [];
  const names = new Set<string>();
  for (let i = 0; i < courseCount; i++) {
    const sport = sports[i % sports.length] ?? primary.sport;
    const profile = profileOf(sport);
    // The first courses cover every venue; later chess courses may be taught online.
    const online = i >= venueCount && profile.online === true && faker.number.int({ min: 1, max: 4 }) === 1;
    const venueId = online ? undefined : ids.venue(i % venueCount);
    const band = bandFor(faker, profile, i, breach);
    const { classSize, coachesPerClass } = classOf(faker, profile, i === 0, breach);
    const lessonMinutes =
      i === 0 && breach === "SCH-01" ? 90 : online ? 30 : faker.helpers.arrayElement(profile.lessonMinutes);
    const perWeek = faker.number.int({ min: 1, max: band.prefix === "青少年" ? 3 : 2 });
    const planted = i === 0 ? plantedSlots(faker, breach, lessonMinutes) : [];
    const slots = weeklySlots(faker, calendar, venueId, lessonMinutes, Math.max(perWeek, planted.length), planted);
    const lessonCounts = [8, 10, 12, 15, 16, 20, 24, 30].filter(
      (n) => n <= MAX_WEEKS * slots.length && n * lessonMinutes <= MAX_CLASS_HOUR_MINUTES,
    );
    const lessonCount = faker.helpers.arrayElement(lessonCounts);
    let name = `${band.prefix}${profile.word}${faker.helpers.arrayElement(band.levels)}`;
    if (online) name = `${name}（线上）`;
    for (let n = 2; names.has(name); n++) name = `${band.prefix}${profile.word}${band.levels[0]}${n}期`;
    names.add(name);
    courses.push({
      id: ids.course(i),
      name,
      sport,
      ageMin: band.ageMin,
      ageMax: band.ageMax,
      classSize,
      coachesPerClass,
      lessonMinutes,
      lessonCount,
      pricePerLessonFen: priceFen(faker, profile, lessonCount, online),
      online,
      slots: slots.map((s, j) => ({ id: ids.slot(i, j), venueId, ...s })),
    });
  }

  const venues: VenueContent[] = [];
  for (let v = 0; v < venueCount; v++) {
    const id = ids.venue(v);
    const here = courses.filter((c) => c.slots.some((s) => s.venueId === id));
    const largestClass = Math.max(...here.map((c) => c.classSize));
    const children = here.some((c) => c.ageMin <= 12);
    const road = roads[v % roads.length] ?? "人民路";
    venues.push(
      venueOf(faker, {
        id,
        district,
        profile: primary,
        road,
        largestClass,
        children,
        // The first course always trains in the first venue: the venue breaches go there.
        breach: v === 0 ? breach : null,
        fireSafetyFileId: fileId(`venue-${v}-fire-safety`),
      }),
    );
  }
  return { venues, courses };
}

type VenueInput = {
  id: string;
  district: DemoDistrict;
  profile: SportProfile;
  road: string;
  largestClass: number;
  children: boolean;
  breach: NonComplianceKind | null;
  fireSafetyFileId: string;
};

function venueOf(faker: Faker, input: VenueInput): VenueContent {
  const { profile, largestClass, breach } = input;
  const number = faker.number.int({ min: 1, max: 999 });
  const street = streetAddress(input.district, input.road, number);
  const base = {
    id: input.id,
    name: `${input.road}${venueLabel(profile.venue, profile)}`,
    aed: true,
    residential: false,
    underground: false,
    fireSafetyFileId: input.fireSafetyFileId,
  };
  if (profile.venue === "pool" || profile.venue === "divingPool") {
    const diving = profile.venue === "divingPool";
    let water = Math.max(faker.number.int({ min: profile.area[0], max: profile.area[1] }), 3 * largestClass);
    let training = Math.round((water * faker.number.int({ min: 16, max: 22 })) / 100) * 10;
    if (breach === "HRS-03") {
      water = 45;
      training = 130;
    }
    return {
      ...base,
      address: `${street}${faker.helpers.arrayElement(BUILDINGS)}`,
      trainingAreaM2: training,
      floor: 1,
      isPool: true,
      poolWaterAreaM2: water,
      // Children's training water at most 1.2 m deep (HRS-06); a diving pool is deep throughout.
      poolDepthMinM: diving ? 4.5 : faker.helpers.arrayElement([0.8, 0.9, 1.0]),
      poolDepthMaxM: diving ? 5.5 : input.children ? 1.2 : 1.4,
    };
  }
  let area = Math.max(faker.number.int({ min: profile.area[0], max: profile.area[1] }), 6 * largestClass);
  area = Math.ceil(area / 10) * 10;
  if (breach === "VEN-01") area = 120;
  const indoorUpstairs = profile.venue === "hall" || profile.venue === "room";
  let floor = indoorUpstairs ? faker.number.int({ min: 1, max: 3 }) : 1;
  let underground = false;
  if (breach === "VEN-02") {
    underground = faker.datatype.boolean();
    floor = underground ? -1 : 5;
  }
  const building = faker.helpers.arrayElement(BUILDINGS);
  if (breach === "VEN-03") {
    const compound = faker.helpers.arrayElement(RESIDENTIAL_COMPOUNDS);
    const room = `${floor}0${faker.number.int({ min: 1, max: 4 })}`;
    return {
      ...base,
      name: `${compound}${venueLabel(profile.venue, profile)}`,
      // A flat: just big enough for its largest class.
      trainingAreaM2: Math.max(120, Math.ceil((6 * largestClass) / 10) * 10),
      address: `${street}${compound}${faker.number.int({ min: 1, max: 20 })}幢${faker.number.int({ min: 1, max: 3 })}单元${room}室`,
      residential: true,
      floor,
      isPool: false,
    };
  }
  const where = underground ? `${building}地下一层` : floor > 1 ? `${building}${floor}楼` : "";
  return { ...base, address: `${street}${where}`, trainingAreaM2: area, floor, underground, isPool: false };
}
