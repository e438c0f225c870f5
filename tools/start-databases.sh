#!/usr/bin/env bash
# Makes sure the local PostgreSQL and MariaDB the integration tests use are running, starting them
# the way this machine's services are started when they are down. Idempotent; safe to run twice.
set -uo pipefail

pg_up() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }
maria_up() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 -u root ping >/dev/null 2>&1; }

wait_for() { # name check
  for _ in $(seq 1 30); do "$2" && return 0; sleep 1; done
  echo "start-databases: $1 did not come up" >&2
  return 1
}

if command -v pg_ctlcluster >/dev/null 2>&1 && ! pg_up; then
  echo "start-databases: starting PostgreSQL" >&2
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start || true
  wait_for PostgreSQL pg_up
fi
if pg_up; then
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 ||
    psql -h 127.0.0.1 -U postgres -c 'CREATE DATABASE test' >/dev/null
fi

if command -v mariadbd >/dev/null 2>&1 && ! maria_up; then
  echo "start-databases: starting MariaDB" >&2
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd || true
  wait_for MariaDB maria_up
fi
if maria_up; then
  mariadb --protocol=tcp -h 127.0.0.1 -u root -e 'CREATE DATABASE IF NOT EXISTS test' || true
fi
exit 0
