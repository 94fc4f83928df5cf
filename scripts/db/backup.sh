#!/usr/bin/env bash
# Writes a backup of the Tipei database in pg_dump's custom format (compressed, restorable table by
# table with pg_restore). Usage: scripts/db/backup.sh [file]   (default: backups/tipei-<UTC time>.dump)
# The database is MIGRATION_DATABASE_URL (the schema owner's URL) from the environment or .env:
# the owner reads every row, since row-level security does not apply to a table's owner.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/db/database-url.sh

url="$(owner_database_url)"
file="${1:-backups/tipei-$(date -u +%Y%m%dT%H%M%SZ).dump}"
mkdir -p "$(dirname "$file")"
# Written under a temporary name and moved at the end, so a failed dump never looks like a backup.
pg_dump --format=custom --no-password --dbname="$url" --file="$file.partial"
mv "$file.partial" "$file"
echo "backup written: $file ($(du -h "$file" | cut -f1))"
