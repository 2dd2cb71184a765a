"""`make prod`: the production topology in the foreground; Ctrl-C or SIGTERM stops everything.

A server that dies is reported and started again; nginx sends its traffic to the other instance meanwhile.
"""

from __future__ import annotations

import os
import signal
import sys
import time

from runtime.prod.topology import ProdConfig, ProdStack
from runtime.stack import StackError, die_with_parent


def banner(stack: ProdStack) -> str:
    c = stack.config
    token = "from RASA_AUTH_TOKEN" if os.environ.get("RASA_AUTH_TOKEN") else stack.auth_token
    return (
        "\nKorea Visa Guide (production topology) is running\n"
        f"  demo page and widget  {stack.public_url}/\n"
        f"  REST                  curl -s localhost:{c.port}/webhooks/rest/webhook "
        '-d \'{"sender":"me","message":"what is the top tier visa?"}\'\n'
        f"  health                {stack.public_url}/health\n"
        f"  a tracker             {stack.public_url}/conversations/<sender>/tracker?token=<API token>\n"
        f"  Rasa                  {', '.join(str(p) for p in c.rasa_ports)}; action servers "
        f"{', '.join(str(p) for p in c.action_ports)} (behind nginx on {c.actions_proxy_port})\n"
        f"  PostgreSQL            {c.host}:{c.postgres_port} (cluster in {stack.postgres.data_dir}, password in "
        f"{stack.postgres.secrets_dir}/)\n"
        f"  Redis (locks)         {stack.redis.url}\n"
        f"  API token             {token}\n"
        f"  logs                  {c.work_dir / 'logs'}/ and {c.work_dir}/instance-*/logs/\n"
        "Ctrl-C stops everything."
    )


def main() -> int:
    stack = ProdStack(ProdConfig.from_environment())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    die_with_parent(signal.SIGTERM)  # `make` killed: stop the servers as on Ctrl-C
    try:
        stack.start()
        print(banner(stack), flush=True)
        while True:
            time.sleep(1)
            for name in stack.restart_dead():
                print(f"{name} had stopped: started it again (see the logs)", file=sys.stderr, flush=True)
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


if __name__ == "__main__":
    sys.exit(main())
