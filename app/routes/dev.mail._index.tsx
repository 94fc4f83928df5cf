import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { prisma } from "~/lib/db.server";
import { getEnv, mailViewerEnabled } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

// The development mail viewer: every email the platform wrote, newest first.
export async function loader(_args: LoaderFunctionArgs) {
  if (!mailViewerEnabled(getEnv())) throw notFound();
  const emails = await prisma.emailOutbox.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, toAddress: true, subject: true, createdAt: true, sentAt: true },
  });
  return { emails };
}

export default function MailViewer() {
  const { emails } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-6">
      <PageTitle>{t("mail.title")}</PageTitle>
      <Alert tone="info">{t("mail.lead")}</Alert>
      {emails.length === 0 ? (
        <p className="text-slate-700">{t("mail.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {emails.map((e) => (
            <li key={e.id} className="p-3">
              <Link to={`/dev/mail/${e.id}`} className="font-medium text-brand-700 underline">
                {e.subject}
              </Link>
              <span className="block text-sm text-slate-600">
                {e.toAddress} · {formatDateTime(e.createdAt, locale)} ·{" "}
                {t(e.sentAt ? "mail.delivered" : "mail.waiting")}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
