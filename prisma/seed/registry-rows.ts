import type { Prisma } from "~/generated/prisma/client.ts";
import { DEMO_PLACEHOLDER_KEY_PREFIX, demoPlaceholderFor } from "~/lib/storage/demo-placeholders";
import type { DraftContent, RegistrationContent } from "~/modules/registry/content";
import type { FilePurpose } from "~/modules/registry/files-purposes";
import { type ProjectedRows, projectionRows } from "~/modules/registry/projection-rows";
import { publicProfileOf } from "~/modules/registry/public-profile";
import { dateColumn } from "./registry-calendar";
import type { History } from "./registry-history";
import type { RegistryDemoEntry } from "./registry-plan";
import { stableId } from "./stable-id";

/**
 * The rows of one demo institution: what sign-up, the filing services, approval and the
 * projection (app/modules/registry/projection.server.ts) would have left in the database.
 */

export type DemoApplicantAccount = { id: string; email: string; name: string; phone: string };

export type BuiltInstitution = {
  entry: RegistryDemoEntry;
  authorityId: string;
  content: RegistrationContent;
  applicant: DemoApplicantAccount;
  history: History;
};

export type { ProjectedRows };

const json = (value: unknown) => value as Prisma.InputJsonValue;

export function institutionRow(b: BuiltInstitution, registrationNo: string | null): Prisma.InstitutionCreateManyInput {
  const { entry, content, history } = b;
  const registration = history.registration;
  const base = {
    id: entry.id,
    authorityId: b.authorityId,
    // The name given at sign-up; approval rewrites it from the content, which holds the same.
    name: content.entity.name,
    status: history.recorder.status,
    // Spelled out: the bulk insert writes NULL, not the column default, for a missing field.
    sports: [],
    fundsSupervisionEnabled: false,
    createdById: b.applicant.id,
    createdAt: history.createdAt,
    updatedAt: history.recorder.lastChange.getTime() > 0 ? history.recorder.lastChange : history.createdAt,
  };
  if (!registration) return base;
  return {
    ...base,
    registrationNo,
    creditCode: content.entity.creditCode,
    sports: [...new Set([...content.entity.sports, ...content.courses.map((c) => c.sport)])],
    approvedContent: json(content),
    publicProfile: json(publicProfileOf(content)),
    registeredAt: registration.registeredAt,
    approvedAt: registration.approvedAt,
    annualFilingDueOn: dateColumn(registration.annualFilingDueOn),
    // FEE-04: every registered institution has its supervised account, except the planted breaches.
    fundsSupervisionEnabled: entry.breach !== "FEE-04",
  };
}

/** The institution's administrator, as sign-up creates them; signs in with the demo password. */
export function applicantRow(b: BuiltInstitution, passwordHash: string): Prisma.UserCreateManyInput {
  return {
    id: b.applicant.id,
    email: b.applicant.email,
    displayName: b.applicant.name,
    phone: b.applicant.phone,
    locale: "zh-CN",
    passwordHash,
    createdAt: b.history.createdAt,
    updatedAt: b.history.createdAt,
  };
}

export function membershipRow(b: BuiltInstitution): Prisma.MembershipCreateManyInput {
  return {
    id: stableId("membership", `${b.applicant.email}:INSTITUTION_ADMIN`),
    userId: b.applicant.id,
    role: "INSTITUTION_ADMIN",
    authorityId: b.authorityId,
    institutionId: b.entry.id,
    createdAt: b.history.createdAt,
  };
}

/** The rows the approval projection writes for this institution's content. */
export function projectedRows(b: BuiltInstitution): ProjectedRows {
  return projectionRows({ institutionId: b.entry.id, authorityId: b.authorityId }, b.content);
}

type FileRef = { id: string; purpose: FilePurpose; label: string };

function fileRefsOf(content: DraftContent): FileRef[] {
  const refs: FileRef[] = [];
  const add = (id: string | undefined, purpose: FilePurpose, label: string) => {
    if (id) refs.push({ id, purpose, label });
  };
  for (const v of content.venues) add(v.fireSafetyFileId, "venueFireSafety", `${v.name}消防文件`);
  for (const c of content.coaches) {
    add(c.photoFileId, "coachPhoto", `${c.name}照片`);
    for (const cert of c.certificates) add(cert.scanFileId, "certificateScan", `${c.name}证书${cert.number}`);
  }
  const d = content.documents;
  if (d) {
    add(d.businessLicenseFileId, "businessLicense", "营业执照");
    add(d.venueLeaseFileId, "venueLease", "场地租赁合同");
    add(d.fireSafetyAcceptanceFileId, "fireSafetyAcceptance", "消防验收意见书");
    add(d.insurancePolicyFileId, "insurancePolicy", "保险单");
    for (const p of d.highRiskPermits) add(p.fileId, "highRiskPermit", `高危险性体育项目经营许可证${p.number}`);
  }
  return refs;
}

/** A placeholder stored_file (app/lib/storage/demo-placeholders.ts) for every file id any written content refers to. */
export function storedFileRows(b: BuiltInstitution): Prisma.StoredFileCreateManyInput[] {
  const written: DraftContent[] = b.history.recorder.filings.flatMap((f) =>
    [f.draft, f.snapshot]
      .filter((c): c is Prisma.InputJsonValue => c !== undefined && c !== null)
      .map((c) => c as DraftContent),
  );
  if (b.history.registration) written.push(b.content);
  // Uploaded while the first draft was written, a day after sign-up.
  const uploadedAt = new Date(b.history.createdAt.getTime() + 86_400_000);
  const rows = new Map<string, Prisma.StoredFileCreateManyInput>();
  for (const ref of written.flatMap(fileRefsOf)) {
    if (rows.has(ref.id)) continue;
    const placeholder = demoPlaceholderFor(ref.purpose);
    rows.set(ref.id, {
      id: ref.id,
      authorityId: b.authorityId,
      institutionId: b.entry.id,
      purpose: ref.purpose,
      originalName: [...`${ref.label}（演示占位）.${placeholder.extension}`].slice(-255).join(""),
      contentType: placeholder.contentType,
      sizeBytes: placeholder.bytes.length,
      sha256: placeholder.sha256,
      storageKey: `${DEMO_PLACEHOLDER_KEY_PREFIX}${ref.id}`,
      uploadedById: b.applicant.id,
      createdAt: uploadedAt,
    });
  }
  return [...rows.values()];
}
