"""Renewing a job's lease from a background thread while the task works.

Loading a model, one long batch or one slow generation can outlast the lease; the renewal must not wait for them.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

log = logging.getLogger(__name__)


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
