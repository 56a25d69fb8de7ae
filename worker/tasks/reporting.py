"""The engine's Reporter, backed by the run's row: every write is guarded by the lease, and a background
thread renews the lease while the engine works (model loading and checkpoint writes can outlast a step)."""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from backend.core.db import session_scope
from backend.core.settings import Settings
from backend.runs import lifecycle
from backend.runs.lifecycle import Lease
from worker.engine.reporter import CheckpointInfo, StepMetrics

log = logging.getLogger(__name__)


class RunReporter:
    def __init__(self, lease: Lease, settings: Settings, shutting_down: threading.Event) -> None:
        self.lease = lease
        self.settings = settings
        self.shutting_down = shutting_down
        self.lease_lost = threading.Event()

    def _write(self, fn: Any, *args: Any) -> None:
        with session_scope() as session:
            if not fn(session, self.lease, *args):
                self.lease_lost.set()

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        if isinstance(data.get("tracker"), str):
            # A tracker announcing where it mirrors the run (trackers.py): kept on the run for its page, and
            # written before the line, so a page that refreshes on the line finds the link.
            where, url = str(data.get("tracker_where", "")), data.get("tracker_url")
            self._write(lifecycle.record_tracker, data["tracker"], where, url)
        self._write(lifecycle.record_log, level, message, data)

    def metrics(self, metrics: StepMetrics) -> None:
        self._write(lifecycle.record_metrics, dataclasses.asdict(metrics))

    def checkpoint(self, info: CheckpointInfo) -> None:
        self._write(lifecycle.record_checkpoint, info.step, info.path, info.metrics)

    def should_stop(self) -> str | None:
        if self.lease_lost.is_set():
            return "lease_lost"
        if self.shutting_down.is_set():
            return "worker_shutdown"
        with session_scope() as session:
            reason = lifecycle.stop_reason(session, self.lease)
        if reason == "lease_lost":
            self.lease_lost.set()
        return reason

    @contextmanager
    def heartbeating(self) -> Iterator[None]:
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(self.settings.heartbeat_seconds):
                try:
                    with session_scope() as session:
                        alive = lifecycle.heartbeat(session, self.lease, self.settings.lease_seconds)
                    if not alive:
                        self.lease_lost.set()
                        return
                except Exception:
                    log.exception("heartbeat failed; retrying")

        thread = threading.Thread(target=beat, name=f"heartbeat-{self.lease.run_id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()
