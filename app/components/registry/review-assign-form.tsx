import { Form, useNavigation } from "@remix-run/react";
import { useId } from "react";
import { SubmitButton } from "~/components/ui/submit-button";
import { useTranslation } from "~/lib/i18n/use-translation";
import type { ReviewerCandidate } from "~/modules/registry/review-queue.server";
import { mayAssign, type ReviewerRole } from "~/modules/registry/review-rights";

/**
 * Assigns a filing to a reviewer. An admin chooses among the eligible regulators; an inspector
 * can only take an unassigned filing for themselves, so they get one button.
 */
export function ReviewAssignForm({
  action,
  filingId,
  assignedReviewerId,
  candidates,
  viewer,
}: {
  action: string;
  filingId: string;
  assignedReviewerId: string | null;
  candidates: ReviewerCandidate[];
  viewer: { id: string; role: ReviewerRole };
}) {
  const { t, locale } = useTranslation();
  const navigation = useNavigation();
  const selectId = useId();
  const pending =
    navigation.state === "submitting" &&
    navigation.formData?.get("intent") === "assign" &&
    navigation.formData?.get("filingId") === filingId;

  if (viewer.role !== "REGULATOR_ADMIN") {
    if (!mayAssign(viewer.role, viewer.id, assignedReviewerId, viewer.id) || assignedReviewerId === viewer.id)
      return null;
    return (
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="assign" />
        <input type="hidden" name="filingId" value={filingId} />
        <input type="hidden" name="reviewerId" value={viewer.id} />
        <SubmitButton tone="secondary" pending={pending}>
          {t("govReview.assign.takeIt")}
        </SubmitButton>
      </Form>
    );
  }
  if (candidates.length === 0) return <p className="text-sm text-slate-700">{t("govReview.assign.noCandidates")}</p>;
  return (
    <Form method="post" action={action} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="intent" value="assign" />
      <input type="hidden" name="filingId" value={filingId} />
      <div>
        <label htmlFor={selectId} className="block text-sm font-medium text-slate-800">
          {t("govReview.assign.label")}
        </label>
        <select
          id={selectId}
          name="reviewerId"
          required
          defaultValue={assignedReviewerId ?? ""}
          className="mt-1 block rounded border border-slate-400 bg-white px-2 py-1 text-slate-900"
        >
          <option value="">{t("govReview.assign.choose")}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {t("govReview.candidate", {
                name: c.displayName,
                authority: locale === "en" ? c.authorityNameEn : c.authorityName,
                role: t(`role.${c.role}`),
              })}
            </option>
          ))}
        </select>
      </div>
      <SubmitButton tone="secondary" pending={pending}>
        {t("govReview.assign.submit")}
      </SubmitButton>
    </Form>
  );
}
