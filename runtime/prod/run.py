"""`make prod`: the production topology in the foreground; Ctrl-C or SIGTERM stops everything.

A server that dies is reported and started again; nginx sends its traffic to the other instance meanwhile.
"""

from __future__ import annotations

import os
import sys

from runtime.prod.topology import ProdConfig, ProdStack
from runtime.run import in_foreground


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

    def start() -> str:
        stack.start()
        return banner(stack)

    def watch() -> bool:
        for name in stack.restart_dead():
            print(f"{name} had stopped: started it again (see the logs)", file=sys.stderr, flush=True)
        return True

    return in_foreground(start, watch, stack.stop)


if __name__ == "__main__":
    sys.exit(main())
