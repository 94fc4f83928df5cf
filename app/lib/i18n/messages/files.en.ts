import type { filesZh } from "./files";

export const filesEn = {
  "files.purpose.businessLicense": "Business licence",
  "files.purpose.venueLease": "Venue lease or proof of ownership",
  "files.purpose.fireSafetyAcceptance": "Fire-safety acceptance or filing",
  "files.purpose.insurancePolicy": "Insurance policy",
  "files.purpose.highRiskPermit": "High-risk sports operating permit",
  "files.purpose.venueFireSafety": "Venue fire-safety document",
  "files.purpose.certificateScan": "Certificate scan",
  "files.purpose.coachPhoto": "Coach photo",
  "files.hint.document": "PDF, JPG, PNG or WebP, at most 10 MB.",
  "files.hint.photo": "JPG, PNG or WebP, at most 5 MB; the photo is shown on the institution's public profile.",
  "files.open": "Open file",
  "validation.upload.empty": "The file is empty. Choose it again.",
  "validation.upload.type": "Only PDF, JPG, PNG or WebP files are accepted (judged by their content, not their name).",
  "validation.upload.photoType": "Photos must be JPG, PNG or WebP (judged by their content, not their name).",
  "validation.upload.tooLarge": "The file is larger than 10 MB. Compress it or split it, then upload again.",
  "validation.upload.photoTooLarge": "The photo is larger than 5 MB. Compress it, then upload again.",
  "validation.upload.malformed": "The file is incomplete or damaged. Export or scan it again, then upload it.",
  "validation.upload.requestTooLarge": "Too much was uploaded at once. Upload the files in several steps.",
} as const satisfies Record<keyof typeof filesZh, string>;
