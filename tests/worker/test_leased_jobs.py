"""The reaper covers every leased job: a worker that loaded its task modules has every kind registered."""

from __future__ import annotations

from backend.core import leases
from backend.core.queue import (
    CLEAN_DATASET,
    DATASET_REPORT,
    EVALUATE,
    EXPORT_CHECKPOINT,
    GENERATE_COMPARISON,
    MATERIALISE_MIXTURE,
)
from worker.celery_app import app


def test_every_leased_job_the_worker_runs_is_reaped() -> None:
    app.loader.import_default_modules()  # what a starting worker does before its reaper's first pass
    reaped = {jobs.task for jobs in leases.registered()}
    leased = {EVALUATE, GENERATE_COMPARISON, EXPORT_CHECKPOINT, DATASET_REPORT, CLEAN_DATASET, MATERIALISE_MIXTURE}
    assert leased <= reaped
    assert reaped <= set(app.tasks), "every registered kind names a task this worker can run"
