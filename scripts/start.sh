#!/usr/bin/env bash
# Command 1 of the README: starts the whole product on http://localhost:3000
# (PostgreSQL and Redis, migrations, demo data, production build, web + worker).
source "$(dirname "$0")/setup/common.sh"

prepare_common
ensure_roles_and_database tipei
set -a; source .env; set +a
export NODE_ENV=production
# The demo sends no real email: the mail viewer (/dev/mail) shows what the platform writes.
# A real deployment sets MAIL_TRANSPORT=smtp and leaves the viewer off.
export MAIL_VIEWER="${MAIL_VIEWER:-on}"
log "migrating"; npm run -s db:migrate
log "seeding demo data"; npm run -s db:seed
log "building"; npm run -s build >/dev/null

pids=()
stop() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop INT TERM EXIT
# The worker's heap limit, as in `npm run start:worker`: V8 lets a heap without a limit grow to four
# times what it keeps alive before collecting; with 384 MB it collects at well under twice
# (docs/PERFORMANCE.md, risk-scan).
TIPEI_PROCESS=worker node --max-old-space-size=384 build/node/worker.js & pids+=($!)
# A larger young generation: fewer scavenges under load, the public API's p99 halved (docs/PERFORMANCE.md).
TIPEI_PROCESS=web node --max-semi-space-size=64 build/node/server.js & pids+=($!)
for _ in $(seq 1 60); do curl -fs "http://localhost:${PORT:-3000}/healthz" >/dev/null && break; sleep 0.5; done
npm run -s db:seed -- --print-accounts
log "Tipei is running on http://localhost:${PORT:-3000} (Ctrl-C stops web and worker)"
wait -n "${pids[@]}"
