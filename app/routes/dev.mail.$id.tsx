import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { PageTitle } from "~/components/ui/page-title";
import { prisma } from "~/lib/db.server";
import { getEnv, mailViewerEnabled } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import { useTranslation } from "~/lib/i18n/use-translation";
import { notFound } from "~/modules/identity/guards.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

export async function loader({ params }: LoaderFunctionArgs) {
  if (!mailViewerEnabled(getEnv())) throw notFound();
  const id = z.uuid().safeParse(params.id);
  if (!id.success) throw notFound();
  const email = await prisma.emailOutbox.findUnique({ where: { id: id.data } });
  if (!email) throw notFound();
  return { email };
}

const LINK = /(https?:\/\/[^\s]+)/g;

export default function MailMessage() {
  const { email } = useLoaderData<typeof loader>();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-4">
      <Link to="/dev/mail" className="text-brand-700 underline">
        {t("mail.back")}
      </Link>
      <PageTitle>{email.subject}</PageTitle>
      <p className="text-sm text-slate-600">
        {email.toAddress} · {formatDateTime(email.createdAt, locale)}
      </p>
      <pre className="whitespace-pre-wrap rounded border border-slate-200 bg-white p-4 font-sans">
        {email.textBody.split(LINK).map((part, i) =>
          // split() with a capture group puts the links at odd positions.
          i % 2 === 1 ? (
            <a key={part} href={part} className="text-brand-700 underline break-all">
              {part}
            </a>
          ) : (
            part
          ),
        )}
      </pre>
    </div>
  );
}
