"""Starts `rasa` with the project's runtime settings applied.

Rasa 3.6 waits 300 s for a custom action (DEFAULT_REQUEST_TIMEOUT, a module global of
rasa.core.actions.action); this entry point lowers it to ACTION_TIMEOUT seconds (default 8, so the
apology for a stuck action reaches the user within 10 s) so a
stuck action server costs the user seconds, not minutes.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sys
from typing import Any


def apply_runtime_patches() -> None:
    import rasa.core.actions.action as rasa_action
    import rasa.utils.endpoints as rasa_endpoints

    timeout = int(os.environ.get("ACTION_TIMEOUT", "8"))
    rasa_action.DEFAULT_REQUEST_TIMEOUT = timeout
    rasa_endpoints.DEFAULT_REQUEST_TIMEOUT = timeout
    rasa_action.RemoteAction._validate_action_result = validate_with_compiled_schema
    cache_event_classes()
    reuse_endpoint_connections()


KEEPALIVE_S = 2.0  # idle connections to an endpoint are closed after this; the action server's Sanic waits 5 s


def reuse_endpoint_connections() -> None:
    """Calls to the action server reuse their connections, instead of a new client session and TCP connection
    for every call (Rasa's EndpointConfig.session): about 3% of the Rasa process's CPU per turn.

    One aiohttp session per endpoint and event loop, configured as Rasa's (headers, basic auth, the timeout),
    whose idle connections close after KEEPALIVE_S, before the server's keep-alive ends. A call whose reused
    connection the server had closed in the meantime (ServerDisconnectedError) is sent once more.
    """
    import aiohttp
    import rasa.utils.endpoints as rasa_endpoints

    config = rasa_endpoints.EndpointConfig
    if getattr(config, "_kvg_reuses_connections", False):
        return
    rasa_request = config.request

    def session(self: rasa_endpoints.EndpointConfig) -> _KeptSession:
        loop = asyncio.get_running_loop()
        kept = self.__dict__.get("_kvg_session")
        if kept is None or kept[0] is not loop or kept[1].closed:
            auth = aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"]) \
                if self.basic_auth else None
            kept = (loop, aiohttp.ClientSession(
                headers=self.headers, auth=auth,
                timeout=aiohttp.ClientTimeout(total=rasa_endpoints.DEFAULT_REQUEST_TIMEOUT),
                connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_S),
            ))
            self.__dict__["_kvg_session"] = kept
        return _KeptSession(kept[1])

    async def request(self: rasa_endpoints.EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        try:
            return await rasa_request(self, *args, **kwargs)
        except aiohttp.ServerDisconnectedError:
            return await rasa_request(self, *args, **kwargs)

    config.session = session
    config.request = request
    config._kvg_reuses_connections = True


class _KeptSession:
    """`async with` over a kept client session: it stays open afterwards."""

    def __init__(self, session: Any) -> None:
        self.session = session

    async def __aenter__(self) -> Any:
        return self.session

    async def __aexit__(self, *exc: object) -> None:
        return None


def cache_event_classes() -> None:
    """Rasa finds an event's class by walking all of Event's subclasses, for every event it deserialises
    (each stored event read, each event an action returns): about 2% of a turn. Same answer, remembered
    (a name it does not know still raises, and is not remembered)."""
    from rasa.shared.core.events import Event

    resolve = Event.resolve_by_type
    if not hasattr(resolve, "cache_info"):
        Event.resolve_by_type = staticmethod(functools.lru_cache(maxsize=256)(resolve))


def validate_with_compiled_schema(action, result: dict) -> bool:
    """Rasa's check of an action server reply, with the schema compiled once instead of on every call.

    `jsonschema.validate` checks the schema itself and builds a validator each time: measured at about
    14% of the Rasa process's CPU per turn. Same schema, same ValidationError on a bad reply. A reply that
    passes the quick check (each event against only the one event schema its name selects) is valid; any
    other goes through the whole schema, which accepts it or raises Rasa's error.
    """
    from jsonschema import ValidationError

    if _quickly_valid(result):
        return True
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


def _quickly_valid(result: Any) -> bool:
    """Whether the reply is valid, checking each event against one schema instead of Rasa's `oneOf` over all
    23 event schemas (about 0.9 ms of 1 ms per call). Each of those requires its own constant `event` name,
    so an event can only match the one its name selects, and `oneOf` holds exactly when that one does.
    False means "not shown valid here", not invalid."""
    validators = _event_validators()
    if validators is None or not isinstance(result, dict):
        return False
    events, responses = result.get("events", []), result.get("responses", [])
    if not isinstance(events, list) or not isinstance(responses, list):
        return False
    if not all(isinstance(response, dict) for response in responses):
        return False
    for event in events:
        name = event.get("event") if isinstance(event, dict) else None
        validator = validators.get(name) if isinstance(name, str) else None
        if validator is None or not validator.is_valid(event):
            return False
    return True


@functools.lru_cache(maxsize=1)
def _event_validators() -> dict[str, Any] | None:
    """A validator per event name: Rasa's event schema with its `oneOf` replaced by the one member that names
    the event. None (always the whole schema) if the schema is not of that shape, or the reply schema has
    more than `events` and `responses` to check."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.utils.schemas.events import EVENTS_SCHEMA

    reply_schema = RemoteAction.action_response_format_spec()
    expected = {"type": "object", "properties": {"events": EVENTS_SCHEMA,
                                                 "responses": {"type": "array", "items": {"type": "object"}}}}
    event_schema = EVENTS_SCHEMA.get("items", {})
    if reply_schema != expected or set(EVENTS_SCHEMA) != {"type", "items"} or "oneOf" not in event_schema:
        return None
    members = event_schema["oneOf"]
    names = [member.get("properties", {}).get("event", {}).get("const") for member in members]
    if not all(isinstance(name, str) for name in names) or len(set(names)) != len(names):
        return None
    base = {key: value for key, value in event_schema.items() if key != "oneOf"}
    return {name: validator_for(base)({**base, "allOf": [member]}) for name, member in zip(names, members, strict=True)}


def main() -> None:
    apply_runtime_patches()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
