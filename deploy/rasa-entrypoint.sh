#!/bin/sh
# Starts one production Rasa instance in a container: the messaging channels whose variables are set
# (runtime/credentials.py), the production endpoints (deploy/endpoints.yml), the API token and CORS origins
# from the environment. Variables: RASA_AUTH_TOKEN (required), CORS_ORIGINS, RASA_PORT (5005), and those of
# deploy/endpoints.yml: ACTION_SERVER_URL, TRACKER_DB_URL, REDIS_URL.
set -eu
: "${RASA_AUTH_TOKEN:?set RASA_AUTH_TOKEN}"
python -c 'import pathlib, runtime.credentials as c; c.write_active_credentials(pathlib.Path("credentials.yml"), pathlib.Path("/tmp/credentials.yml"))'
exec python -m runtime.prod.rasa_server run \
    --model models/current.tar.gz \
    --port "${RASA_PORT:-5005}" \
    --enable-api --auth-token="$RASA_AUTH_TOKEN" \
    --credentials /tmp/credentials.yml \
    --endpoints deploy/endpoints.yml \
    --cors "${CORS_ORIGINS:-http://localhost:8000}"
