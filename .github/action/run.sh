#!/usr/bin/env bash
# The GitHub Action's step (action.yml): installs the CLI with the one dialect and driver the
# database URL needs, through npx, and runs the command. Inputs arrive as environment variables.
set -euo pipefail

url="${AGNO_ACTION_DATABASE_URL:?the database-url input is required}"
version="${AGNO_ACTION_VERSION:-latest}"
command="${AGNO_ACTION_COMMAND:-up}"

case "$url" in
  postgres://* | postgresql://*) dialect=dialect-postgres driver=pg ;;
  mysql://* | mariadb://*) dialect=dialect-mysql driver=mysql2 ;;
  singlestore://*) dialect=dialect-singlestore driver=mysql2 ;;
  sqlite:* | *.db | *.sqlite | *.sqlite3) dialect=dialect-sqlite driver=better-sqlite3 ;;
  *) echo "::error::agno-migrate: cannot tell the database from the database-url input (postgres://, mysql://, mariadb://, singlestore:// or sqlite:<path>)" >&2; exit 2 ;;
esac

args=("$command")
[[ -n "${AGNO_ACTION_SCHEMA:-}" ]] && args+=(--schema "$AGNO_ACTION_SCHEMA")
# Extra arguments, split on whitespace as a shell would (no globbing).
if [[ -n "${AGNO_ACTION_ARGS:-}" ]]; then
  read -r -a extra <<<"$AGNO_ACTION_ARGS"
  args+=("${extra[@]}")
fi

# The URL travels in the environment, never on a command line a process listing would show.
export AGNO_DB_URL="$url"
exec npx --yes \
  --package="@agno-migrate/cli@$version" \
  --package="@agno-migrate/$dialect@$version" \
  --package="$driver" \
  -- agno-migrate "${args[@]}"
