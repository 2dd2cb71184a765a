"""Starts `rasa` with the project's runtime settings applied.

Rasa 3.6 waits 300 s for a custom action (DEFAULT_REQUEST_TIMEOUT, a module global of
rasa.core.actions.action); this entry point lowers it to ACTION_TIMEOUT seconds (default 8, so the
apology for a stuck action reaches the user within 10 s) so a
stuck action server costs the user seconds, not minutes.
"""

from __future__ import annotations

import os
import sys


def apply_runtime_patches() -> None:
    import rasa.core.actions.action as rasa_action
    import rasa.utils.endpoints as rasa_endpoints

    timeout = int(os.environ.get("ACTION_TIMEOUT", "8"))
    rasa_action.DEFAULT_REQUEST_TIMEOUT = timeout
    rasa_endpoints.DEFAULT_REQUEST_TIMEOUT = timeout


def main() -> None:
    apply_runtime_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
