import { authEn } from "./messages/auth.en";
import { filingNamesEn } from "./messages/filing.en";
import { registrationStatusEn } from "./messages/gov.en";
import { publicEn } from "./messages/public.en";
import { ruleNamesEn } from "./messages/settings.en";
import type { PublicMessageKey } from "./zh-CN.public";

export const enPublic = {
  ...authEn,
  ...publicEn,
  ...filingNamesEn,
  ...registrationStatusEn,
  ...ruleNamesEn,
  "app.name": "Tipei",
  "app.fullName": "Tipei · Supervision platform for out-of-school sports training",
  "app.tagline": "Every sports training provider open to inspection; every yuan of tuition under supervision.",
  "nav.skipToContent": "Skip to main content",
  "nav.home": "Home",
  "nav.verify": "Verify a provider",
  "home.verify.heading": "Verify before you enrol",
  "home.verify.body":
    "Search by name or registration number, or scan the provider's QR code, to see its registration status, course prices and coaches' qualifications.",
  "locale.switchLabel": "Language",
  "locale.switchTo": "中文",
  "home.title": "Registration, fund supervision and risk monitoring for sports training providers",
  "home.lead":
    "Tipei is where sports bureaus supervise out-of-school sports training institutions: institutions file their registration and sell and record lessons here, parents verify a provider, pay tuition and confirm each lesson here, and regulators review filings, watch compliance and escrowed funds, and inspect by risk.",
  "home.audience.heading": "Three kinds of users, one platform",
  "home.audience.institutions.title": "Institutions",
  "home.audience.institutions.body":
    "File entity, venues, coaches, courses and safety documents, keep them current with change and annual filings, sell courses only through the platform and record every lesson.",
  "home.audience.parents.title": "Parents",
  "home.audience.parents.body":
    "Search or scan a provider's QR code to verify it; tuition is held in escrow and released one lesson at a time as you confirm it; ask for refunds and file complaints.",
  "home.audience.regulators.title": "Regulators",
  "home.audience.regulators.body":
    "Province, city and district sports bureaus review filings, monitor compliance and supervised funds against the standards, and inspect by risk and by random draw.",
  "home.principles.heading": "The rules we hold to",
  "home.principles.escrow":
    "All prepaid fees go into escrow, released lesson by lesson; unconsumed lessons are refundable.",
  "home.principles.standards":
    "Venue, staff, schedule and fee requirements are checked rule by rule against national and local standards, each finding traceable to its source.",
  "home.principles.tenancy": "Each authority sees only the data of its own jurisdiction.",
  "home.status.heading": "Platform status",
  "home.status.body": "System health is published at {path}.",
  "footer.note": "Tipei is a supervision platform; institution details are as approved by the supervising authority.",
  "error.notFound.title": "Page not found",
  "error.notFound.body": "The page you asked for does not exist or has been removed.",
  "error.server.title": "Service temporarily unavailable",
  "error.server.body":
    "Something went wrong on our side. Please try again later; if it persists, contact the platform operators.",
  "error.backHome": "Back to the home page",
  "error.requestId": "Request id: {id}",
} as const satisfies Record<PublicMessageKey, string>;
