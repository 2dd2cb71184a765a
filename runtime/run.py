"""`make run`: the action server, Rasa and the demo page in the foreground; Ctrl-C stops them all."""

from __future__ import annotations

import os
import signal
import sys
import time

from runtime.stack import Stack, StackConfig, StackError


def main() -> int:
    config = StackConfig(
        rasa_port=int(os.environ.get("RASA_PORT", "5005")),
        action_port=int(os.environ.get("ACTION_PORT", "5055")),
        web_port=int(os.environ.get("WEB_PORT", "8080")),
        host=os.environ.get("BIND_HOST", "127.0.0.1"),
    )
    stack = Stack(config)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        stack.start()
    except StackError as error:
        print(f"could not start: {error}", file=sys.stderr)
        return 1
    print(
        "\nKorea Visa Guide is running\n"
        f"  chat widget demo   http://localhost:{config.web_port}/\n"
        f"  REST               curl -s localhost:{config.rasa_port}/webhooks/rest/webhook "
        '-d \'{"sender":"me","message":"what is the top tier visa?"}\'\n'
        f"  socket.io          http://localhost:{config.rasa_port}/socket.io\n"
        f"  action server      http://localhost:{config.action_port}/health\n"
        f"  API token          {'from RASA_AUTH_TOKEN' if os.environ.get('RASA_AUTH_TOKEN') else stack.auth_token}\n"
        f"  logs               {stack.log_dir}/\n"
        "Ctrl-C stops everything.",
        flush=True,
    )
    try:
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        print("a server stopped; see the logs", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
