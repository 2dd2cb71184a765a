#!/bin/sh
# Redis for the conversation locks: nothing kept on disk; the redis_password secret, when given, is required.
set -eu
conf=/tmp/redis.conf
{
  echo "bind 0.0.0.0"
  echo "port 6379"
  echo "protected-mode no"
  echo 'save ""'
  echo "appendonly no"
  if [ -s "${SECRETS_DIR:-/run/secrets}/redis_password" ]; then
    echo "requirepass $(tr -d '\r\n' < "${SECRETS_DIR:-/run/secrets}/redis_password")"
  fi
} > "$conf"
chmod 600 "$conf"
exec redis-server "$conf"
