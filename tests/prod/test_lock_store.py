"""The atomic Redis lock store against a real redis-server: one holder at a time across "instances"
(separate clients), leases that free a dead holder's lock, release by the holder only, and a clear
LockError when Redis is down."""

from __future__ import annotations

import asyncio
import shutil
import time

import pytest
from rasa.core.lock_store import LockError

from runtime.prod.lock_store import AtomicRedisLockStore
from runtime.prod.services import Redis
from runtime.stack import free_port
from tests.prod.conftest import prod_work_dir


@pytest.fixture(scope="module")
def redis_server():
    work = prod_work_dir()
    server = Redis("redis", free_port(), work / "logs", data_dir=work / "redis")
    server.start()
    yield server
    server.stop()
    shutil.rmtree(work, ignore_errors=True)


def stores(redis_server: Redis, count: int = 2, **options) -> list[AtomicRedisLockStore]:
    """`count` lock stores with their own connections, as `count` Rasa instances would have."""
    return [AtomicRedisLockStore(url=redis_server.url, **options) for _ in range(count)]


async def test_one_holder_at_a_time_across_instances(redis_server):
    instances = stores(redis_server, 3)
    state = {"inside": 0, "most": 0, "counter": 0}

    async def turn(store: AtomicRedisLockStore) -> None:
        async with store.lock("conversation-1"):
            state["inside"] += 1
            state["most"] = max(state["most"], state["inside"])
            value = state["counter"]
            await asyncio.sleep(0.005)  # a read-modify-write that interleaves without the lock
            state["counter"] = value + 1
            state["inside"] -= 1

    await asyncio.gather(*(turn(instances[i % 3]) for i in range(60)))
    assert state == {"inside": 0, "most": 1, "counter": 60}
    assert await instances[0].redis.exists(instances[0].key("conversation-1")) == 0


async def test_different_conversations_do_not_wait_for_each_other(redis_server):
    store = stores(redis_server, 1)[0]
    started = time.monotonic()

    async def turn(conversation: str) -> None:
        async with store.lock(conversation):
            await asyncio.sleep(0.3)

    await asyncio.gather(*(turn(f"parallel-{i}") for i in range(10)))
    assert time.monotonic() - started < 1.5


async def test_a_long_turn_keeps_its_lock(redis_server):
    first, second = stores(redis_server, 2, lease_ms=300)
    async with first.lock("long-turn"):
        await asyncio.sleep(1.0)  # more than three leases: renewed meanwhile
        with pytest.raises(LockError):
            await second.acquire("long-turn", wait_seconds=0.3)


async def test_a_dead_holders_lock_frees_itself(redis_server):
    dead, alive = stores(redis_server, 2, lease_ms=800)
    await dead.acquire("orphan")  # taken, never renewed nor released: the instance died
    started = time.monotonic()
    token = await alive.acquire("orphan", wait_seconds=5)
    waited = time.monotonic() - started
    assert 0.3 < waited < 2.0, waited
    assert await alive.release("orphan", token)


async def test_only_the_holder_can_release(redis_server):
    late, current = stores(redis_server, 2, lease_ms=200)
    stale_token = await late.acquire("handover")
    await asyncio.sleep(0.4)  # the lease ran out
    fresh_token = await current.acquire("handover", wait_seconds=1)
    assert not await late.release("handover", stale_token)
    assert await current.redis.get(current.key("handover")) == fresh_token.encode()
    assert await current.release("handover", fresh_token)


async def test_redis_down_raises_lock_error():
    store = AtomicRedisLockStore(url=f"redis://127.0.0.1:{free_port()}/1")
    with pytest.raises(LockError, match="unreachable"):
        async with store.lock("nowhere"):
            pass


def test_configured_from_the_endpoints_file(redis_server, tmp_path):
    from rasa.core.lock_store import LockStore
    from rasa.utils.endpoints import read_endpoint_config

    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"lock_store:\n  type: runtime.prod.lock_store.AtomicRedisLockStore\n  url: {redis_server.url}\n"
        "  lease_ms: 4000\n  wait_seconds: 20\n"
    )
    store = LockStore.create(read_endpoint_config(str(endpoints), "lock_store"))
    assert isinstance(store, AtomicRedisLockStore)
    assert (store.url, store.lease_ms, store.wait_seconds) == (redis_server.url, 4000, 20.0)


async def test_works_again_right_after_redis_restarts(redis_server):
    store = stores(redis_server, 1)[0]

    async def turn(conversation: str) -> None:
        async with store.lock(conversation):
            await asyncio.sleep(0.05)

    await asyncio.gather(*(turn(f"before-{i}") for i in range(8)))  # several pooled connections
    redis_server.stop()
    redis_server.start()
    await asyncio.gather(*(turn(f"after-{i}") for i in range(8)))  # the pool's old connections are dead
