#!/bin/sh
# Starts a Rasa replica (`start.sh rasa`) or an action server (`start.sh actions`) in a container.
# Secrets are files (Docker or Kubernetes secrets under $SECRETS_DIR, /run/secrets by default), never
# environment variables of the deployment: postgres_password, redis_password (optional), rasa_auth_token.
# Addresses: POSTGRES_HOST (postgres), REDIS_HOST (redis), ACTION_SERVER_URL (http://nginx:5054/webhook).
# DATABASE_URL, TRACKER_DB_URL and REDIS_URL, when set, are used as they are.
set -eu
SECRETS_DIR=${SECRETS_DIR:-/run/secrets}

secret() {  # the secret's value without a trailing newline, empty when there is none
  if [ -r "$SECRETS_DIR/$1" ]; then tr -d '\r\n' < "$SECRETS_DIR/$1"; fi
}
quote() {
  python -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}

pg_password=$(quote "$(secret postgres_password)")
pg="postgresql://${POSTGRES_USER:-kvg}:${pg_password}@${POSTGRES_HOST:-postgres}:${POSTGRES_PORT:-5432}"
export DATABASE_URL="${DATABASE_URL:-$pg/catalogue}"
export TRACKER_DB_URL="${TRACKER_DB_URL:-$pg/tracker}"
redis_password=$(secret redis_password)
redis_auth=""
[ -z "$redis_password" ] || redis_auth=":$(quote "$redis_password")@"
export REDIS_URL="${REDIS_URL:-redis://${redis_auth}${REDIS_HOST:-redis}:${REDIS_PORT:-6379}/1}"
export ACTION_SERVER_URL="${ACTION_SERVER_URL:-http://nginx:5054/webhook}"

case "${1:-rasa}" in
  rasa)
    RASA_AUTH_TOKEN=$(secret rasa_auth_token)
    export RASA_AUTH_TOKEN
    exec deploy/rasa-entrypoint.sh
    ;;
  actions)
    # the catalogue YAML into PostgreSQL (migrations first; one replica at a time; nothing when unchanged)
    python deploy/container/load_catalogue.py
    exec python -m rasa_sdk --actions actions --port "${ACTION_PORT:-5055}"
    ;;
  *)
    echo "usage: start.sh rasa|actions" >&2
    exit 64
    ;;
esac
