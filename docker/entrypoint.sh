#!/bin/sh
# The image's entrypoint: `docker run agno-migrate [command] [options]`. With no command (or only
# options) it runs `up`, the deploy step; `DATABASE_URL` or `AGNO_DB_URL` names the database.
set -eu
case "${1:-}" in
  '' | -*) set -- up "$@" ;;
esac
exec agno-migrate "$@"
