import { expect, test } from "./support/fixtures.ts";

type Health = {
  status: string;
  db: string;
  redis: string;
  heartbeatAt: string | null;
  workerStale: boolean;
};

test("/healthz reports the database, Redis and a running worker", async ({ request }) => {
  const readHealth = async (): Promise<Health> => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(response.headers()["cache-control"]).toBe("no-store");
    return (await response.json()) as Health;
  };

  const first = await readHealth();
  expect(first).toMatchObject({ status: "ok", db: "ok", redis: "ok" });

  // The worker's job scheduler fires every second (HEARTBEAT_EVERY_MS=1000 in global setup).
  await expect.poll(async () => (await readHealth()).heartbeatAt, { timeout: 10_000 }).not.toBeNull();
  const beating = await readHealth();
  expect(beating.workerStale).toBe(false);
  const seen = beating.heartbeatAt ?? "";
  expect(Math.abs(Date.now() - Date.parse(seen))).toBeLessThan(30_000);

  // A second run proves the schedule repeats, not just that one job ran once.
  await expect
    .poll(async () => Date.parse((await readHealth()).heartbeatAt ?? ""), { timeout: 10_000 })
    .toBeGreaterThan(Date.parse(seen));
});
