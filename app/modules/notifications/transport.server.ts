import nodemailer from "nodemailer";
import type { Env } from "~/lib/env.server";

export type MailMessage = { from: string; to: string; subject: string; text: string };
export type MailTransport = { name: "outbox" | "smtp"; send: (message: MailMessage) => Promise<void> };

/** SMTP when configured; otherwise emails stay in the outbox, readable in the mail viewer. */
export function createMailTransport(env: Env): MailTransport {
  if (env.MAIL_TRANSPORT === "smtp" && env.SMTP_URL) {
    const smtp = nodemailer.createTransport(env.SMTP_URL);
    return {
      name: "smtp",
      async send(message) {
        await smtp.sendMail(message);
      },
    };
  }
  return { name: "outbox", send: async () => {} };
}
