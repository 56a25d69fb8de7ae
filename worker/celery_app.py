"""The Celery app of the workers. Configuration comes from the backend settings (same broker as the API)."""

from __future__ import annotations

from celery import Celery

from backend.core.queue import celery_config
from backend.core.settings import get_settings

app = Celery("tunewright")
app.conf.update(celery_config(get_settings()))
app.conf.update(
    include=[
        "worker.tasks.training",
        "worker.tasks.preview",
        "worker.tasks.validation",
        "worker.tasks.export",
        "worker.tasks.evaluation",
        "worker.tasks.profiling",
        "worker.tasks.cleaning",
        "worker.tasks.mixing",
        "worker.tasks.comparison",
    ]
)

import worker.signals  # noqa: E402,F401  (connects worker start/stop handlers)
