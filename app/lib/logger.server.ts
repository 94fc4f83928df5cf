import pino from "pino";
import { getEnv } from "./env.server";

/** One structured logger per process. Never log personal data or job payloads. */
export const logger = pino({
  level: getEnv().LOG_LEVEL,
  base: { service: process.env.TIPEI_PROCESS ?? "web" },
  redact: { paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'], remove: true },
});
