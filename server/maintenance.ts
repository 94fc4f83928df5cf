import type { RequestHandler } from "express";

// Still answered during maintenance: the health check (load balancers and operators watch it).
// Static files (the page's stylesheet among them) are served before this middleware runs.
const OPEN_PATHS = new Set(["/healthz"]);
const RETRY_AFTER_SECONDS = 600;

/**
 * The page every request gets while MAINTENANCE_MODE is on: plain HTML in both languages, made
 * without the database or Redis (which may be what is being worked on) and without the app's
 * scripts, with a link to try again.
 */
export const MAINTENANCE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>系统维护中 · Under maintenance · 体培 Tipei</title>
<link rel="stylesheet" href="/maintenance.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<main>
<section aria-labelledby="maintenance-zh">
<h1 id="maintenance-zh">系统维护中</h1>
<p>体培平台正在维护，暂时无法使用。您的数据和资金不受影响，请稍后再试。</p>
<p><a href="/">重新打开首页</a></p>
</section>
<section lang="en" aria-labelledby="maintenance-en">
<h2 id="maintenance-en">Under maintenance</h2>
<p>Tipei is being maintained and is unavailable for a short while. Your data and funds are safe; please try again later.</p>
<p><a href="/">Open the home page again</a></p>
</section>
</main>
</body>
</html>
`;

/** 503 with the maintenance page for every request but the health check, when `on`. */
export function maintenanceMode(on: boolean): RequestHandler {
  return (req, res, next) => {
    if (!on || OPEN_PATHS.has(req.path)) return next();
    res
      .status(503)
      .set("Retry-After", String(RETRY_AFTER_SECONDS))
      .set("Cache-Control", "no-store")
      .type("html")
      .send(MAINTENANCE_HTML);
  };
}
