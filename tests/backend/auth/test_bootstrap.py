"""The first admin: `backend.cli setup` (what `make up` runs) on a fresh data folder and on one from before accounts."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from backend.core.db import make_engine
from backend.models import Dataset, User
from backend.setup import alembic_config
from tests.support import ROOT


def _setup(data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TUNEWRIGHT_")}
    clean.update(TUNEWRIGHT_DATA_DIR=str(data_dir), TUNEWRIGHT_MODELS_DIR=os.environ["TUNEWRIGHT_MODELS_DIR"], **env)
    return subprocess.run(
        [sys.executable, "-m", "backend.cli", "setup"], cwd=ROOT, env=clean, capture_output=True, text=True, check=True
    )


def _printed_password(stdout: str) -> str:
    [line] = [line for line in stdout.splitlines() if line.strip().startswith("password:")]
    return line.split(":", 1)[1].strip()


def _users(data_dir: Path) -> list[User]:
    engine = make_engine(f"sqlite:///{data_dir / 'tunewright.db'}")
    try:
        with Session(engine) as session:
            rows = list(session.scalars(select(User)).all())
            session.expunge_all()
            return rows
    finally:
        engine.dispose()


def test_a_generated_admin_password_is_printed_once_and_stored_only_hashed(tmp_path: Path) -> None:
    from backend.users import passwords

    data_dir = tmp_path / "var"
    first = _setup(data_dir)
    password = _printed_password(first.stdout)
    assert "admin@tunewright.local" in first.stdout and len(password) >= 16
    [admin] = _users(data_dir)
    assert admin.role == "admin" and admin.email == "admin@tunewright.local"
    assert passwords.verify(admin.password_hash, password) and admin.password_hash != password

    second = _setup(data_dir)
    assert password not in second.stdout + second.stderr and "password:" not in second.stdout, "never again"
    [same] = _users(data_dir)
    assert same.password_hash == admin.password_hash
    for path in data_dir.rglob("*"):
        if path.is_file():
            assert password.encode() not in path.read_bytes(), f"the password was written to {path}"


def test_the_admin_from_the_environment_is_created_without_printing(tmp_path: Path) -> None:
    from backend.users import passwords

    data_dir = tmp_path / "var"
    done = _setup(
        data_dir, TUNEWRIGHT_ADMIN_EMAIL="Root@Example.org", TUNEWRIGHT_ADMIN_PASSWORD="chosen by the operator"
    )
    assert "password:" not in done.stdout
    [admin] = _users(data_dir)
    assert admin.email == "root@example.org" and admin.role == "admin"
    assert passwords.verify(admin.password_hash, "chosen by the operator")
    _setup(data_dir, TUNEWRIGHT_ADMIN_EMAIL="root@example.org", TUNEWRIGHT_ADMIN_PASSWORD="a different one now")
    [same] = _users(data_dir)
    assert passwords.verify(same.password_hash, "chosen by the operator"), "a restart never resets a password"


def test_the_default_user_from_before_accounts_becomes_the_admin_and_keeps_its_data(tmp_path: Path) -> None:
    from alembic import command

    from backend.users import passwords

    data_dir = tmp_path / "var"
    data_dir.mkdir()
    url = f"sqlite:///{data_dir / 'tunewright.db'}"
    command.upgrade(alembic_config(url), "7c4e2a91d5b3")  # the schema before accounts
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(
            text("INSERT INTO users (id, email, name, created_at) VALUES ('usr_legacy', :email, 'Default user', :at)"),
            {"email": "default@tunewright.local", "at": "2026-01-01 00:00:00"},
        )
    engine.dispose()

    done = _setup(data_dir, TUNEWRIGHT_ADMIN_EMAIL="ops@example.org")
    password = _printed_password(done.stdout)
    [admin] = _users(data_dir)
    assert admin.id == "usr_legacy" and admin.email == "ops@example.org" and admin.role == "admin"
    assert passwords.verify(admin.password_hash, password)
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            owners = set(session.scalars(select(Dataset.owner_id)).all())
    finally:
        engine.dispose()
    assert owners == {"usr_legacy"}, "the demo data stays with the same account"
