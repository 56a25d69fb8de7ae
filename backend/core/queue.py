"""Enqueue work by task *name* after the transaction commits.

The API never imports the worker: it only knows task names and queues. Both sides build their Celery
configuration from `celery_config` so the broker settings cannot drift apart.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from celery import Celery
from sqlalchemy.orm import Session

from backend.core.db import after_commit
from backend.core.settings import Settings, get_settings

TRAIN_RUN = "tunewright.runs.train"
GPU_QUEUE = "gpu"
CPU_QUEUE = "cpu"

# Longer than any run: an unacknowledged message is redelivered only after this; the lease reaper
# recovers dead workers much sooner.
VISIBILITY_TIMEOUT_SECONDS = 7 * 24 * 3600


def celery_config(settings: Settings) -> dict[str, Any]:
    return {
        "broker_url": settings.broker_url,
        "broker_transport_options": {"visibility_timeout": VISIBILITY_TIMEOUT_SECONDS},
        "broker_connection_retry_on_startup": True,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_ignore_result": True,
        "task_default_queue": CPU_QUEUE,
        "task_routes": {TRAIN_RUN: {"queue": GPU_QUEUE}},
        "worker_hijack_root_logger": False,
    }


@lru_cache
def get_celery_client() -> Celery:
    app = Celery("tunewright-api")
    app.conf.update(celery_config(get_settings()))
    return app


def send_now(task_name: str, *args: Any) -> None:
    get_celery_client().send_task(task_name, args=list(args))


def enqueue(session: Session, task_name: str, *args: Any) -> None:
    """Send the task once `session` commits; a rollback sends nothing."""
    after_commit(session, lambda: send_now(task_name, *args))
