"""`make shell`: chat with the assistant in the terminal (the action server runs in the background)."""

from __future__ import annotations

import os
import subprocess
import sys

from runtime.stack import ROOT, Stack, StackConfig, StackError, free_port


def main() -> int:
    stack = Stack(StackConfig(action_port=int(os.environ.get("ACTION_PORT", free_port()))))
    try:
        stack.start_actions()
        return subprocess.call(
            [
                sys.executable,
                "-m",
                "runtime.rasa_server",
                "shell",
                "--model",
                str(stack.config.model),
                "--endpoints",
                str(ROOT / "endpoints.yml"),
            ],
            cwd=ROOT,
            env=stack.environment(),
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
