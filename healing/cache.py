"""Django's Redis cache, with one redis-py client per connection pool.

Django's client builds a new redis-py client object for every call; building one costs
more than the round trip to Redis it then makes (measured: half of a session read), and
every signed-in page asks the cache at least twice (the session, the guide's version).
The client is safe to share: it takes a connection from the pool for each command.
"""

from __future__ import annotations

from typing import Any

from django.core.cache.backends import redis


class _Client(redis.RedisCacheClient):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        index = self._get_connection_pool_index(write)
        if index not in self._clients:
            self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return self._clients[index]


class RedisCache(redis.RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _Client
