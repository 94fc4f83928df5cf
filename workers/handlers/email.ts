import { getEnv } from "~/lib/env.server";
import { enqueue } from "~/lib/queue.server";
import { deliverEmail, undeliveredEmails } from "~/modules/notifications/deliver.server";
import { deliveryJobId } from "~/modules/notifications/outbox.server";
import { createMailTransport, type MailTransport } from "~/modules/notifications/transport.server";

let transport: MailTransport | undefined;

export async function sendEmail(emailId: string): Promise<void> {
  const env = getEnv();
  transport ??= createMailTransport(env);
  const outcome = await deliverEmail(emailId, transport, env.MAIL_FROM);
  // Another worker holds the row right now; let BullMQ retry later rather than report success.
  if (outcome === "busy") throw new Error(`email ${emailId} is being delivered by another worker`);
}

const RELAY_AFTER_MS = 30_000;

export async function relayEmails(): Promise<void> {
  for (const email of await undeliveredEmails(RELAY_AFTER_MS)) {
    await enqueue("send-email", { v: 1, emailId: email.id }, { jobId: deliveryJobId(email.id, email.attempts) });
  }
}
