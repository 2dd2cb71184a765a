#!/bin/bash
# The Docker daemon and the single-node swarm of `make swarm` / `make swarm-down` (mk/swarm.mk).
#   swarm.sh dockerd-up     start dockerd when none answers (PID in $SWARM_DIR/dockerd.pid)
#   swarm.sh dockerd-down   stop dockerd, only if dockerd-up started it, by that PID
#   swarm.sh up             swarm on loopback, secrets, `docker stack deploy`, wait until nginx answers
#   swarm.sh logs           every service's output into $SWARM_DIR/logs/ (make test-swarm, on a failure)
#   swarm.sh down           remove the stack, leave the swarm, then dockerd-down
set -euo pipefail
SWARM_DIR=${SWARM_DIR:-var/swarm}
STACK=${KVG_STACK:-kvg}
PORT=${KVG_PORT:-8000}
DATA_ROOT=${KVG_DOCKER_ROOT:-$HOME/.cache/korea-visa-guide/docker}
WAIT=${SWARM_WAIT_SECONDS:-300}
PIDFILE="$SWARM_DIR/dockerd.pid"
mkdir -p "$SWARM_DIR"

log() { echo "swarm: $*"; }

ours() {  # the dockerd we started is still running
  [ -s "$PIDFILE" ] && kill -0 "$(cat "$PIDFILE")" 2>/dev/null \
    && [ "$(cat /proc/"$(cat "$PIDFILE")"/comm 2>/dev/null)" = dockerd ]
}

dockerd_up() {
  if docker info >/dev/null 2>&1; then
    ours && log "dockerd (PID $(cat "$PIDFILE"), started by make) answers" || log "using the running Docker daemon"
    return 0
  fi
  rm -f "$PIDFILE"
  mkdir -p "$DATA_ROOT"
  log "starting dockerd (data in $DATA_ROOT, log $SWARM_DIR/dockerd.log)"
  setsid dockerd --data-root "$DATA_ROOT" > "$SWARM_DIR/dockerd.log" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for _ in $(seq 120); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { tail -20 "$SWARM_DIR/dockerd.log"; rm -f "$PIDFILE"; return 1; }
    sleep 0.5
  done
  log "dockerd did not answer within 60 s"; tail -20 "$SWARM_DIR/dockerd.log"; return 1
}

dockerd_down() {
  if ! ours; then
    rm -f "$PIDFILE"
    log "dockerd was not started by make swarm: left running"
    return 0
  fi
  local pid
  pid=$(cat "$PIDFILE")
  log "stopping dockerd (PID $pid)"
  kill -TERM "$pid"
  for _ in $(seq 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  rm -f "$PIDFILE"
}

secret() {  # name: the Docker secret kvg_<name> from $SWARM_DIR/secrets/<name> (random on first use, mode 600)
  local file="$SWARM_DIR/secrets/$1"
  mkdir -p "$SWARM_DIR/secrets"
  chmod 700 "$SWARM_DIR/secrets"
  [ -s "$file" ] || (umask 077; openssl rand -hex 24 | tr -d '\n' > "$file")
  docker secret inspect "kvg_$1" >/dev/null 2>&1 || docker secret create "kvg_$1" "$file" >/dev/null
}

all_replicas() {  # every service runs as many replicas as it should
  docker stack services "$STACK" --format '{{.Replicas}}' | awk -F/ '$1 != $2 {bad=1} END {exit bad}'
}

answers() {  # a real answer through nginx, not the apology
  curl -fsS -m 5 -o /dev/null "http://127.0.0.1:$PORT/health" 2>/dev/null \
    && curl -sS -m 30 "http://127.0.0.1:$PORT/webhooks/rest/webhook" \
         -d '{"sender":"swarm-up","message":"what is the top tier visa?"}' 2>/dev/null | grep -q 'Top-Tier'
}

up() {
  dockerd_up
  if [ "$(docker info -f '{{.Swarm.LocalNodeState}}')" != active ]; then
    log "initialising a single-node swarm on 127.0.0.1"
    docker swarm init --advertise-addr 127.0.0.1 --listen-addr 127.0.0.1:2377 >/dev/null
  fi
  if ! docker stack ps "$STACK" >/dev/null 2>&1 && ss -ltn "sport = :$PORT" | grep -q LISTEN; then
    log "port $PORT is taken by another program (make prod?): stop it or set KVG_PORT"; return 1
  fi
  if [ ! -s "$SWARM_DIR/secrets/postgres_password" ] && docker volume inspect "${STACK}_pgdata" >/dev/null 2>&1; then
    log "removing the volume ${STACK}_pgdata: its password is not in $SWARM_DIR/secrets any more"
    docker volume rm "${STACK}_pgdata" >/dev/null
  fi
  for name in postgres_password redis_password rasa_auth_token; do secret "$name"; done
  # the images `make images` built, by a tag naming their content: a rebuilt image rolls its services
  if [ -s "${IMAGES_DIR:-var/images}/images.env" ]; then set -a; . "${IMAGES_DIR:-var/images}/images.env"; set +a; fi
  log "deploying deploy/stack.yml as '$STACK'"
  docker stack deploy --resolve-image never --prune -c deploy/stack.yml "$STACK" >/dev/null
  local deadline=$((SECONDS + WAIT))
  until all_replicas && answers; do
    if [ $SECONDS -gt $deadline ]; then
      log "the stack did not answer on port $PORT within $WAIT s:"
      docker stack ps --no-trunc "$STACK" | head -30
      return 1
    fi
    sleep 1
  done
  log "the stack answers through nginx on http://127.0.0.1:$PORT/ (token: $SWARM_DIR/secrets/rasa_auth_token)"
  docker stack services "$STACK" --format '  {{.Name}} {{.Replicas}} {{.Image}}'
}

logs() {
  mkdir -p "$SWARM_DIR/logs"
  for service in $(docker stack services "$STACK" --format '{{.Name}}' 2>/dev/null); do
    docker service logs --timestamps --raw "$service" > "$SWARM_DIR/logs/$service.log" 2>&1 || true
  done
  docker stack ps --no-trunc "$STACK" > "$SWARM_DIR/logs/tasks.txt" 2>&1 || true
  log "the services' output is in $SWARM_DIR/logs/"
}

down() {
  if docker info >/dev/null 2>&1; then
    if docker stack ps "$STACK" >/dev/null 2>&1; then
      log "removing the stack '$STACK'"
      docker stack rm "$STACK" >/dev/null
      # the network goes only when its containers have stopped
      for _ in $(seq 120); do
        [ -z "$(docker ps -q --filter "label=com.docker.stack.namespace=$STACK")" ] \
          && ! docker network inspect "${STACK}_backend" >/dev/null 2>&1 && break
        sleep 0.5
      done
    fi
    if [ "$(docker info -f '{{.Swarm.LocalNodeState}}')" = active ]; then
      log "leaving the swarm"
      docker swarm leave --force >/dev/null
    fi
  fi
  dockerd_down
}

case "${1:-}" in
  dockerd-up) dockerd_up ;;
  dockerd-down) dockerd_down ;;
  up) up ;;
  logs) logs ;;
  down) down ;;
  *) echo "usage: swarm.sh dockerd-up|dockerd-down|up|logs|down" >&2; exit 64 ;;
esac
