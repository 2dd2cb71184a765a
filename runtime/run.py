"""`make run`: the action server, Rasa and the demo page in the foreground; Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable

from runtime.stack import Stack, StackConfig, StackError, die_with_parent


def main() -> int:
    config = StackConfig(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        web_port=int(os.environ.get("WEB_PORT", "8080")),
        host=os.environ.get("BIND_HOST", "127.0.0.1"),
    )
    stack = Stack(config)

    def start() -> str:
        stack.start()
        return banner(config, stack)

    return in_foreground(start, lambda: all(p.poll() is None for p in stack.processes.values()), stack.stop)


def in_foreground(start: Callable[[], str], watch: Callable[[], bool], stop: Callable[[], None]) -> int:
    """Runs `start` (it returns the banner to print), then `watch` every half second while it returns True (False:
    a server stopped, exit 1) until Ctrl-C or SIGTERM (exit 0); `stop` always runs, and a second Ctrl-C cannot
    interrupt it. Shared by `make run` and `make prod` (runtime/prod/run.py)."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    # Ctrl-C stops everything even when started from a shell that ignores SIGINT in background jobs
    # (Python then installs no KeyboardInterrupt handler of its own).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    die_with_parent(signal.SIGTERM)  # `make` killed: stop the servers as on Ctrl-C
    try:
        print(start(), flush=True)
        while watch():
            time.sleep(0.5)
        print("a server stopped; see the logs", file=sys.stderr)
        return 1
    except StackError as error:
        print(f"could not start: {error}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, SystemExit):
        return 0
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl-C must not interrupt the stop
            signal.signal(sig, signal.SIG_IGN)
        print("stopping the servers...", flush=True)
        stop()


def banner(config: StackConfig, stack: Stack) -> str:
    token = "from RASA_AUTH_TOKEN" if os.environ.get("RASA_AUTH_TOKEN") else stack.auth_token
    return (
        "\nKorea Visa Guide is running\n"
        f"  chat widget demo   http://localhost:{config.web_port}/\n"
        f"  REST               curl -s localhost:{config.rasa_port}/webhooks/rest/webhook "
        '-d \'{"sender":"me","message":"what is the top tier visa?"}\'\n'
        f"  socket.io          http://localhost:{config.rasa_port}/socket.io\n"
        f"  action server      http://localhost:{config.action_port}/health\n"
        f"  API token          {token}\n"
        f"  logs               {stack.log_dir}/\n"
        "Ctrl-C stops everything."
    )


if __name__ == "__main__":
    sys.exit(main())
