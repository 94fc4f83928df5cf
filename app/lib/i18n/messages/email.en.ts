import type { emailZh } from "./email";

export const emailEn = {
  "email.reset.subject": "Tipei: reset your password",
  "email.reset.body":
    "Hello {name},\n\nWe received a request to reset the password of your Tipei account. Open this link within 30 minutes to choose a new one (it works once):\n\n{link}\n\nIf you did not ask for this, ignore this email: your password stays as it is.\n\nTipei · supervision platform for out-of-school sports training",
  "email.invite.subject": "Tipei: {authority} invites you",
  "email.invite.body":
    "Hello,\n\n{inviter} invites you to join the Tipei regulator workspace of {authority} as {role}. Open this link within 7 days to accept (it works once):\n\n{link}\n\nIf you do not know who sent this, ignore this email.\n\nTipei · supervision platform for out-of-school sports training",
  "mail.title": "Mail viewer (development)",
  "mail.lead":
    "This environment sends no real email: every email the platform writes is here. A real deployment configures SMTP and turns this page off.",
  "mail.empty": "No email yet. Try “Forgot your password?” or invite a colleague.",
  "mail.delivered": "Delivered to the viewer",
  "mail.waiting": "Waiting for delivery",
  "mail.back": "Back to the list",
} as const satisfies Record<keyof typeof emailZh, string>;
