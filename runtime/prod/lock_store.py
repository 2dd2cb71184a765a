"""A conversation lock in Redis that several Rasa instances can share safely.

Rasa 3.6's `RedisLockStore` reads the ticket lock, changes it in Python and writes it back: two instances
can both take the lock of one conversation (RasaHQ/rasa#9213). Here taking and giving back the lock are
single Redis commands:

- acquire: `SET lock:<conversation> <random token> NX PX <lease>`, retried with a short back-off;
- while the turn runs, a background task extends the lease (only if the key still holds our token);
- release: a Lua script deletes the key only if it still holds our token (compare-and-delete).

A dead instance stops extending its lease, so its locks free themselves after `lease_ms` (6 s by default).
Configured in the endpoints file:

    lock_store:
      type: runtime.prod.lock_store.AtomicRedisLockStore
      url: redis://127.0.0.1:6379/1     # or ${REDIS_URL}
      lease_ms: 6000                    # optional
      wait_seconds: 60                  # optional: how long a turn waits for the lock
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import random
import secrets
import time
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager
from typing import Any

import redis.asyncio as aioredis
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, LockStore
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

DEFAULT_URL = "redis://127.0.0.1:6379/1"
KEY_PREFIX = "kvg:lock:"
DEFAULT_LEASE_MS = 6000
DEFAULT_WAIT_SECONDS = 60.0

# KEYS[1] the lock, ARGV[1] our token; deletes only our own lock
RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"
# KEYS[1] the lock, ARGV[1] our token, ARGV[2] the lease in ms; extends only our own lock
EXTEND = (
    "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
)


def _setting(kwargs: dict[str, Any], key: str, env: str, default: float) -> float:
    value = kwargs.get(key)
    if value is None:
        value = os.environ.get(env) or default
    return float(value)


class AtomicRedisLockStore(LockStore):
    """One lock per conversation: a Redis key holding the holder's random token, with a renewed lease."""

    def __init__(self, endpoint_config: Any = None, url: str | None = None, **kwargs: Any) -> None:
        options = dict(getattr(endpoint_config, "kwargs", None) or {}, **kwargs)
        self.url = url or getattr(endpoint_config, "url", None) or os.environ.get("REDIS_URL") or DEFAULT_URL
        self.lease_ms = int(_setting(options, "lease_ms", "LOCK_LEASE_MS", DEFAULT_LEASE_MS))
        self.wait_seconds = _setting(options, "wait_seconds", "LOCK_WAIT_SECONDS", DEFAULT_WAIT_SECONDS)
        self.redis = aioredis.Redis.from_url(
            self.url,
            socket_timeout=2,
            socket_connect_timeout=2,
            # after a Redis restart the pool's idle connections are dead: try again on a fresh one
            retry=Retry(ExponentialBackoff(cap=0.2, base=0.02), 3),
            retry_on_error=[RedisConnectionError, RedisTimeoutError],
        )
        self._release = self.redis.register_script(RELEASE)
        self._extend = self.redis.register_script(EXTEND)
        super().__init__()

    @staticmethod
    def key(conversation_id: str) -> str:
        return KEY_PREFIX + conversation_id

    async def acquire(self, conversation_id: str, wait_seconds: float | None = None) -> str:
        """Waits until this caller holds the conversation's lock; returns the token that proves it."""
        token = secrets.token_hex(16)
        deadline = time.monotonic() + (self.wait_seconds if wait_seconds is None else wait_seconds)
        pause = 0.01
        try:
            while not await self.redis.set(self.key(conversation_id), token, nx=True, px=self.lease_ms):
                if time.monotonic() > deadline:
                    raise LockError(f"timed out waiting for the lock of conversation {conversation_id!r}")
                await asyncio.sleep(pause * random.uniform(0.5, 1.5))
                pause = min(pause * 2, 0.1)
        except RedisError as error:
            logger.warning("lock store: Redis is unreachable (%s)", type(error).__name__)
            raise LockError(f"the lock store is unreachable ({type(error).__name__})") from error
        return token

    async def release(self, conversation_id: str, token: str) -> bool:
        """Gives the lock back if `token` still holds it; False if it had expired (or Redis is unreachable)."""
        try:
            return bool(await self._release(keys=[self.key(conversation_id)], args=[token]))
        except RedisError as error:
            logger.warning("lock store: could not release a lock (%s); it expires by itself", type(error).__name__)
            return False

    async def extend(self, conversation_id: str, token: str) -> bool:
        """Renews the lease if `token` still holds the lock."""
        return bool(await self._extend(keys=[self.key(conversation_id)], args=[token, self.lease_ms]))

    async def _keep_alive(self, conversation_id: str, token: str) -> None:
        while True:
            await asyncio.sleep(self.lease_ms / 1000 / 4)
            try:
                if not await self.extend(conversation_id, token):
                    logger.error("lock store: lost the lock of a conversation (the lease ran out)")
                    return
            except RedisError as error:
                logger.warning("lock store: could not renew a lease (%s)", type(error).__name__)

    @asynccontextmanager
    async def lock(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = 1
    ) -> AsyncGenerator[TicketLock, None]:
        """Holds the conversation's lock for the body of the `async with` (Rasa's interface)."""
        token = await self.acquire(conversation_id)
        keep_alive = asyncio.ensure_future(self._keep_alive(conversation_id, token))
        try:
            yield TicketLock(conversation_id)
        finally:
            keep_alive.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await keep_alive
            await self.release(conversation_id, token)

    # Rasa's ticket-lock interface, for callers that inspect locks directly
    def get_lock(self, conversation_id: str) -> TicketLock | None:
        return None

    def save_lock(self, lock: TicketLock) -> None:
        return None

    def delete_lock(self, conversation_id: str) -> None:
        return None
