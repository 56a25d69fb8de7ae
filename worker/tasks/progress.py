"""Progress of a leased CPU job (a data report, a cleaning): written at most once a second and guarded by the
claim, so a job whose lease was lost (reaped after a stall) stops at its next write. The lease itself is renewed by
the task's heartbeat thread (worker.tasks.lease.renewing)."""

from __future__ import annotations

import time
from collections.abc import Callable

from sqlalchemy.orm import Session

from backend.core.db import session_scope
from worker.engine.errors import EngineError

INTERVAL_SECONDS = 1.0


class ThrottledProgress:
    def __init__(self, record: Callable[[Session, float], bool], what: str) -> None:
        """`record(session, fraction)` writes the progress guarded by the claim and says whether it still holds."""
        self.record, self.what, self.last = record, what, 0.0

    def __call__(self, progress: float) -> None:
        now = time.monotonic()
        if now - self.last < INTERVAL_SECONDS:
            return
        self.last = now
        with session_scope() as session:
            if not self.record(session, progress):
                raise EngineError(f"the {self.what} was claimed by another worker")
