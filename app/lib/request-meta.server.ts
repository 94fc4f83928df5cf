import type { AppLoadContext } from "@remix-run/node";

/** Who is calling, for rate limits and the audit trail. */
export function requestMeta(
  request: Request,
  context: AppLoadContext,
): { ip: string | null; userAgent: string | null } {
  return { ip: context.clientIp ?? null, userAgent: request.headers.get("User-Agent") };
}
