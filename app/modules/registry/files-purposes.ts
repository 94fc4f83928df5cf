import type { MessageKey } from "~/lib/i18n/catalog";
import type { SniffedType } from "~/lib/storage/file-signature";

/**
 * What each uploaded file is for (stored_file.purpose), which formats and how many bytes it may
 * have, and the messages for refusals. Shared with the browser (limits for hints and the
 * `accept` attribute), so nothing here may import server code.
 */
export const FILE_PURPOSES = [
  "businessLicense",
  "venueLease",
  "fireSafetyAcceptance",
  "insurancePolicy",
  "highRiskPermit",
  "venueFireSafety",
  "certificateScan",
  "coachPhoto",
  "rectificationEvidence",
  // Inspectors' photos during an inspection: regulators only, never the institution.
  "inspectionPhoto",
] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export function isFilePurpose(value: unknown): value is FilePurpose {
  return typeof value === "string" && (FILE_PURPOSES as readonly string[]).includes(value);
}

/** Scans and photos of documents. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** Coach photos are shown publicly (STF-04) and need not be large. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"] as const satisfies readonly SniffedType[];
export const DOCUMENT_TYPES = ["application/pdf", ...PHOTO_TYPES] as const satisfies readonly SniffedType[];

/**
 * Limits for a filing step's multipart form (`parseMultipartForm`): no part larger than a
 * document, and at most four documents' worth per request — the documents step's four files.
 * The whole request is held in memory while it is checked, so these bound each request's memory;
 * more files (high-risk permits) go in further requests.
 */
export const UPLOAD_FORM_LIMITS = {
  maxPartBytes: MAX_DOCUMENT_BYTES,
  maxTotalBytes: 4 * MAX_DOCUMENT_BYTES + 256 * 1024,
};

export type UploadKind = "photo" | "document";

export function uploadKindOf(purpose: FilePurpose): UploadKind {
  return purpose === "coachPhoto" || purpose === "inspectionPhoto" ? "photo" : "document";
}

export const UPLOAD_RULES: Record<UploadKind, { maxBytes: number; types: readonly SniffedType[]; accept: string }> = {
  photo: {
    maxBytes: MAX_PHOTO_BYTES,
    types: PHOTO_TYPES,
    accept: ".jpg,.jpeg,.png,.webp,image/jpeg,image/png,image/webp",
  },
  document: {
    maxBytes: MAX_DOCUMENT_BYTES,
    types: DOCUMENT_TYPES,
    accept: ".pdf,.jpg,.jpeg,.png,.webp,application/pdf,image/jpeg,image/png,image/webp",
  },
};

export type UploadRefusal = "empty" | "tooLarge" | "type" | "malformed";

const REFUSAL_MESSAGES: Record<UploadKind, Record<UploadRefusal, MessageKey>> = {
  photo: {
    empty: "validation.upload.empty",
    tooLarge: "validation.upload.photoTooLarge",
    type: "validation.upload.photoType",
    malformed: "validation.upload.malformed",
  },
  document: {
    empty: "validation.upload.empty",
    tooLarge: "validation.upload.tooLarge",
    type: "validation.upload.type",
    malformed: "validation.upload.malformed",
  },
};

export function refusalMessage(purpose: FilePurpose, refusal: UploadRefusal): MessageKey {
  return REFUSAL_MESSAGES[uploadKindOf(purpose)][refusal];
}

/** The hint shown beside a file input of this purpose. */
export function uploadHint(purpose: FilePurpose): MessageKey {
  return uploadKindOf(purpose) === "photo" ? "files.hint.photo" : "files.hint.document";
}
