import { Outlet } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { type ComponentType, createElement } from "react";
import { renderToString } from "react-dom/server";
import type { PrismaClient } from "~/generated/prisma/client.ts";
import type { Locale } from "~/lib/i18n/catalog";
import { createSession } from "~/modules/identity/session.server";
import type { RegistrationContent } from "~/modules/registry/content";
import { type ActingScope, startFiling, submitFiling, updateDraft } from "~/modules/registry/filing.server";
import { stableId } from "../../../../prisma/seed/stable-id";
import { completeContent, creditCodeFor } from "../../../fixtures/registration-content";
import { loadContext, outcome, settle } from "../../../support/remix-calls";

/** Set-up shared by the review tests: institutions with an admin of their own, submitted filings, sessions. */
export const authorityId = (code: string) => stableId("authority", code);
export const userId = (email: string) => stableId("user", email);

export const HANGZHOU_ADMIN = userId("hangzhou.admin@tipei.example");
export const XIHU_INSPECTOR = userId("xihu.inspector@tipei.example");
export const NINGBO_ADMIN = userId("ningbo.admin@tipei.example");
export const ZHEJIANG_ADMIN = userId("zhejiang.admin@tipei.example");

export type TestInstitution = { id: string; name: string; adminEmail: string; applicant: ActingScope };

let serial = 0;

/** A new institution in a district, with an institution admin (who receives the registry emails). */
export async function openInstitution(
  owner: PrismaClient,
  districtCode: string,
  name: string,
): Promise<TestInstitution> {
  serial += 1;
  const adminEmail = `review-applicant-${serial}-${districtCode}@test.example`;
  const institution = await owner.institution.create({ data: { authorityId: authorityId(districtCode), name } });
  const user = await owner.user.create({ data: { email: adminEmail, displayName: `申请人${serial}` } });
  await owner.membership.create({
    data: {
      userId: user.id,
      role: "INSTITUTION_ADMIN",
      authorityId: authorityId(districtCode),
      institutionId: institution.id,
    },
  });
  return {
    id: institution.id,
    name,
    adminEmail,
    applicant: { userId: user.id, authorityId: null, platform: false },
  };
}

/** Files and submits a complete initial registration (through the services, as an institution does). */
export async function submitInitial(
  institution: TestInstitution,
  districtCode: string,
  content: RegistrationContent = completeContent(),
): Promise<string> {
  const filingId = await startFiling(institution.applicant, institution.id, "INITIAL");
  const named: RegistrationContent = {
    ...content,
    entity: { ...content.entity, name: institution.name, creditCode: creditCodeFor(districtCode) },
  };
  await updateDraft(institution.applicant, filingId, "all", () => named);
  await submitFiling(institution.applicant, filingId);
  return filingId;
}

/** Moves a submission into the past, so the queue's waiting time is known. */
export async function submittedDaysAgo(owner: PrismaClient, filingId: string, days: number): Promise<void> {
  await owner.filing.update({
    where: { id: filingId },
    data: { submittedAt: new Date(Date.now() - days * 24 * 60 * 60 * 1000 - 60_000) },
  });
}

const cookies = new Map<string, string>();
export async function cookieFor(user: string): Promise<string> {
  const known = cookies.get(user);
  if (known) return known;
  const cookie = (await createSession(user, { ip: null, userAgent: null })).split(";")[0] ?? "";
  cookies.set(user, cookie);
  return cookie;
}

type RouteFunction = (args: {
  request: Request;
  params: Record<string, string>;
  context: ReturnType<typeof loadContext>;
}) => Promise<unknown>;

/** Calls a loader as `user` (null: signed out) and answers its status and body, thrown responses included. */
export async function callLoader(
  loader: RouteFunction,
  path: string,
  params: Record<string, string>,
  user: string | null,
) {
  const headers = new Headers(user ? { Cookie: await cookieFor(user) } : {});
  const request = new Request(`http://localhost${path}`, { headers });
  return outcome(await settle(() => loader({ request, params, context: loadContext() })));
}

export async function callAction(
  action: RouteFunction,
  path: string,
  params: Record<string, string>,
  user: string | null,
  fields: Record<string, string>,
) {
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (user) headers.set("Cookie", await cookieFor(user));
  const request = new Request(`http://localhost${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers,
  });
  return outcome(await settle(() => action({ request, params, context: loadContext() })));
}

/** Everything a decision writes, counted: a refused decision must leave all of it unchanged. */
export async function writeCounts(owner: PrismaClient, filingId: string) {
  const filing = await owner.filing.findUniqueOrThrow({ where: { id: filingId } });
  return {
    filing: { status: filing.status, reviewer: filing.assignedReviewerId, decidedAt: filing.decidedAt },
    history: await owner.institutionStatusEvent.count({ where: { filingId } }),
    audit: await owner.auditEvent.count({ where: { entityId: filingId } }),
    emails: await owner.emailOutbox.count(),
  };
}

/**
 * Server-renders a route component with its loader's data, as the page would first appear. The
 * Remix stub's RouterProvider uses useLayoutEffect, which React warns about on the server; the
 * real app renders through RemixServer, which does not.
 */
export function renderPage(Page: ComponentType, path: string, url: string, data: unknown, locale: Locale): string {
  const Stub = createRemixStub([
    { id: "root", path: "/", Component: Outlet, children: [{ id: "page", path, Component: Page }] },
  ]);
  const guarded = console.error;
  console.error = (...args: unknown[]) => {
    if (String(args[0]).includes("useLayoutEffect does nothing on the server")) return;
    guarded(...args);
  };
  try {
    return renderToString(
      createElement(Stub, { initialEntries: [url], hydrationData: { loaderData: { root: { locale }, page: data } } }),
    );
  } finally {
    console.error = guarded;
  }
}
