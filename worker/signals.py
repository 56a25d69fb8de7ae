"""Worker process life: consume its own queue, heartbeat its inventory, run the lease reaper and the scheduler's
dispatch pass, and tell running jobs when it shuts down."""

from __future__ import annotations

import logging
import threading
from typing import Any

from celery.signals import celeryd_after_setup, worker_ready, worker_shutting_down

from backend.core import leases
from backend.core.db import session_scope
from backend.core.queue import worker_queue
from backend.core.settings import get_settings
from backend.runs import lifecycle
from backend.scheduler import dispatch
from worker import inventory

log = logging.getLogger(__name__)

shutting_down = threading.Event()


def reap_once() -> list[str]:
    settings = get_settings()
    with session_scope() as session:
        touched = lifecycle.reap(session, settings.max_attempts, settings.redispatch_after_seconds)
    # Every other job is leased the same way; the worker's task modules define (and so register) each kind.
    for jobs in leases.registered():
        with session_scope() as session:
            touched += jobs.reap(session, settings.max_attempts, settings.redispatch_after_seconds)
    # Also the scheduler's heartbeat: withdraw assignments of lost workers, place what fits, refresh wait reasons.
    with session_scope() as session:
        dispatch.run_pass(session, settings)
    return touched


def _reaper_loop(stop: threading.Event, interval: float) -> None:
    # Every worker reaps: each change is a conditional update, so concurrent reapers are harmless, and there is
    # no separate beat process to keep alive.
    while not stop.wait(interval):
        try:
            touched = reap_once()
            if touched:
                log.info("reaper recovered jobs %s", touched)
        except Exception:
            log.exception("lease reaper pass failed; retrying")


@celeryd_after_setup.connect
def _own_queue(sender: str, instance: Any, **_: Any) -> None:
    """Consume a queue named after this worker: the scheduler sends the runs it assigns here there."""
    queue = worker_queue(sender)
    instance.app.amqp.queues.select_add(queue)
    inventory.identity.update(
        name=sender, queues=sorted(instance.app.amqp.queues.consume_from), slots=int(instance.concurrency or 1)
    )


@worker_ready.connect
def _start_reaper(**_: Any) -> None:
    inventory.start(shutting_down)
    try:
        reap_once()
    except Exception:
        log.exception("initial reaper pass failed")
    interval = get_settings().reaper_interval_seconds
    threading.Thread(target=_reaper_loop, args=(shutting_down, interval), name="lease-reaper", daemon=True).start()


@worker_shutting_down.connect
def _on_shutdown(**_: Any) -> None:
    shutting_down.set()
