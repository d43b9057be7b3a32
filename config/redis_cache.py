"""Django's Redis cache, keeping one client per connection pool.

Django's backend builds a new `redis.Redis` for every cache call, and each
one sets up a table of some two hundred response callbacks: on a page that
asks the cache half a dozen times, that was a visible share of the time.
A client is thread-safe and stateless beyond its pool, so one per pool does.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class PooledClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PooledRedisCache(RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = PooledClientRedisCacheClient
