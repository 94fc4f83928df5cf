import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/**
 * The fault suite's own PostgreSQL cluster and Redis server, on free ports in a temporary
 * directory: it stops and restarts them, so it never touches the machine's shared ones.
 */
/** The newest PostgreSQL installed the Debian way (/usr/lib/postgresql/<major>/bin), unless TIPEI_PG_BIN names one. */
function newestPgBin(): string {
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors[0]) throw new Error(`no PostgreSQL server under ${root}: set TIPEI_PG_BIN to the directory of initdb`);
  return path.join(root, majors[0], "bin");
}
const PG_BIN = process.env.TIPEI_PG_BIN ?? newestPgBin();
const asRoot = process.getuid?.() === 0;

/** initdb and pg_ctl refuse to run as root: they run as the postgres account then. */
function runPg(tool: string, args: string[]): void {
  const command = path.join(PG_BIN, tool);
  if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" });
  else execFileSync(command, args, { stdio: "pipe" });
}

export class OwnPostgres {
  readonly dir = mkdtempSync(path.join(tmpdir(), "tipei-faults-pg-"));
  readonly data = path.join(this.dir, "data");
  constructor(readonly port: number) {}

  init(): void {
    chmodSync(this.dir, 0o777);
    if (asRoot) execFileSync("chown", ["postgres", this.dir]);
    runPg("initdb", ["-D", this.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  }

  start(): void {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    runPg("pg_ctl", [
      "-D",
      this.data,
      "-o",
      options,
      "-l",
      path.join(this.dir, "server.log"),
      "-w",
      "-t",
      "60",
      "start",
    ]);
  }

  stop(): void {
    runPg("pg_ctl", ["-D", this.data, "-m", "fast", "-w", "-t", "60", "stop"]);
  }

  /** Stops it if it runs, and removes the cluster. */
  destroy(): void {
    try {
      this.stop();
    } catch {
      // Not running.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  url(user: string, password: string, database: string): string {
    return `postgresql://${user}:${password}@127.0.0.1:${this.port}/${database}`;
  }

  async superuser(sql: string, database = "postgres"): Promise<void> {
    const client = new pg.Client({ connectionString: this.url("postgres", "", database) });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  }

  /** The roles and database scripts/setup/common.sh creates on a development machine. */
  async createRolesAndDatabase(database: string): Promise<void> {
    await this.superuser(`
      CREATE ROLE tipei LOGIN PASSWORD 'tipei' CREATEDB NOSUPERUSER NOCREATEROLE;
      CREATE ROLE tipei_app LOGIN PASSWORD 'tipei_app' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
      GRANT pg_signal_backend TO tipei;`);
    await this.superuser(`CREATE DATABASE "${database}" OWNER tipei`);
    await this.superuser("ALTER SCHEMA public OWNER TO tipei", database);
  }
}

export class OwnRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const child = spawn(
      "redis-server",
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--maxmemory-policy",
        "noeviction",
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("redis-server did not start")), 10_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}`));
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    this.child = null;
  }
}
