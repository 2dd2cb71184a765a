#!/bin/bash
# nginx for the orchestrated deployment (deploy/nginx/nginx.conf). Writes the demo page for PUBLIC_URL, then
# runs nginx and, every second, the upstream servers from DNS: the orchestrator's replicas of Rasa and the
# action servers (RASA_HOSTS, ACTION_HOSTS: names that resolve to every replica, e.g. tasks.rasa with
# Swarm's endpoint_mode dnsrr, or a headless Service in Kubernetes). A change reloads nginx gracefully.
set -euo pipefail
PUBLIC_URL=${PUBLIC_URL:-http://localhost:8000}
RASA_HOSTS=${RASA_HOSTS:-tasks.rasa}
ACTION_HOSTS=${ACTION_HOSTS:-tasks.actions}
RASA_PORT=${RASA_PORT:-5005}
ACTION_PORT=${ACTION_PORT:-5055}
RUN=/run/kvg
SHARE=/usr/share/kvg

if ! [[ $PUBLIC_URL =~ ^(https?)://([A-Za-z0-9.-]+(:[0-9]+)?)(/[A-Za-z0-9._~/-]*)?$ ]]; then
  echo "kvg-nginx: PUBLIC_URL must be an absolute http(s) URL like https://chat.example, got '$PUBLIC_URL'" >&2
  exit 64
fi
scheme=${BASH_REMATCH[1]}
netloc=${BASH_REMATCH[2]}
PUBLIC_URL=${PUBLIC_URL%/}

mkdir -p "$RUN/www" "$RUN/tmp"
for page in "$SHARE"/www/*.html; do
  sed "s#__RASA_PUBLIC_URL__#$PUBLIC_URL#g" "$page" > "$RUN/www/$(basename "$page")"
done
csp=$(sed "s#__NETLOC__#$netloc#g" "$SHARE/csp-$scheme.txt")
echo "add_header Content-Security-Policy \"$csp\" always;" > "$RUN/csp.conf"

# One `server` line per address the name has now; a closed port when it has none yet (nginx then answers
# with the apology, and the next pass fills it in).
servers() {  # name port parameters
  local addresses
  addresses=$(getent ahostsv4 "$1" 2>/dev/null | awk '{print $1}' | sort -u || true)
  if [ -z "$addresses" ]; then
    echo "server 127.0.0.1:9 $3;"
  else
    for address in $addresses; do echo "server $address:$2 $3;"; done
  fi
}

write_upstreams() {  # prints "changed" when a file changed
  local changed=""
  servers "$RASA_HOSTS" "$RASA_PORT" "max_fails=1 fail_timeout=2s" > "$RUN/upstream-rasa.conf.new"
  servers "$ACTION_HOSTS" "$ACTION_PORT" "max_fails=0" > "$RUN/upstream-actions.conf.new"
  for name in rasa actions; do
    if ! cmp -s "$RUN/upstream-$name.conf.new" "$RUN/upstream-$name.conf"; then
      mv "$RUN/upstream-$name.conf.new" "$RUN/upstream-$name.conf"
      changed=yes
    fi
  done
  [ -z "$changed" ] || echo changed
}

write_upstreams > /dev/null
nginx -c /etc/kvg/nginx.conf -t -q
nginx -c /etc/kvg/nginx.conf &
pid=$!
trap 'kill -QUIT "$pid" 2>/dev/null; wait "$pid"; exit 0' TERM INT QUIT
echo "kvg-nginx: serving $PUBLIC_URL; rasa: $(tr '\n' ' ' < "$RUN/upstream-rasa.conf")" >&2
while kill -0 "$pid" 2>/dev/null; do
  sleep "${DNS_POLL_SECONDS:-1}" & wait $! || true
  if [ -n "$(write_upstreams)" ]; then
    echo "kvg-nginx: replicas changed; rasa: $(tr '\n' ' ' < "$RUN/upstream-rasa.conf")" \
         "actions: $(tr '\n' ' ' < "$RUN/upstream-actions.conf")" >&2
    nginx -c /etc/kvg/nginx.conf -t -q && kill -HUP "$pid"
  fi
done
wait "$pid"
