"""The whole stack as `make up` starts it (`python -m backend.cli up`), in its own data folder and database."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.support import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ROOT,
    create_postgres_database,
    drop_postgres_database,
    wait_for,
)

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("TUNEWRIGHT_CHROMIUM", "/usr/bin/chromium")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def processes_with_env(marker: str) -> list[int]:
    """PIDs whose environment holds `marker`: every process the stack started carries its data folder."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if marker.encode() in (entry / "environ").read_bytes().split(b"\0"):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@dataclass
class Stack:
    url: str
    data_dir: Path
    process: subprocess.Popen[bytes]
    log_path: Path
    api_key: str = field(default_factory=lambda: f"sk-e2e-{secrets.token_hex(16)}")

    @property
    def auth(self) -> dict[str, str]:
        """Headers that act as the admin (TUNEWRIGHT_ADMIN_API_KEY of this stack) for set-up calls."""
        return {"Authorization": f"Bearer {self.api_key}"}

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> urllib.request.Request:
        return urllib.request.Request(f"{self.url}{path}", data=data, headers={**self.auth, **(headers or {})})

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def interrupt(self, timeout: float = 90) -> int:
        """Ctrl-C, as a user would press it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=timeout)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
            return b'"ok"' in response.read()
    except OSError:
        return False


@pytest.fixture(scope="module")
def stack_env() -> dict[str, str]:
    """More environment for the stack; a test module overrides this fixture to configure it (e.g. a tracker)."""
    return {}


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, stack_env: dict[str, str]) -> Iterator[Stack]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `bash scripts/ensure_chromium.sh` (make test does)")
    base = tmp_path_factory.mktemp("e2e")
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUNEWRIGHT_")}
    api_key = f"sk-e2e-{secrets.token_hex(16)}"
    env.update(
        TUNEWRIGHT_DATA_DIR=str(base / "var"),
        PORT=str(port),
        PYTHONUNBUFFERED="1",
        TUNEWRIGHT_ADMIN_EMAIL=ADMIN_EMAIL,
        TUNEWRIGHT_ADMIN_PASSWORD=ADMIN_PASSWORD,
        TUNEWRIGHT_ADMIN_API_KEY=api_key,
    )
    env.update(stack_env)
    database_url = None
    if server := os.environ.get("TUNEWRIGHT_TEST_DATABASE_URL"):
        database_url = create_postgres_database(server)
        env["TUNEWRIGHT_DATABASE_URL"] = database_url
    if redis_url := os.environ.get("TUNEWRIGHT_TEST_REDIS_URL"):
        env["TUNEWRIGHT_REDIS_URL"] = redis_url
    log_path = base / "stack.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "backend.cli", "up"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    stack = Stack(f"http://127.0.0.1:{port}", base / "var", process, log_path, api_key)

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"the stack exited with {process.returncode}:\n{stack.log()[-4000:]}")
        return _healthy(stack.url) and " ready." in stack.log()

    try:
        wait_for(up, timeout=240, interval=0.5, what="the stack to serve /api/health and its worker to be ready")
        yield stack
    finally:
        if process.poll() is None:
            stack.interrupt()
        if database_url:
            drop_postgres_database(database_url)


@pytest.fixture(scope="module")
def browser(stack: Stack) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(stack: Stack, browser: Any) -> Iterator[Callable[..., Any]]:
    """`new_page(viewport=..., accept_downloads=...)`: a page in a fresh browser context signed in as the admin
    (the session and CSRF cookies set by POST /api/auth/login, as the sign-in form does)."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        contexts.append(context)
        response = context.request.post(
            f"{stack.url}/api/auth/login", data={"email": ADMIN_EMAIL, "password": ADMIN_PASSWORD}
        )
        assert response.ok, response.text()
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
