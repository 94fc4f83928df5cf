import pg from "pg";
import type { Logger } from "pino";
import type { Env } from "~/lib/env.server";
import { relayOutboxBatch, trimRelayedOutbox } from "~/lib/jobs/outbox-relay.server";

export type RunningRelay = { close: () => Promise<void> };

const POLL_MS = 1_000;
const TRIM_EVERY_MS = 3_600_000;

/**
 * Moves committed jobs from the job outbox to BullMQ: woken by NOTIFY when a transaction that
 * wrote jobs commits, and every second besides (a lost listener connection or a Redis outage
 * only delays the jobs). Any number of worker processes run one each.
 */
export function startOutboxRelay(env: Env, logger: Logger): RunningRelay {
  let stopped = false;
  let wake: (() => void) | null = null;
  let listener: pg.Client | null = null;
  let lastTrim = 0;

  const nudge = () => {
    wake?.();
  };

  async function listen(): Promise<void> {
    if (stopped || listener) return;
    const client = new pg.Client({ connectionString: env.DATABASE_URL, connectionTimeoutMillis: 3_000 });
    listener = client;
    client.on("notification", nudge);
    client.on("error", (error) => {
      logger.warn({ err: error }, "outbox listener lost; polling until it is back");
      if (listener === client) listener = null;
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      await client.query("LISTEN job_outbox");
    } catch (error) {
      logger.warn({ err: error }, "outbox listener could not connect; polling");
      if (listener === client) listener = null;
      await client.end().catch(() => undefined);
    }
  }

  async function pass(): Promise<boolean> {
    const outcome = await relayOutboxBatch();
    if (outcome.redisDown) return false;
    if (Date.now() - lastTrim > TRIM_EVERY_MS) {
      lastTrim = Date.now();
      await trimRelayedOutbox();
    }
    // A full batch: more may wait; go again at once.
    return outcome.relayed + outcome.rejected >= 100;
  }

  const loop = (async () => {
    let failing = false;
    while (!stopped) {
      await listen();
      let again = false;
      try {
        again = await pass();
        if (failing) logger.info("outbox relay running again");
        failing = false;
      } catch (error) {
        if (!failing) logger.warn({ err: error }, "outbox relay pass failed; retrying every second");
        failing = true;
      }
      if (again || stopped) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, POLL_MS);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    async close() {
      stopped = true;
      nudge();
      await loop;
      await listener?.end().catch(() => undefined);
    },
  };
}
