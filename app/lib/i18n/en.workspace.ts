import { auditEn } from "./messages/audit.en";
import { calendarEn } from "./messages/calendar.en";
import { complaintsEn } from "./messages/complaints.en";
import { complianceEn } from "./messages/compliance.en";
import { complianceEvidenceEn } from "./messages/compliance-evidence.en";
import { emailEn } from "./messages/email.en";
import { escrowEn } from "./messages/escrow.en";
import { escrowGovEn } from "./messages/escrow-gov.en";
import { escrowOrgEn } from "./messages/escrow-org.en";
import { escrowParentEn } from "./messages/escrow-parent.en";
import { filesEn } from "./messages/files.en";
import { filingEn } from "./messages/filing.en";
import { govEn } from "./messages/gov.en";
import { inspectionEn } from "./messages/inspection.en";
import { poolSafetyEn } from "./messages/pool-safety.en";
import { progressEn } from "./messages/progress.en";
import { rectificationEn } from "./messages/rectification.en";
import { registryEn } from "./messages/registry.en";
import { reviewEn } from "./messages/review.en";
import { riskEn } from "./messages/risk.en";
import { settingsEn } from "./messages/settings.en";
import type { WorkspaceMessageKey } from "./zh-CN.workspace";

export const enWorkspace = {
  ...govEn,
  ...filingEn,
  ...filesEn,
  ...registryEn,
  ...auditEn,
  ...emailEn,
  ...settingsEn,
  ...riskEn,
  ...reviewEn,
  ...rectificationEn,
  ...complianceEvidenceEn,
  ...poolSafetyEn,
  ...complianceEn,
  ...calendarEn,
  ...escrowEn,
  ...escrowParentEn,
  ...complaintsEn,
  ...escrowOrgEn,
  ...escrowGovEn,
  ...inspectionEn,
  ...progressEn,
} as const satisfies Record<WorkspaceMessageKey, string>;
