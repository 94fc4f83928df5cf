import { Link } from "@remix-run/react";
import { formatFen } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { Sport } from "~/modules/registry/sports";

export type PublicCourse = {
  id: string;
  name: string;
  sport: Sport;
  ageMin: number;
  ageMax: number;
  classSize: number;
  lessonMinutes: number;
  lessonCount: number;
  pricePerLessonFen: number;
  online: boolean;
  slots: { weekday: number; startTime: string; endTime: string; venueName: string | null }[];
};

const WEEKDAY_KEYS = {
  1: "weekday.1",
  2: "weekday.2",
  3: "weekday.3",
  4: "weekday.4",
  5: "weekday.5",
  6: "weekday.6",
  7: "weekday.7",
} as const;

function weekdayKey(weekday: number) {
  return WEEKDAY_KEYS[(weekday >= 1 && weekday <= 7 ? weekday : 1) as keyof typeof WEEKDAY_KEYS];
}

/**
 * Courses with their prices (per lesson and for the whole course), ages, class size and weekly
 * times; with `enrollBase` (a registered institution), each course links to its enrollment page.
 */
export function CourseList({ courses, enrollBase = null }: { courses: PublicCourse[]; enrollBase?: string | null }) {
  const { t, locale } = useTranslation();
  const slotTime = (slot: PublicCourse["slots"][number]) => ({
    weekday: t(weekdayKey(slot.weekday)),
    start: slot.startTime,
    end: slot.endTime,
  });
  if (courses.length === 0) return <p className="text-slate-700">{t("public.courses.none")}</p>;
  return (
    <ul className="space-y-3">
      {courses.map((course) => (
        <li key={course.id} className="space-y-2 rounded border border-slate-200 bg-white p-4">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="min-w-0 break-words font-semibold">{course.name}</h3>
            <p className="font-semibold">
              {t("public.courses.pricePerLesson", { price: formatFen(course.pricePerLessonFen, locale) })}
            </p>
          </div>
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
            <dt className="text-slate-600">{t("public.facts.sport")}</dt>
            <dd>
              {t(`sport.${course.sport}`)}
              {course.online ? ` · ${t("public.courses.online")}` : ""}
            </dd>
            <dt className="text-slate-600">{t("public.courses.ages")}</dt>
            <dd>{t("public.courses.ageRange", { min: course.ageMin, max: course.ageMax })}</dd>
            <dt className="text-slate-600">{t("public.courses.classSize")}</dt>
            <dd>{t("public.courses.classSizeValue", { count: course.classSize })}</dd>
            <dt className="text-slate-600">{t("public.courses.lessons")}</dt>
            <dd>
              {t("public.courses.lessonsValue", {
                count: course.lessonCount,
                minutes: course.lessonMinutes,
                total: formatFen(course.pricePerLessonFen * course.lessonCount, locale),
              })}
            </dd>
            <dt className="text-slate-600">{t("public.courses.schedule")}</dt>
            <dd>
              {course.slots.length === 0 ? (
                t("public.none")
              ) : (
                <ul>
                  {course.slots.map((slot) => (
                    <li key={`${slot.weekday}-${slot.startTime}-${slot.venueName ?? ""}`}>
                      {slot.venueName
                        ? t("public.courses.slotAt", { ...slotTime(slot), venue: slot.venueName })
                        : t("public.courses.slot", slotTime(slot))}
                    </li>
                  ))}
                </ul>
              )}
            </dd>
          </dl>
          {enrollBase ? (
            <Link
              to={`${enrollBase}/${course.id}/enroll`}
              className="inline-block rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-900"
            >
              {t("escrowParent.course.enroll")}
              <span className="sr-only"> {course.name}</span>
            </Link>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
