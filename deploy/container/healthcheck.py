"""Health check of a container (Docker HEALTHCHECK, the stack file, Kubernetes exec probes):

    python deploy/container/healthcheck.py rasa      # the model is loaded (GET /status with the API token)
    python deploy/container/healthcheck.py actions   # the action server answers (GET /health)

Exit 0 when healthy, 1 otherwise. Rasa's /webhooks/rest/ answers even before (or without) a model, so the
Rasa check asks /status, which names the loaded model (409 without one).
"""

from __future__ import annotations

import json
import os
import sys
import urllib.parse
import urllib.request
from pathlib import Path


def rasa_ready(port: str) -> bool:
    token_file = Path(os.environ.get("SECRETS_DIR", "/run/secrets")) / "rasa_auth_token"
    token = token_file.read_text().strip() if token_file.exists() else os.environ.get("RASA_AUTH_TOKEN", "")
    query = urllib.parse.urlencode({"token": token})
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/status?{query}", timeout=3) as response:
        status = json.load(response)
    return bool(status.get("model_id")) and bool(status.get("model_file"))


def actions_ready(port: str) -> bool:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=3) as response:
        return json.load(response).get("status") == "ok"


def main(argv: list[str]) -> int:
    role = argv[1] if len(argv) > 1 else "rasa"
    try:
        if role == "rasa":
            return 0 if rasa_ready(os.environ.get("RASA_PORT", "5005")) else 1
        return 0 if actions_ready(os.environ.get("ACTION_PORT", "5055")) else 1
    except (OSError, ValueError) as error:
        print(f"{role} not healthy: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
