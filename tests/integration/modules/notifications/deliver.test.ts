import { prisma } from "~/lib/db.server";
import { deliverEmail, undeliveredEmails } from "~/modules/notifications/deliver.server";
import type { MailMessage, MailTransport } from "~/modules/notifications/transport.server";

function recordingTransport(fail = false): MailTransport & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    name: "smtp",
    sent,
    async send(message) {
      await new Promise((r) => setTimeout(r, 20));
      if (fail) throw new Error("SMTP 451 try again later");
      sent.push(message);
    },
  };
}

async function outboxEmail(): Promise<string> {
  const row = await prisma.emailOutbox.create({
    data: { toAddress: "someone@tipei.example", subject: "主题", textBody: "正文", kind: "test" },
  });
  return row.id;
}

describe("email delivery from the outbox", () => {
  it("sends once however many jobs ask at the same time or later", async () => {
    const id = await outboxEmail();
    const transport = recordingTransport();
    const outcomes = await Promise.all(
      [1, 2, 3].map(() => deliverEmail(id, transport, "体培 <no-reply@tipei.example>")),
    );
    expect(outcomes.filter((o) => o === "sent")).toHaveLength(1);
    expect(await deliverEmail(id, transport, "x")).toBe("already-sent");
    expect(transport.sent).toEqual([
      { from: "体培 <no-reply@tipei.example>", to: "someone@tipei.example", subject: "主题", text: "正文" },
    ]);
    expect(await prisma.emailOutbox.findUnique({ where: { id } })).toMatchObject({
      transport: "smtp",
      attempts: 1,
      lastError: null,
    });
  });

  it("records a failed attempt and throws so the job retries; the relay then offers it again", async () => {
    const id = await outboxEmail();
    await expect(deliverEmail(id, recordingTransport(true), "x")).rejects.toThrow(/451/);
    const row = await prisma.emailOutbox.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: "SMTP 451 try again later" });
    expect(await undeliveredEmails(0)).toEqual(expect.arrayContaining([{ id, attempts: 1 }]));
    expect(await deliverEmail(id, recordingTransport(), "x")).toBe("sent");
    expect((await undeliveredEmails(0)).some((e) => e.id === id)).toBe(false);
  });

  it("reports an email that does not exist instead of failing", async () => {
    expect(await deliverEmail("00000000-0000-4000-8000-000000000000", recordingTransport(), "x")).toBe("missing");
  });
});
