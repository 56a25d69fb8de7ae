"""Failed sign-ins per (email, client address), counted in Redis so every API process shares the count."""

from __future__ import annotations

import logging
from functools import lru_cache

import redis

from backend.auth.tokens import sha256
from backend.core.settings import get_settings

log = logging.getLogger(__name__)
# Only an unreachable Redis is tolerated; a refused command is a bug and must surface.
UNAVAILABLE = (redis.ConnectionError, redis.TimeoutError)


@lru_cache
def _client() -> redis.Redis:
    return redis.Redis.from_url(get_settings().redis_client_url, socket_timeout=5)


def _key(email: str, ip: str | None) -> str:
    # Hashed: the Redis keyspace should not list who tries to sign in from where.
    return "tunewright:login-failures:" + sha256(f"{email}|{ip or '-'}")


def locked_for(email: str, ip: str | None, max_failures: int) -> int:
    """Seconds until this email may try again from this address; 0 when it may try now."""
    try:
        client = _client()
        key = _key(email, ip)
        count = int(client.get(key) or 0)
        if count < max_failures:
            return 0
        return max(1, int(client.ttl(key)))
    except UNAVAILABLE as exc:
        # Fail open: without Redis the queue is down anyway, and locking everyone out would be worse.
        log.warning("login rate limit unavailable: %s", exc)
        return 0


# Atomic count-and-expire; the window starts at the first failure. (EXPIRE NX would need Redis 7; the embedded
# Redis is older.)
_COUNT = """
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return n
"""


def failed(email: str, ip: str | None, window_seconds: int) -> None:
    try:
        _client().eval(_COUNT, 1, _key(email, ip), window_seconds)
    except UNAVAILABLE as exc:
        log.warning("could not count a failed sign-in: %s", exc)


def succeeded(email: str, ip: str | None) -> None:
    try:
        _client().delete(_key(email, ip))
    except UNAVAILABLE as exc:
        log.warning("could not reset failed sign-ins: %s", exc)
