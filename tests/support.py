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
