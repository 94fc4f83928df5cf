import type { RequestHandler } from "express";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Signed by their sender and sent without cookies: the signature is their check.
const EXEMPT_PREFIXES = ["/webhooks/"];

/**
 * Refuses a state-changing request whose Origin (or, failing that, Referer) is not this app's own:
 * a cross-site form post or fetch never reaches an action. A request that names neither is a
 * non-browser client, which carries no ambient cookies of ours, unless it says it is cross-site.
 */
export function originCheck(appOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    if (SAFE_METHODS.has(req.method) || EXEMPT_PREFIXES.some((p) => req.path.startsWith(p))) return next();
    const expected = appOrigin ?? `${req.protocol}://${req.get("host") ?? ""}`;
    const origin = req.get("origin") ?? originOf(req.get("referer"));
    const crossSite = req.get("sec-fetch-site") === "cross-site";
    if ((origin === undefined && !crossSite) || origin === expected) return next();
    res
      .status(403)
      .type("text/plain; charset=utf-8")
      .send("跨站请求已被拒绝：请从本站页面提交。\nCross-site request refused: submit from this site's own pages.");
  };
}

function originOf(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "null";
  }
}
