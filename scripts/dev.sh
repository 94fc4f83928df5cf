#!/usr/bin/env bash
# Development: rebuilds the Remix app on change and restarts web and worker (not one of the README's two commands).
source "$(dirname "$0")/setup/common.sh"

prepare_common
ensure_roles_and_database tipei
npm run -s db:migrate
npm run -s db:seed
npx remix build >/dev/null
pids=()
trap 'kill -TERM "${pids[@]}" 2>/dev/null || true' INT TERM EXIT
npx remix watch & pids+=($!)
TIPEI_PROCESS=worker npx tsx watch workers/index.ts & pids+=($!)
TIPEI_PROCESS=web npx tsx watch --include build/server/index.js server/index.ts & pids+=($!)
wait -n "${pids[@]}"
