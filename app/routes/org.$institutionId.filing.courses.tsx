import { type ActionFunctionArgs, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { AddItemLink, ItemList } from "~/components/registry/item-list";
import { Alert } from "~/components/ui/alert";
import { CheckboxField } from "~/components/ui/checkbox-field";
import { SelectField } from "~/components/ui/select-field";
import { SubmitButton } from "~/components/ui/submit-button";
import { TextField } from "~/components/ui/text-field";
import { formatFen } from "~/lib/format";
import { type FieldErrors, formFailure, parseForm } from "~/lib/forms/parse.server";
import type { MessageKey } from "~/lib/i18n/catalog";
import { useTranslation } from "~/lib/i18n/use-translation";
import { dropBlankRows } from "~/modules/registry/blank-rows";
import { type CourseContent, courseSchema } from "~/modules/registry/content";
import { editable, requireFilingContext, saveToDraft } from "~/modules/registry/filing-access.server";
import { blankRowIds, itemBeingEdited, removeItemSchema, upsertById } from "~/modules/registry/list-step.server";
import { SPORT_CODES } from "~/modules/registry/sports";

const BLANK_SLOTS = 3;

/** Prices are typed in yuan (two decimals at most) and stored in fen. */
const yuanToFen = (value: unknown) => {
  if (typeof value !== "string" || value.trim() === "") return value;
  const text = value.trim();
  return /^\d+(\.\d{1,2})?$/.test(text) ? Math.round(Number(text) * 100) : "not-a-price";
};

const courseForm = z.preprocess((raw) => {
  const values = dropBlankRows(raw, "slots", ["weekday", "startTime", "endTime", "venueId"]) as Record<string, unknown>;
  return { ...values, pricePerLessonFen: yuanToFen(values.priceYuan) };
}, courseSchema);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { filing, draft, institution } = await requireFilingContext(request, params.institutionId);
  if (!filing || !draft) throw redirect(`/org/${institution.id}`);
  return {
    courses: draft.courses,
    venues: draft.venues.map((v) => ({ id: v.id, name: v.name })),
    editing: itemBeingEdited(request, draft.courses),
    blankSlotIds: blankRowIds(BLANK_SLOTS),
    editable: editable(filing),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const context = await requireFilingContext(request, params.institutionId);
  const here = `/org/${context.institution.id}/filing/courses`;
  if (new URL(request.url).searchParams.get("intent") === "remove") {
    const parsed = await parseForm(request, removeItemSchema);
    if (!parsed.ok) return formFailure(parsed);
    const saved = await saveToDraft(context, "courses", (d) => ({
      ...d,
      courses: d.courses.filter((c) => c.id !== parsed.data.id),
    }));
    return saved.ok ? redirect(here) : saved.response;
  }
  const parsed = await parseForm(request, courseForm);
  if (!parsed.ok) {
    // The price is typed in yuan: report its error on the field the person sees.
    const { pricePerLessonFen, ...rest } = parsed.fieldErrors;
    return formFailure({ fieldErrors: pricePerLessonFen ? { ...rest, priceYuan: pricePerLessonFen } : rest });
  }
  const venueIds = new Set((context.draft?.venues ?? []).map((v) => v.id));
  if (parsed.data.slots.some((s) => s.venueId !== undefined && !venueIds.has(s.venueId))) {
    return formFailure({ fieldErrors: { slots: ["validation.chooseVenue"] } });
  }
  const saved = await saveToDraft(context, "courses", (d) => ({ ...d, courses: upsertById(d.courses, parsed.data) }));
  return saved.ok ? redirect(here) : saved.response;
}

type ActionResult = { fieldErrors?: FieldErrors; formError?: MessageKey } | undefined;

export default function CoursesStep() {
  const { courses, venues, editing, blankSlotIds, editable: canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  const pending = navigation.state === "submitting";
  const formOpen = canEdit && (editing.item !== null || editing.newId !== null);
  return (
    <div className="space-y-6">
      {result?.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
      {editing.missing ? <Alert tone="error">{t("wizard.notFound")}</Alert> : null}
      <ItemList
        items={courses}
        canEdit={canEdit}
        empty={t("wizard.empty.courses")}
        title={(c) => c.name}
        summary={(c) =>
          t("course.summary", {
            sport: t(`sport.${c.sport}`),
            ages: `${c.ageMin}–${c.ageMax}`,
            price: formatFen(c.pricePerLessonFen, locale),
          })
        }
      />
      {formOpen ? (
        <CourseForm
          key={editing.item?.id ?? editing.newId}
          course={editing.item}
          id={editing.item?.id ?? editing.newId ?? ""}
          venues={venues}
          blankIds={blankSlotIds}
          errorFor={(name) => result?.fieldErrors?.[name]?.[0]}
          pending={pending}
        />
      ) : (
        <AddItemLink canEdit={canEdit} />
      )}
    </div>
  );
}

function CourseForm(props: {
  course: CourseContent | null;
  id: string;
  venues: { id: string; name: string }[];
  blankIds: string[];
  errorFor: (name: string) => MessageKey | undefined;
  pending: boolean;
}) {
  const { course, id, venues, blankIds, errorFor, pending } = props;
  const { t } = useTranslation();
  const slotIds = [...(course?.slots.map((s) => s.id) ?? []), ...blankIds];
  const value = (n: number | undefined) => (n === undefined ? "" : String(n));
  return (
    <Form method="post" className="max-w-3xl space-y-4 rounded border border-slate-300 bg-white p-4">
      <input type="hidden" name="id" value={id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField name="name" label={t("course.name")} defaultValue={course?.name} error={errorFor("name")} />
        <SelectField
          name="sport"
          label={t("course.sport")}
          placeholder=""
          defaultValue={course?.sport ?? ""}
          options={SPORT_CODES.map((s) => ({ value: s, label: t(`sport.${s}`) }))}
          error={errorFor("sport")}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-4">
        <TextField
          name="ageMin"
          inputMode="numeric"
          label={t("course.ageMin")}
          defaultValue={value(course?.ageMin)}
          error={errorFor("ageMin")}
        />
        <TextField
          name="ageMax"
          inputMode="numeric"
          label={t("course.ageMax")}
          defaultValue={value(course?.ageMax)}
          error={errorFor("ageMax")}
        />
        <TextField
          name="classSize"
          inputMode="numeric"
          label={t("course.classSize")}
          defaultValue={value(course?.classSize)}
          error={errorFor("classSize")}
        />
        <TextField
          name="coachesPerClass"
          inputMode="numeric"
          label={t("course.coachesPerClass")}
          defaultValue={value(course?.coachesPerClass)}
          error={errorFor("coachesPerClass")}
        />
        <TextField
          name="lessonMinutes"
          inputMode="numeric"
          label={t("course.lessonMinutes")}
          defaultValue={value(course?.lessonMinutes)}
          error={errorFor("lessonMinutes")}
        />
        <TextField
          name="lessonCount"
          inputMode="numeric"
          label={t("course.lessonCount")}
          defaultValue={value(course?.lessonCount)}
          error={errorFor("lessonCount")}
        />
        <TextField
          name="priceYuan"
          inputMode="decimal"
          label={t("course.price")}
          defaultValue={course ? (course.pricePerLessonFen / 100).toFixed(2) : ""}
          error={errorFor("priceYuan")}
        />
        <div className="pt-7">
          <CheckboxField name="online" label={t("course.online")} defaultChecked={course?.online} />
        </div>
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("course.slots")}</legend>
        <p className="text-sm text-slate-600">{t("course.slots.hint")}</p>
        {errorFor("slots") ? (
          <p className="text-sm text-red-800">{t(errorFor("slots") ?? "validation.invalid")}</p>
        ) : null}
        {slotIds.map((slotId, i) => {
          const slot = course?.slots.find((s) => s.id === slotId);
          return (
            <div key={slotId} className="grid gap-2 sm:grid-cols-4">
              <input type="hidden" name={`slots.${i}.id`} value={slotId} />
              <SelectField
                name={`slots.${i}.weekday`}
                label={t("course.slot.weekday")}
                placeholder=""
                defaultValue={slot ? String(slot.weekday) : ""}
                options={[1, 2, 3, 4, 5, 6, 7].map((d) => ({
                  value: String(d),
                  label: t(`weekday.${d}` as MessageKey),
                }))}
                error={errorFor(`slots.${i}.weekday`)}
              />
              <TextField
                name={`slots.${i}.startTime`}
                type="time"
                label={t("course.slot.startTime")}
                defaultValue={slot?.startTime}
                error={errorFor(`slots.${i}.startTime`)}
              />
              <TextField
                name={`slots.${i}.endTime`}
                type="time"
                label={t("course.slot.endTime")}
                defaultValue={slot?.endTime}
                error={errorFor(`slots.${i}.endTime`)}
              />
              <SelectField
                name={`slots.${i}.venueId`}
                label={t("course.slot.venue")}
                placeholder=""
                defaultValue={slot?.venueId ?? ""}
                options={venues.map((v) => ({ value: v.id, label: v.name }))}
                error={errorFor(`slots.${i}.venueId`)}
              />
            </div>
          );
        })}
      </fieldset>
      <div className="flex gap-2">
        <SubmitButton pending={pending}>{t("wizard.save")}</SubmitButton>
        <Link to="." className="rounded border border-slate-400 px-4 py-2">
          {t("wizard.cancel")}
        </Link>
      </div>
    </Form>
  );
}
