import type { Weekday } from "~/modules/tenancy/parameters";
import type { ResolvedSettings } from "~/modules/tenancy/resolve-settings";
import type { EvaluatorTable } from "../evaluator";
import type { Finding } from "../finding";
import type { InstitutionSnapshot } from "../snapshot";
import { courseEntity, finding, notApplicable, slotEntity, switchable } from "./findings";
import { intervalOf, minutesOf, overlaps } from "./time";
import { type PlacedSlot, slotsOf, takesSchoolAge } from "./trainees";

/** Schedule (SCH): each weekly lesson time of each course against the tenant's limits. */

const slotValues = ({ course, slot }: PlacedSlot) => ({
  course: course.name,
  weekday: slot.weekday,
  start: slot.startTime,
  end: slot.endTime,
});

/** A lesson ending exactly at the limit is in time. */
function endsBy(rule: "SCH-01" | "SCH-02", online: boolean, limitKey: "SCH-01.offlineEndBy" | "SCH-02.onlineEndBy") {
  return (s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] => {
    const lessons = slotsOf(s.content).filter(({ course }) => course.online === online);
    if (lessons.length === 0)
      return notApplicable(
        rule,
        s,
        online ? "compliance.evidence.noOnlineCourses" : "compliance.evidence.noOfflineCourses",
      );
    const limit = settings.get(limitKey);
    return lessons.map((placed) => {
      const inTime = minutesOf(placed.slot.endTime) <= minutesOf(limit);
      const values = { ...slotValues(placed), limit };
      return finding(
        rule,
        inTime ? "PASS" : "FAIL",
        slotEntity(placed.course, placed.slot),
        inTime ? "compliance.evidence.SCH.endsBy" : "compliance.evidence.SCH.endsAfter",
        values,
      );
    });
  };
}

/** SCH-01: offline lessons end by the limit. */
const sch01 = endsBy("SCH-01", false, "SCH-01.offlineEndBy");
/** SCH-02: online lessons end by the limit. */
const sch02 = endsBy("SCH-02", true, "SCH-02.onlineEndBy");

/**
 * SCH-03: lessons of courses that take school-age trainees (their age range reaches into
 * 6–18) must not overlap the tenant's school-hours window on its school days. Online lessons
 * count too: a pupil cannot attend one during class either. The schedule is weekly, so the
 * window is judged by weekday; the tenant's holiday calendar (which frees some weekdays) would
 * only turn failures into passes on those days, and a weekly lesson recurs on ordinary weeks.
 * A lesson ending exactly when school starts, or starting when it ends, does not overlap.
 */
const sch03 = switchable("SCH-03", (s, settings) => {
  const lessons = slotsOf(s.content).filter(({ course }) => takesSchoolAge(course));
  if (lessons.length === 0) return notApplicable("SCH-03", s, "compliance.evidence.SCH-03.noSchoolAge");
  const window = settings.get("SCH-03.schoolHours");
  return lessons.map((placed) => {
    const { course, slot } = placed;
    const clash =
      window.days.includes(slot.weekday as Weekday) &&
      overlaps(intervalOf(slot), {
        weekday: slot.weekday,
        start: minutesOf(window.from),
        end: minutesOf(window.to),
      });
    const values = {
      ...slotValues(placed),
      ageMin: course.ageMin,
      ageMax: course.ageMax,
      from: window.from,
      to: window.to,
    };
    return finding(
      "SCH-03",
      clash ? "FAIL" : "PASS",
      slotEntity(course, slot),
      clash ? "compliance.evidence.SCH-03.fail" : "compliance.evidence.SCH-03.pass",
      values,
    );
  });
});

/**
 * SCH-04: an online course's lessons last at most the limit. The break between lessons cannot
 * be read from a schedule (a slot is one lesson; what happens between lessons on other days is
 * not recorded), so it is not judged — except that a slot longer than the longest lesson allowed
 * holds several lessons in a row, and whether they are broken up is unknown: WARNING.
 */
function sch04(s: InstitutionSnapshot, settings: ResolvedSettings): Finding[] {
  const online = s.content.courses.filter((c) => c.online);
  if (online.length === 0) return notApplicable("SCH-04", s, "compliance.evidence.noOnlineCourses");
  const maximum = settings.get("SCH-04.onlineMaxLessonMinutes");
  const minBreak = settings.get("SCH-04.onlineMinBreakMinutes");
  return online.map((course) => {
    const values = { course: course.name, lessonMinutes: course.lessonMinutes, maximum, minBreak };
    if (course.lessonMinutes > maximum)
      return finding("SCH-04", "FAIL", courseEntity(course), "compliance.evidence.SCH-04.fail", values);
    const long = course.slots.find((slot) => minutesOf(slot.endTime) - minutesOf(slot.startTime) > maximum);
    if (long) {
      return finding("SCH-04", "WARNING", courseEntity(course), "compliance.evidence.SCH-04.longSlot", {
        ...values,
        ...slotValues({ course, slot: long }),
        slotMinutes: minutesOf(long.endTime) - minutesOf(long.startTime),
      });
    }
    return finding("SCH-04", "PASS", courseEntity(course), "compliance.evidence.SCH-04.pass", values);
  });
}

export const SCH_EVALUATORS = {
  "SCH-01": sch01,
  "SCH-02": sch02,
  "SCH-03": sch03,
  "SCH-04": sch04,
} satisfies Partial<EvaluatorTable>;
