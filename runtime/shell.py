"""`make shell`: chat with the assistant in the terminal (the action server runs in the background).

Both servers get free ports (ACTION_PORT and RASA_PORT choose them), so a running `make run` is no obstacle.
"""

from __future__ import annotations

import os
import subprocess
import sys

from runtime.credentials import write_active_credentials
from runtime.stack import ROOT, Stack, StackConfig, StackError, reserved_ports


def main() -> int:
    with reserved_ports(2) as (free_action_port, free_rasa_port):  # held for the whole session
        config = StackConfig(
            action_port=int(os.environ.get("ACTION_PORT") or free_action_port),
            rasa_port=int(os.environ.get("RASA_PORT") or free_rasa_port),
        )
        stack = Stack(config)
        try:
            if not config.model.exists():
                raise StackError(f"no trained model at {config.model}: run `make train`")
            stack.start_actions()
            env = stack.environment()
            credentials = config.work_dir / f"credentials-{config.rasa_port}.yml"
            write_active_credentials(ROOT / "credentials.yml", credentials, {})  # no messaging app in a shell
            return subprocess.call(
                [
                    sys.executable, "-m", "runtime.rasa_server", "shell",
                    "--model", str(config.model),
                    "--endpoints", str(stack.endpoints_file(env)),
                    "--credentials", str(credentials),
                    "--port", str(config.rasa_port),
                    "--interface", config.host,
                ],
                cwd=ROOT,
                env=env,
            )
        except StackError as error:
            print(f"could not start: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            return 0
        finally:
            stack.stop()


if __name__ == "__main__":
    sys.exit(main())
