#!/bin/bash
# PostgreSQL 15 for the deployment: on first start (an empty volume) creates the cluster, the user kvg with
# the password of the postgres_password secret, and the databases catalogue and tracker; then runs the server.
set -euo pipefail
SECRETS_DIR=${SECRETS_DIR:-/run/secrets}
password_file="$SECRETS_DIR/postgres_password"
[ -s "$password_file" ] || { echo "kvg-postgres: no secret $password_file" >&2; exit 64; }

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  mkdir -p "$PGDATA"
  chmod 700 "$PGDATA"
  initdb -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=peer --auth-host=scram-sha-256 >/dev/null
  pg_ctl -D "$PGDATA" -o "-c listen_addresses='' -k /run/postgresql" -w start >/dev/null
  psql -v ON_ERROR_STOP=1 -q -h /run/postgresql -U postgres -d postgres \
       -v password="$(tr -d '\r\n' < "$password_file")" <<'SQL'
CREATE ROLE kvg LOGIN PASSWORD :'password';
CREATE DATABASE catalogue OWNER kvg;
CREATE DATABASE tracker OWNER kvg;
SQL
  pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "kvg-postgres: created the cluster with the databases catalogue and tracker" >&2
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -k /run/postgresql -c max_connections="${MAX_CONNECTIONS:-200}"
