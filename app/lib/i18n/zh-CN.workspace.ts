import { auditZh } from "./messages/audit";
import { calendarZh } from "./messages/calendar";
import { complaintsZh } from "./messages/complaints";
import { complianceZh } from "./messages/compliance";
import { complianceEvidenceZh } from "./messages/compliance-evidence";
import { emailZh } from "./messages/email";
import { escrowZh } from "./messages/escrow";
import { escrowGovZh } from "./messages/escrow-gov";
import { escrowOrgZh } from "./messages/escrow-org";
import { escrowParentZh } from "./messages/escrow-parent";
import { filesZh } from "./messages/files";
import { filingZh } from "./messages/filing";
import { govZh } from "./messages/gov";
import { inspectionZh } from "./messages/inspection";
import { poolSafetyZh } from "./messages/pool-safety";
import { progressZh } from "./messages/progress";
import { rectificationZh } from "./messages/rectification";
import { registryZh } from "./messages/registry";
import { reviewZh } from "./messages/review";
import { riskZh } from "./messages/risk";
import { settingsZh } from "./messages/settings";

/**
 * Every other message: the workspaces (gov, org, account, admin), which load these before they
 * render (workspace-route.ts).
 */
export const zhCNWorkspace = {
  ...govZh,
  ...filingZh,
  ...filesZh,
  ...registryZh,
  ...auditZh,
  ...emailZh,
  ...settingsZh,
  ...riskZh,
  ...reviewZh,
  ...rectificationZh,
  ...complianceEvidenceZh,
  ...poolSafetyZh,
  ...complianceZh,
  ...calendarZh,
  ...escrowZh,
  ...escrowParentZh,
  ...complaintsZh,
  ...escrowOrgZh,
  ...escrowGovZh,
  ...inspectionZh,
  ...progressZh,
} as const;

export type WorkspaceMessageKey = keyof typeof zhCNWorkspace;
