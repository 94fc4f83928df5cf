# Sourced by backup.sh and restore.sh: the schema owner's database URL, from the environment or .env.
owner_database_url() {
  local url="${MIGRATION_DATABASE_URL:-}"
  if [ -z "$url" ] && [ -f .env ]; then
    url="$(sed -n 's/^MIGRATION_DATABASE_URL=//p' .env | tail -n1 | sed 's/^"\(.*\)"$/\1/')"
  fi
  if [ -z "$url" ]; then
    echo "MIGRATION_DATABASE_URL is not set (the database owner's URL; see .env.example)" >&2
    exit 1
  fi
  printf '%s' "$url"
}
