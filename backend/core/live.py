"""Live notifications over Redis pub/sub: "run X has new events". The events themselves live in the database,
so a lost notification only delays a reader until its next poll."""

from __future__ import annotations

import logging
from functools import lru_cache

import redis
import redis.asyncio as aioredis

from backend.core.settings import get_settings

log = logging.getLogger(__name__)


def run_channel(run_id: str) -> str:
    return f"tunewright:run:{run_id}"


@lru_cache
def _client() -> redis.Redis:
    return redis.Redis.from_url(get_settings().redis_client_url, socket_timeout=5)


def notify_run(run_id: str) -> None:
    try:
        _client().publish(run_channel(run_id), "1")
    except redis.RedisError as exc:  # the database has the event; readers poll
        log.warning("could not publish live event for %s: %s", run_id, exc)


def async_client() -> aioredis.Redis:
    return aioredis.Redis.from_url(get_settings().redis_client_url, socket_timeout=None)
