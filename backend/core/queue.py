"""Enqueue work by task *name* after the transaction commits.

The API never imports the worker: it only knows task names and queues. Both sides build their Celery
configuration from `celery_config` so the broker settings cannot drift apart.
"""

from __future__ import annotations

import json
import secrets
from functools import lru_cache
from typing import Any

import redis
from celery import Celery
from sqlalchemy.orm import Session

from backend.core.db import after_commit
from backend.core.errors import ServiceUnavailable
from backend.core.settings import Settings, get_settings

TRAIN_RUN = "tunewright.runs.train"
PREVIEW_MASK = "tunewright.preview.mask"
VALIDATE_RUN = "tunewright.runs.validate"
EXPORT_CHECKPOINT = "tunewright.exports.export"  # loads whole models: a GPU worker's job
EVALUATE = "tunewright.evals.evaluate"
DATASET_REPORT = "tunewright.datasets.report"
CLEAN_DATASET = "tunewright.datasets.clean"  # writes a new dataset version
MATERIALISE_MIXTURE = "tunewright.datasets.mix"  # writes a mixture's dataset
# Only HTTP calls to the inference server, which does the model work: a CPU worker's job.
GENERATE_COMPARISON = "tunewright.comparisons.generate"
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
        "task_routes": {
            TRAIN_RUN: {"queue": GPU_QUEUE},
            PREVIEW_MASK: {"queue": CPU_QUEUE},
            VALIDATE_RUN: {"queue": CPU_QUEUE},
            EXPORT_CHECKPOINT: {"queue": GPU_QUEUE},
            EVALUATE: {"queue": GPU_QUEUE},  # it runs models
            DATASET_REPORT: {"queue": CPU_QUEUE},
            CLEAN_DATASET: {"queue": CPU_QUEUE},
            MATERIALISE_MIXTURE: {"queue": CPU_QUEUE},
            GENERATE_COMPARISON: {"queue": CPU_QUEUE},
        },
        "worker_hijack_root_logger": False,
    }


@lru_cache
def get_celery_client() -> Celery:
    app = Celery("tunewright-api")
    app.conf.update(celery_config(get_settings()))
    return app


def worker_queue(worker_name: str) -> str:
    """The queue only `worker_name` consumes: the scheduler sends an assigned run there."""
    return f"worker.{worker_name}"


def send_now(task_name: str, *args: Any, queue: str | None = None) -> None:
    get_celery_client().send_task(task_name, args=list(args), queue=queue)


def call(task_name: str, payload: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run a short task on the CPU queue and wait for its answer (for interactive requests such as previews).

    The worker pushes its JSON answer onto a one-off Redis list; no result backend is involved.
    """
    reply_key = f"tunewright:reply:{secrets.token_hex(12)}"
    client = redis.Redis.from_url(get_settings().redis_client_url)
    try:
        get_celery_client().send_task(task_name, args=[reply_key, payload], queue=CPU_QUEUE)
        answer = client.blpop([reply_key], timeout=timeout)
    except redis.RedisError as exc:
        raise ServiceUnavailable(f"The broker is unreachable ({exc}); is Redis running?") from None
    finally:
        client.close()
    if answer is None:
        raise ServiceUnavailable(
            f"No CPU worker answered within {timeout:g} s; start one on the '{CPU_QUEUE}' queue (make up does)."
        )
    result: dict[str, Any] = json.loads(answer[1])
    return result


def enqueue(session: Session, task_name: str, *args: Any, queue: str | None = None) -> None:
    """Send the task once `session` commits (to its routed queue unless `queue` is named); a rollback sends nothing."""
    after_commit(session, lambda: send_now(task_name, *args, queue=queue))
