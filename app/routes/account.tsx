import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Alert } from "~/components/ui/alert";
import { PageTitle } from "~/components/ui/page-title";
import { SubmitButton } from "~/components/ui/submit-button";
import { prisma } from "~/lib/db.server";
import { unsafeAsSystem } from "~/lib/db-scope.server";
import { formatDateTime } from "~/lib/format";
import { formFailure } from "~/lib/forms/parse.server";
import { useTranslation } from "~/lib/i18n/use-translation";
import { appendAudit } from "~/modules/audit/append.server";
import { requireViewer } from "~/modules/identity/guards.server";
import { revokeSessions } from "~/modules/identity/session.server";

export { clientLoader, handle } from "~/lib/i18n/workspace-route";

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const sessions = await prisma.userSession.findMany({
    where: { userId: viewer.user.id, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
    select: { id: true, createdAt: true, lastSeenAt: true, userAgent: true, ip: true },
  });
  return {
    user: viewer.user,
    memberships: viewer.memberships,
    sessions: sessions.map((s) => ({ ...s, current: s.id === viewer.sessionId })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await request.formData().catch(() => null);
  if (form?.get("intent") !== "signOutOthers") return formFailure({ fieldErrors: {}, formError: "validation.badForm" });
  const count = await revokeSessions(viewer.user.id, viewer.sessionId);
  await unsafeAsSystem((db) =>
    appendAudit(db, {
      actorUserId: viewer.user.id,
      authorityId: null,
      action: "identity.sessionsRevoked",
      entityType: "user",
      entityId: viewer.user.id,
      after: { count },
    }),
  );
  return { signedOut: count };
}

function workspaceOf(m: { role: string; authority: { slug: string } | null; institution: { id: string } | null }) {
  if (m.role === "PLATFORM_ADMIN") return "/admin";
  if (m.institution) return `/org/${m.institution.id}`;
  if (m.authority) return `/gov/${m.authority.slug}`;
  return null;
}

export default function Account() {
  const { user, memberships, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, locale } = useTranslation();
  return (
    <div className="space-y-8">
      <PageTitle>{t("account.title")}</PageTitle>
      {memberships.some((m) => m.role === "PARENT") ? (
        <section aria-labelledby="enrollments" className="space-y-2 rounded border border-slate-300 bg-white p-4">
          <h2 id="enrollments" className="text-lg font-semibold">
            {t("escrowParent.account.heading")}
          </h2>
          <p className="text-slate-700">{t("escrowParent.account.body")}</p>
          <Link to="/account/enrollments" className="font-medium text-brand-700 underline">
            {t("escrowParent.account.link")}
          </Link>
        </section>
      ) : null}
      {memberships.some((m) => m.role === "PARENT") ? (
        <section aria-labelledby="complaints" className="space-y-2 rounded border border-slate-300 bg-white p-4">
          <h2 id="complaints" className="text-lg font-semibold">
            {t("complaints.account.heading")}
          </h2>
          <p className="text-slate-700">{t("complaints.account.body")}</p>
          <Link to="/account/complaints" className="font-medium text-brand-700 underline">
            {t("complaints.account.link")}
          </Link>
        </section>
      ) : null}
      <section aria-labelledby="profile" className="space-y-2">
        <h2 id="profile" className="text-lg font-semibold">
          {t("account.profile")}
        </h2>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
          <dt className="text-slate-600">{t("field.displayName")}</dt>
          <dd>{user.displayName}</dd>
          <dt className="text-slate-600">{t("field.email")}</dt>
          <dd>{user.email}</dd>
          <dt className="text-slate-600">{t("account.language")}</dt>
          <dd>{user.locale === "en" ? "English" : "简体中文"}</dd>
        </dl>
      </section>
      <section aria-labelledby="roles" className="space-y-2">
        <h2 id="roles" className="text-lg font-semibold">
          {t("account.memberships")}
        </h2>
        {memberships.length === 0 ? (
          <p className="text-slate-700">{t("account.noMemberships")}</p>
        ) : (
          <ul className="space-y-1">
            {memberships.map((m) => {
              const place =
                m.institution?.name ?? (m.authority ? (locale === "en" ? m.authority.nameEn : m.authority.name) : null);
              const to = workspaceOf(m);
              const label = `${t(`role.${m.role}`)}${place ? ` · ${place}` : ""}`;
              return (
                <li key={m.id}>
                  {to ? (
                    <Link to={to} className="text-brand-700 underline">
                      {label}
                    </Link>
                  ) : (
                    label
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="sessions" className="space-y-3">
        <h2 id="sessions" className="text-lg font-semibold">
          {t("account.sessions")}
        </h2>
        {result && "signedOut" in result ? (
          <Alert tone="success">{t("account.signedOutOthers", { count: result.signedOut })}</Alert>
        ) : null}
        {result && "formError" in result && result.formError ? <Alert tone="error">{t(result.formError)}</Alert> : null}
        <ul className="divide-y divide-slate-200 rounded border border-slate-200 bg-white">
          {sessions.map((s) => (
            <li key={s.id} className="p-3">
              <p className="font-medium">
                {s.userAgent ?? "—"} {s.current ? <strong>（{t("account.sessions.current")}）</strong> : null}
              </p>
              <p className="text-sm text-slate-600">
                {t("account.sessions.lastSeen", { time: formatDateTime(s.lastSeenAt, locale) })} · {s.ip ?? "—"}
              </p>
            </li>
          ))}
        </ul>
        <Form method="post">
          <SubmitButton
            name="intent"
            value="signOutOthers"
            tone="secondary"
            pending={navigation.state === "submitting"}
          >
            {t("account.signOutEverywhere")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
