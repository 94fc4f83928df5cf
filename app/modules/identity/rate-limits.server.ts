import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { getEnv } from "~/lib/env.server";
import { getRedis } from "~/lib/redis.server";

/**
 * Attempts allowed per window. Login counts every attempt per IP and failures per account (a
 * success clears the account's count); password reset and sign-up count every request.
 */
export const LIMITS = {
  loginIp: { points: 30, duration: 15 * 60 },
  loginAccount: { points: 5, duration: 15 * 60 },
  resetIp: { points: 10, duration: 60 * 60 },
  resetAccount: { points: 3, duration: 60 * 60 },
  signupIp: { points: 10, duration: 60 * 60 },
  publicApiIp: { points: 120, duration: 60 },
  // The search page reads the registry as the API's search does (a broad search not cached reads
  // every match): the same allowance, counted apart so a page and a script do not share it.
  publicSearchPageIp: { points: 120, duration: 60 },
} as const;
export type LimitName = keyof typeof LIMITS;

const limiters = new Map<LimitName, RateLimiterRedis>();

function limiter(name: LimitName): RateLimiterRedis {
  let found = limiters.get(name);
  if (!found) {
    const { points, duration } = LIMITS[name];
    found = new RateLimiterRedis({
      storeClient: getRedis(),
      keyPrefix: `${getEnv().REDIS_PREFIX}:rl:${name}`,
      points,
      duration,
      // While Redis is down, each process keeps counting in memory rather than letting everyone through.
      insuranceLimiter: new RateLimiterMemory({ points, duration }),
    });
    limiters.set(name, found);
  }
  return found;
}

/** Seconds until the caller may try again, or null when within the limit. */
export type Verdict = number | null;

function retryAfter(res: RateLimiterRes): number {
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

/** Counts one attempt; returns the wait when this one is over the limit. */
export async function consume(name: LimitName, key: string): Promise<Verdict> {
  try {
    await limiter(name).consume(key);
    return null;
  } catch (error) {
    if (error instanceof RateLimiterRes) return retryAfter(error);
    throw error;
  }
}

/** Whether the limit is already used up, without counting. */
export async function exhausted(name: LimitName, key: string): Promise<Verdict> {
  const res = await limiter(name).get(key);
  if (res && res.consumedPoints >= LIMITS[name].points) return retryAfter(res);
  return null;
}

export async function clear(name: LimitName, key: string): Promise<void> {
  await limiter(name).delete(key);
}

export function longest(...verdicts: Verdict[]): Verdict {
  const waits = verdicts.filter((v): v is number => v !== null);
  return waits.length > 0 ? Math.max(...waits) : null;
}
