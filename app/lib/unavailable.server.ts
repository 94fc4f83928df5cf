/**
 * Whether an error means PostgreSQL is out of reach for the moment (down, restarting, the pool
 * unable to connect) rather than a fault in the code: such requests answer 503, "try again".
 */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // terminating connection due to administrator command
  "57P02",
  "57P03", // the database system is starting up / shutting down
  "08000",
  "08001",
  "08003",
  "08006",
  "P1001",
  "P1002",
  "P1017",
  "P2024",
]);
const UNAVAILABLE_MESSAGE =
  /ECONNREFUSED|ECONNRESET|Connection terminated|connection (?:is )?closed|terminating connection|database system is (?:starting up|shutting down|in recovery)|Can't reach database|timeout exceeded when trying to connect|Client has encountered a connection error/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const e = error as { code?: unknown; message?: unknown; cause?: unknown; originalCode?: unknown };
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true;
  if (typeof e.originalCode === "string" && UNAVAILABLE_CODES.has(e.originalCode)) return true;
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

// Requests whose loader or action failed because the database was away (see entry.server.tsx).
const unavailableRequests = new WeakSet<Request>();

export function markUnavailable(request: Request): void {
  unavailableRequests.add(request);
}

export function wasUnavailable(request: Request): boolean {
  return unavailableRequests.has(request);
}
