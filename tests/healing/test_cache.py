"""The shared cache as production runs it: Redis, one client per connection pool."""

from __future__ import annotations

import socket

import pytest

from healing.cache import RedisCache

LOCATION = "redis://127.0.0.1:6379/11"


@pytest.fixture
def redis_cache():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    cache = RedisCache(LOCATION, {"KEY_PREFIX": "test-cache"})
    cache.clear()
    yield cache
    cache.clear()


def test_it_keeps_adds_and_forgets_like_any_django_cache(redis_cache):
    assert redis_cache.add("note", {"kept": 1}, 60) is True
    assert redis_cache.add("note", "other", 60) is False
    assert redis_cache.get("note") == {"kept": 1}
    redis_cache.set("note", "changed", 60)
    assert redis_cache.get("note") == "changed"
    assert redis_cache.delete("note") is True
    assert redis_cache.get("note", "gone") == "gone"


def test_each_call_uses_the_same_client(redis_cache):
    client = redis_cache._cache.get_client()
    redis_cache.set("a", 1, 60)

    assert redis_cache._cache.get_client("a", write=True) is client
