// Load for the HTTP benchmarks: autocannon's programmatic API, many paths, and a different client
// address per request (X-Forwarded-For, trusted by the app as behind one proxy) so the per-IP
// rate limit counts every request without refusing the benchmark. Every answer must be a 2xx:
// a run that saw anything else (a 429, a 404, a 503) or a socket error fails the benchmark.
import autocannon from "autocannon";

export type LoadFigures = {
  rps: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  /** Answers by HTTP status, to tell a 429 from a 503 when a run fails. */
  statuses: Record<string, number>;
};

let clientSerial = 0;
/** 10.0.0.1, 10.0.0.2, …: each request its own address, each address one request a run. */
function nextClientIp(): string {
  clientSerial += 1;
  return `10.${(clientSerial >> 16) & 255}.${(clientSerial >> 8) & 255}.${clientSerial & 255}`;
}

export async function load(
  baseUrl: string,
  paths: string[],
  options: { connections?: number; seconds?: number } = {},
): Promise<LoadFigures> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections ?? 64,
    duration: options.seconds ?? 20,
    requests: [
      {
        setupRequest(request) {
          next = (next + 1) % paths.length;
          return {
            ...request,
            path: paths[next],
            headers: { ...request.headers, "x-forwarded-for": nextClientIp(), "accept-encoding": "gzip" },
          };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    statuses: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count])),
  };
}

export function assertAllOk(name: string, figures: LoadFigures): void {
  if (figures.total === 0 || figures.non2xx > 0 || figures.errors > 0) {
    throw new Error(
      `${name}: ${figures.non2xx} non-2xx answers and ${figures.errors} errors of ${figures.total} (by status: ${JSON.stringify(figures.statuses)})`,
    );
  }
}

export function describeFigures(name: string, f: LoadFigures): string {
  return `${name.padEnd(6)} ${f.rps.toFixed(0).padStart(6)} req/s  p50 ${f.p50} ms  p99 ${f.p99} ms  (${f.total} requests)`;
}
