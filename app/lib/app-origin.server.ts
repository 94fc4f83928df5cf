import { getEnv } from "./env.server";

/** The origin links in emails point to: the configured one, else the one the request came in on. */
export function appOrigin(request: Request): string {
  return getEnv().APP_ORIGIN ?? new URL(request.url).origin;
}
