"""`make run`: the action server, Rasa and the demo page in the foreground; Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import sys
import time

from runtime.stack import Stack, StackConfig, StackError, die_with_parent


def main() -> int:
    config = StackConfig(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        web_port=int(os.environ.get("WEB_PORT", "8080")),
        host=os.environ.get("BIND_HOST", "127.0.0.1"),
    )
    stack = Stack(config)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    die_with_parent(signal.SIGTERM)  # `make` killed: stop the servers as on Ctrl-C
    try:
        stack.start()
        print(banner(config, stack), flush=True)
        while all(p.poll() is None for p in stack.processes.values()):
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
        stack.stop()


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
