#!/usr/bin/env bash
# Command 2 of the README (and all of .ci/run): every check and every test.
source "$(dirname "$0")/setup/common.sh"

prepare_common
ensure_roles_and_database tipei
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi

rm -f test-results/vitest.json test-results/e2e.json
log "typecheck"; npm run -s typecheck
log "lint"; npm run -s lint
log "unit and integration tests"; npx vitest run
log "building for end-to-end tests"; npm run -s build >/dev/null
log "end-to-end tests"; npx playwright test
log "scale-out test (two webs, two workers)"; npm run -s test:scale
log "fault suite"; npm run -s test:faults
log "all tests passed"
npx tsx scripts/test-summary.ts
