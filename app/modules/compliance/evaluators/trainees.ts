import type { CourseContent, RegistrationContent } from "~/modules/registry/content";
import { SPORTS, type Sport } from "~/modules/registry/sports";

/**
 * Who is taught where. Ages come from the rules' own wording, not from tenant parameters:
 * VEN-02 concerns "trainees aged 12 or younger"; SCH-03 concerns school-age trainees, taken as
 * 6 to 18 (primary school to the end of senior secondary school). A course concerns an age group
 * when its age range reaches into it: one pupil is enough.
 */
export const CHILD_MAX_AGE = 12;
export const SCHOOL_AGE_FROM = 6;
export const SCHOOL_AGE_TO = 18;
/** Below school age (HRS-06 keeps these learners in the children's pool). */
export const PRESCHOOL_BELOW_AGE = SCHOOL_AGE_FROM;

export function takesChildren(course: CourseContent): boolean {
  return course.ageMin <= CHILD_MAX_AGE;
}

export function takesSchoolAge(course: CourseContent): boolean {
  return course.ageMin <= SCHOOL_AGE_TO && course.ageMax >= SCHOOL_AGE_FROM;
}

export function takesPreschool(course: CourseContent): boolean {
  return course.ageMin < PRESCHOOL_BELOW_AGE;
}

/** Swimming and diving: everyone in the class is in the water. */
export function isWaterSport(sport: Sport): boolean {
  return SPORTS[sport].category === "WATER";
}

export type Slot = CourseContent["slots"][number];
export type PlacedSlot = { course: CourseContent; slot: Slot };

export function slotsOf(content: RegistrationContent): PlacedSlot[] {
  return content.courses.flatMap((course) => course.slots.map((slot) => ({ course, slot })));
}

/**
 * The lessons on a venue's floor: offline courses' slots booked there. An online course's slot
 * may name a studio, but its trainees are at home.
 */
export function lessonsAt(content: RegistrationContent, venueId: string): PlacedSlot[] {
  return slotsOf(content).filter(({ course, slot }) => !course.online && slot.venueId === venueId);
}
