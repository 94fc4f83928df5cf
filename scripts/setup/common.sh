# Shared preparation for scripts/start.sh and scripts/test.sh. Every step is idempotent:
# it checks first and only installs, starts or creates what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

log() { printf '\033[1;34m[tipei]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[tipei]\033[0m %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo "$@"
  else die "need root for: $* (run as root or install sudo)"; fi
}

APT_UPDATED=0
apt_install() {
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand"
  if [ "$APT_UPDATED" -eq 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  log "installing $* (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
  command -v node >/dev/null 2>&1 || die "Node.js 20.19+ is required (https://nodejs.org or apt-get install nodejs)"
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
    || die "Node.js 20.19+ is required; this is $(node --version)"
}

# Installs exactly the locked versions, only when package-lock.json changed since the last install.
# Not `npm ci`: it refuses a lock file without entries for other platforms' optional binaries
# (Biome, Tailwind's oxide, esbuild), and the npm registry these machines reach serves only the
# Linux ones, so npm cannot record the rest. `npm install` against the committed lock installs the
# locked tree; the check after it refuses a lock that had to change, as `npm ci` would.
ensure_node_modules() {
  local stamp=node_modules/.tipei-lock-sha want before
  want="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return; fi
  log "installing dependencies (npm install of the locked versions)"
  before="$want"
  npm install --no-audit --no-fund --loglevel=error
  if [ "$(sha256sum package-lock.json | cut -d' ' -f1)" != "$before" ]; then
    die "package-lock.json is out of date with package.json: run 'npm install' and commit the lock file"
  fi
  echo "$want" > "$stamp"
}

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 >/dev/null 2>&1; }
redis_up() { [ "$(redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null)" = "PONG" ]; }

wait_for() {
  local what=$1 check=$2
  for _ in $(seq 1 60); do "$check" && return 0; sleep 0.5; done
  die "$what did not come up"
}

ensure_postgres() {
  if command -v pg_isready >/dev/null 2>&1 && pg_up; then return; fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then apt_install postgresql postgresql-client; fi
  log "starting PostgreSQL"
  local version; version="$(ls /etc/postgresql | sort -V | tail -n1)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  wait_for PostgreSQL pg_up
}

ensure_redis() {
  if command -v redis-cli >/dev/null 2>&1 && redis_up; then return; fi
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  log "starting Redis"
  as_root redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no >/dev/null
  wait_for Redis redis_up
}

# Runs SQL as a PostgreSQL superuser: over TCP where trust auth allows it, else as the
# postgres OS user through the local socket (Debian's default peer auth).
psql_super() {
  if psql -h 127.0.0.1 -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
  else
    as_root runuser -u postgres -- psql -d postgres -v ON_ERROR_STOP=1 -qtA "$@"
  fi
}

# The schema owner (tipei) may create databases (tests clone a template); the app role
# (tipei_app) owns nothing and cannot bypass row-level security.
ensure_roles_and_database() {
  local db=$1
  psql_super <<SQL >/dev/null
SET client_min_messages = warning;
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tipei') THEN
    CREATE ROLE tipei LOGIN PASSWORD 'tipei' CREATEDB NOSUPERUSER NOCREATEROLE;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'tipei_app') THEN
    CREATE ROLE tipei_app LOGIN PASSWORD 'tipei_app' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
END \$\$;
-- Lets the owner drop a test database that the app role still has sessions in (DROP … WITH (FORCE)).
GRANT pg_signal_backend TO tipei;
-- The app runs short statements: no JIT (app/lib/db.server.ts also asks for it on connecting; the
-- role's default covers connections made through a pooler that drops startup options).
ALTER ROLE tipei_app SET jit = off;
SQL
  if [ "$(psql_super -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" != "1" ]; then
    log "creating database $db"
    psql_super -c "CREATE DATABASE \"$db\" OWNER tipei" >/dev/null
  fi
  psql_super -d "$db" -c "ALTER SCHEMA public OWNER TO tipei" >/dev/null
}

ensure_env_file() {
  if [ -f .env ]; then return; fi
  log "writing .env from .env.example with a fresh SESSION_SECRET"
  local secret; secret="$(node -e 'console.log(require("crypto").randomBytes(32).toString("hex"))')"
  sed "s/^SESSION_SECRET=.*/SESSION_SECRET=$secret/" .env.example > .env
}

# A CJK font for the PDF certificates (and for screenshots of the Chinese UI).
CJK_FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
ensure_cjk_font() {
  [ -f "$CJK_FONT" ] || apt_install fonts-wqy-microhei
}

prepare_common() {
  ensure_node
  ensure_cjk_font
  ensure_node_modules
  ensure_postgres
  ensure_redis
  ensure_env_file
  log "generating the Prisma client"
  npm run -s prisma:generate >/dev/null
}
