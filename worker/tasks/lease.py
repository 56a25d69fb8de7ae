"""A task's side of the shared lease (backend.core.leases): who it is, and renewing the lease from a background
thread while the task works.

Loading a model, one long batch or one slow generation can outlast the lease; the renewal must not wait for them.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from backend.core.db import session_scope
from backend.core.leases import LeasedJobs
from backend.core.settings import Settings
from worker import inventory

log = logging.getLogger(__name__)


def worker_name() -> str:
    """How a claim names this worker: its node name (as runs and the admin's worker list name it)."""
    return str(inventory.identity["name"] or socket.gethostname())


@contextmanager
def heartbeating(name: str, renew: Callable[[], bool], every_seconds: float) -> Iterator[None]:
    """Call `renew` every `every_seconds` until the block ends or `renew` says the job is no longer ours."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(every_seconds):
            try:
                if not renew():
                    return
            except Exception:
                log.exception("%s: lease heartbeat failed; retrying", name)

    thread = threading.Thread(target=beat, name=f"heartbeat-{name}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def renewing(jobs: LeasedJobs[Any], job_id: str, token: str, settings: Settings) -> AbstractContextManager[None]:
    """Keep the lease of a claimed job of `jobs` while the block runs; a lost lease is found by the next write."""

    def renew() -> bool:
        with session_scope() as session:
            return jobs.heartbeat(session, job_id, token, settings.lease_seconds)

    return heartbeating(job_id, renew, settings.heartbeat_seconds)
