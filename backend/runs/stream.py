"""Server-Sent Events for a run: the database holds the events, Redis pub/sub only says "look again"."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

import redis
from redis.asyncio.client import PubSub
from starlette.concurrency import run_in_threadpool

from backend.core.db import session_scope
from backend.core.live import async_client, run_channel
from backend.models import RunStatus
from backend.runs import repository
from backend.runs.schemas import RunEventRead

log = logging.getLogger(__name__)

BATCH = 500
POLL_SECONDS = 2.0


def _fetch(run_id: str, after: int) -> tuple[list[RunEventRead], str | None]:
    with session_scope() as session:
        rows = repository.events_after(session, run_id, after, BATCH)
        run = repository.get(session, run_id)
        return [RunEventRead.model_validate(r) for r in rows], (run.status if run else None)


async def run_events(run_id: str, after: int) -> AsyncIterator[RunEventRead | str]:
    """Yield the run's events after `after`, then live ones; yields the final status string when the run ends."""
    client = async_client()
    pubsub: PubSub | None = client.pubsub()
    try:
        try:
            await pubsub.subscribe(run_channel(run_id))  # type: ignore[union-attr]
        except redis.RedisError as exc:  # still correct without Redis, only slower
            log.warning("live events unavailable, polling: %s", exc)
            pubsub = None
        while True:
            events, status = await run_in_threadpool(_fetch, run_id, after)
            for event in events:
                after = event.id
                yield event
            if len(events) == BATCH:
                continue
            if status is None or RunStatus(status).terminal:
                yield status or "deleted"
                return
            if pubsub is None:
                await asyncio.sleep(POLL_SECONDS)
                continue
            with contextlib.suppress(TimeoutError, redis.RedisError):
                await pubsub.get_message(ignore_subscribe_messages=True, timeout=POLL_SECONDS)
    finally:
        if pubsub is not None:
            with contextlib.suppress(Exception):
                await pubsub.aclose()  # type: ignore[no-untyped-call]
        with contextlib.suppress(Exception):
            await client.aclose()
