"""Test support: the real services the suite runs against, and real worker processes."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, make_url, text

ROOT = Path(__file__).resolve().parents[1]
# A git worktree elsewhere than next to ../shared points at the fixtures with TUNEWRIGHT_SHARED_FIXTURES.
SHARED_FIXTURES = Path(os.environ.get("TUNEWRIGHT_SHARED_FIXTURES", ROOT.parent / "shared" / "fixtures"))
SAMPLE_CHAT = ROOT / "demo" / "sample_chat.jsonl"
# The suite's bootstrap admin (set as TUNEWRIGHT_ADMIN_EMAIL/PASSWORD before setup runs).
ADMIN_EMAIL = "admin@tunewright.test"
ADMIN_PASSWORD = "correct horse battery staple"

T = TypeVar("T")


def wait_for(predicate: Callable[[], T], timeout: float, interval: float = 0.2, what: str = "condition") -> T:
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(interval)


def create_postgres_database(server_url: str) -> str:
    """A fresh database on the given server for this test session; returns its URL."""
    url = make_url(server_url)
    name = f"tunewright_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


def drop_postgres_database(db_url: str) -> None:
    url = make_url(db_url)
    engine = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{url.database}" WITH (FORCE)'))
    engine.dispose()


class WorkerProcess:
    """A real `celery worker` process, as `make up` starts it."""

    def __init__(self, name: str, log_dir: Path, env: dict[str, str] | None = None) -> None:
        from backend.launcher import worker_command

        self.name = name
        self.log_path = log_dir / f"{name}.log"
        self._log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            worker_command(name=name),
            cwd=ROOT,
            env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(self._ready, timeout=120, what=f"worker {name} to be ready (log: {self.log_path})")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _ready(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"worker {self.name} exited with {self.process.returncode}:\n{self.log()[-4000:]}")
        return " ready." in self.log()

    def kill(self) -> None:
        """SIGKILL the whole process group: the worker dies mid-step without any cleanup."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self, timeout: float = 60) -> int:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._log.close()
        return self.process.returncode


def killed_midway_and_rescued(
    job: Callable[[], dict[str, Any]],
    names: tuple[str, str],
    log_dir: Path,
    *,
    what: str,
    after_kill: Callable[[dict[str, Any]], None] = lambda _: None,
) -> tuple[dict[str, Any], WorkerProcess, WorkerProcess]:
    """SIGKILL a worker (`names[0]`) while it is under half-way through `job` (a leased job read through the API),
    check nothing finished it, then start a second worker (`names[1]`) and wait until the job is finished. The
    finished job, the killed worker and the rescuer (their logs tell what each did)."""
    doomed = WorkerProcess(names[0], log_dir)
    rescuer = None
    try:
        moving = wait_for(
            lambda: (j := job())["status"] == "running" and 0 < j["progress"] < 0.5 and j,
            timeout=180,
            interval=0.05,
            what=f"the first worker to be {what}",
        )
        doomed.kill()
        after_kill(moving)
        assert job()["status"] == "running", "killed midway: nothing finished it"
        rescuer = WorkerProcess(names[1], log_dir)

        def finished() -> dict[str, Any] | None:
            j = job()
            return j if j["status"] in {"succeeded", "failed"} else None

        done = wait_for(
            finished,
            timeout=300,
            interval=0.3,
            what="the second worker to finish the job",
        )
    finally:
        doomed.stop()
        if rescuer is not None:
            rescuer.stop()
    assert done is not None  # wait_for returns only a finished job
    return done, doomed, rescuer


def event_kinds(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["kind"] == kind]


def create_user_with_key(role: str, *, email: str | None = None, password: str | None = None) -> tuple[str, str]:
    """A real account with `role` and one API key, made through the services as an admin would; (user id, key)."""
    from backend.auth import service as auth
    from backend.core.db import session_scope
    from backend.core.principal import Role
    from backend.users import repository as users_repository
    from backend.users import service as users

    with session_scope() as session:
        admin = users_repository.get_by_email(session, ADMIN_EMAIL)
        assert admin is not None, "the suite's setup creates the admin"
        actor = users.principal_for(session, admin)
        user = users.create(
            session,
            actor,
            email or f"{role}-{uuid.uuid4().hex[:8]}@tunewright.test",
            role.title(),
            Role(role),
            False,
            password,
        )
        created = auth.create_key(session, actor, user, f"{role} test key")
        return user.id, created.secret


_admin_key: list[str] = []


def admin_api_key() -> str:
    """One real API key of the bootstrap admin for the whole session (what CI would create and keep)."""
    if not _admin_key:
        from backend.auth import service as auth
        from backend.core.db import session_scope
        from backend.users import repository as users_repository
        from backend.users import service as users

        with session_scope() as session:
            admin = users_repository.get_by_email(session, ADMIN_EMAIL)
            assert admin is not None, "the suite's setup creates the admin"
            _admin_key.append(auth.create_key(session, users.principal_for(session, admin), admin, "test suite").secret)
    return _admin_key[0]
