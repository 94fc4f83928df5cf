#!/usr/bin/env bash
# Restores a backup made by backup.sh into an empty database, then checks the copy.
# Usage: scripts/db/restore.sh <file> [owner database URL]
# The target defaults to MIGRATION_DATABASE_URL (environment or .env). It must exist, be owned by
# the schema owner (tipei) and hold no tables: create it with
#   CREATE DATABASE tipei_restored OWNER tipei;
# The roles are cluster-wide and not in the dump: tipei and tipei_app must exist first
# (scripts/setup/common.sh creates them). Restoring as the owner keeps the owner of every object
# and every grant to tipei_app, and row-level security stays on: no --no-owner, no --no-acl.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/db/database-url.sh

file="${1:?usage: scripts/db/restore.sh <file> [owner database URL]}"
url="${2:-$(owner_database_url)}"
[ -f "$file" ] || { echo "no backup at $file" >&2; exit 1; }

psql_at() { psql --no-password --dbname="$url" -v ON_ERROR_STOP=1 -qtA "$@"; }
tables="$(psql_at -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
if [ "$tables" != "0" ]; then
  echo "the target database already has $tables tables: restore into a new, empty database" >&2
  exit 1
fi

# One transaction: a restore that fails half-way leaves the database empty, not half-written.
# Triggers and constraints are created after the data (pg_dump's post-data section), so the rows
# arrive as they were, audit hashes included, and nothing is re-chained.
pg_restore --no-password --exit-on-error --single-transaction --dbname="$url" "$file"

# The copy must hold what the original promised: an unbroken audit chain and a balanced ledger.
broken="$(psql_at -c "SELECT coalesce(audit_verify_chain()::text, '') ")"
unbalanced="$(psql_at -c "SELECT count(*) FROM (SELECT transaction_id FROM ledger_entry
  GROUP BY transaction_id HAVING sum(amount_fen) <> 0) t")"
negative="$(psql_at -c "SELECT count(*) FROM (SELECT a.id FROM ledger_account a JOIN ledger_entry e ON e.account_id = a.id
  WHERE a.kind <> 'PROVIDER_CLEARING' GROUP BY a.id HAVING sum(e.amount_fen) < 0) t")"
if [ -n "$broken" ] || [ "$unbalanced" != "0" ] || [ "$negative" != "0" ]; then
  echo "restored, but the copy does not verify: audit chain broken at ${broken:-none}," \
    "$unbalanced unbalanced transactions, $negative negative accounts" >&2
  exit 2
fi
echo "restored $file: audit chain verified, every ledger transaction balances, no account is negative"
