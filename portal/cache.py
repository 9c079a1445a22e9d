"""A Redis cache that keeps the portal working while Redis is down.

The cache holds allauth's rate limits and the single-use record of TOTP codes, so it cannot
simply fail open. When Redis does not answer, each call goes to the database cache instead
(the `fallback` alias, table `portal_cache`), and Redis is left alone for a short while so that
pages do not wait on a dead connection on every call. When Redis answers again, calls return to
it. While Redis is down, limits counted in it are counted afresh in the database: a short
window of looser rate limiting, never a refused login or a 500.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# After a failure, go straight to the database for this long before trying Redis again. This is
# a per-process pause, not shared state: each process finds out for itself.
RETRY_AFTER_SECONDS = 15.0

_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError)


class FallbackRedisCache(RedisCache):
    _down_until = 0.0

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        if time.monotonic() >= self._down_until:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except _UNAVAILABLE as exc:
                self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                logger.warning("Redis cache unavailable (%s): using the database cache for now", exc)
        return getattr(caches["fallback"], name)(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> bool:
        return self._call("add", *args, **kwargs)

    def get(self, *args: Any, **kwargs: Any) -> Any:
        return self._call("get", *args, **kwargs)

    def set(self, *args: Any, **kwargs: Any) -> None:
        self._call("set", *args, **kwargs)

    def touch(self, *args: Any, **kwargs: Any) -> bool:
        return self._call("touch", *args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> bool:
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args: Any, **kwargs: Any) -> bool:
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args: Any, **kwargs: Any) -> int:
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args: Any, **kwargs: Any) -> list[str]:
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args: Any, **kwargs: Any) -> None:
        self._call("delete_many", *args, **kwargs)

    def clear(self) -> None:
        self._call("clear")
