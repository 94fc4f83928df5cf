import { type DraftContent, FILING_STEPS, type FilingStep, submissionProblems } from "./content";

/** Which steps of a draft are done, for the progress shown on every step. */
export function stepsDone(draft: DraftContent): Record<FilingStep, boolean> {
  const blocking = new Set(submissionProblems(draft).map((p) => p.step));
  return {
    entity: draft.entity !== undefined,
    venues: draft.venues.length > 0 && !blocking.has("venues"),
    staff: draft.coaches.length > 0 && draft.safetyStaff !== undefined,
    courses: draft.courses.length > 0 && !blocking.has("courses"),
    documents: draft.documents !== undefined && !blocking.has("documents"),
    review: blocking.size === 0,
  };
}

export function progressPercent(draft: DraftContent): number {
  const done = stepsDone(draft);
  const steps = FILING_STEPS.filter((s) => s !== "review");
  return Math.round((steps.filter((s) => done[s]).length / steps.length) * 100);
}
