import { Precheck } from "~/components/compliance/precheck";
import type { ReviewCompliance as ReviewComplianceData } from "~/modules/registry/review-read.server";

/** The compliance findings of a filing's snapshot: the engine's own view, the one the applicant saw. */
export function ReviewCompliance({ compliance }: { compliance: ReviewComplianceData }) {
  return <Precheck precheck={compliance} audience="reviewer" />;
}
