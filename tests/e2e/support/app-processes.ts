import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import { PROCESS_LOG_DIR, ROOT_DIR } from "./e2e-environment.ts";

export type ExitStatus = { code: number | null; signal: NodeJS.Signals | null };

export type AppProcess = {
  name: string;
  child: ChildProcess;
  exited: Promise<ExitStatus>;
  /** The last few kilobytes the process wrote (pino logs to stdout, crashes to stderr). */
  recentStderr: () => string;
  recentStdout: () => string;
  logFile: string;
};

const TAIL_CHARS = 8_000;

/** Runs one bundled entry point (build/node/*.js) from the repository root, as production would. */
export function startAppProcess(name: string, script: string, env: NodeJS.ProcessEnv): AppProcess {
  mkdirSync(PROCESS_LOG_DIR, { recursive: true });
  const logFile = path.join(PROCESS_LOG_DIR, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [script], { cwd: ROOT_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    log.write(chunk);
    stdout = (stdout + chunk.toString("utf8")).slice(-TAIL_CHARS);
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    log.write(chunk);
    stderr = (stderr + chunk.toString("utf8")).slice(-TAIL_CHARS);
  });
  const exited = new Promise<ExitStatus>((resolve) => {
    // "close" rather than "exit": by then all output has been read.
    child.once("close", (code, signal) => {
      log.end();
      resolve({ code, signal });
    });
    child.once("error", (error) => {
      stderr += `\n${error.message}`;
      log.end();
      resolve({ code: null, signal: null });
    });
  });
  return { name, child, exited, recentStderr: () => stderr, recentStdout: () => stdout, logFile };
}

export function hasExited(app: AppProcess): boolean {
  return app.child.exitCode !== null || app.child.signalCode !== null;
}

export function describeDeath(app: AppProcess, status: ExitStatus): string {
  const how = status.signal ? `signal ${status.signal}` : `code ${status.code}`;
  return [
    `${app.name} exited with ${how} (full log: ${app.logFile})`,
    `--- stderr ---\n${app.recentStderr().trim() || "(empty)"}`,
    `--- stdout ---\n${app.recentStdout().trim() || "(empty)"}`,
  ].join("\n");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls /healthz until it answers 200; fails at once with the output of any process that died meanwhile. */
export async function waitUntilHealthy(baseURL: string, processes: AppProcess[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  while (Date.now() < deadline) {
    for (const app of processes) {
      if (hasExited(app)) throw new Error(`${app.name} died during start-up:\n${describeDeath(app, await app.exited)}`);
    }
    try {
      const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return;
      last = `HTTP ${response.status}: ${await response.text()}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await sleep(200);
  }
  throw new Error(`${baseURL}/healthz did not answer 200 within ${timeoutMs} ms (last: ${last})`);
}

export type StopResult = ExitStatus & { alreadyExited: boolean; timedOut: boolean };

/** SIGTERM, then the exit status; a process that ignores it for `graceMs` is killed and reported as such. */
export async function stopAppProcess(app: AppProcess, graceMs: number): Promise<StopResult> {
  if (hasExited(app)) return { ...(await app.exited), alreadyExited: true, timedOut: false };
  app.child.kill("SIGTERM");
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<"timed out">((resolve) => {
    timer = setTimeout(() => resolve("timed out"), graceMs);
  });
  const result = await Promise.race([app.exited, grace]);
  clearTimeout(timer);
  if (result !== "timed out") return { ...result, alreadyExited: false, timedOut: false };
  app.child.kill("SIGKILL");
  return { ...(await app.exited), alreadyExited: false, timedOut: true };
}
