"""Preparing a data folder: schema migrations, the first admin, the built-in model catalog."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from alembic import command
from alembic.config import Config

from backend.catalog import service as catalog
from backend.core.db import session_scope
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.datasets import service as datasets
from backend.users import service as users

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE_DATASET = REPO_ROOT / "demo" / "sample_chat.jsonl"
SAMPLE_DATASET_NAME = "sample chats (demo)"


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    return config


def migrate(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")


def seed(out: TextIO | None = None) -> None:
    """Idempotent. When it has just generated the first admin's password, writes it to `out` (the terminal) once:
    only its hash is kept, and it goes to no log file."""
    settings = get_settings()
    password = settings.admin_password.get_secret_value() if settings.admin_password else None
    with session_scope() as session:
        admin, generated = users.bootstrap_admin(session, settings.admin_email, password)
        catalog.ensure_builtin(session, settings.resolved_models_dir, settings)
        datasets.ensure_sample(
            session, users.principal_for(session, admin), get_storage(), SAMPLE_DATASET, SAMPLE_DATASET_NAME
        )
        email = admin.email
    if generated:
        _announce(out or sys.stdout, email, generated)


def _announce(out: TextIO, email: str, password: str) -> None:
    out.write(
        "\n"
        "  Tunewright: the first admin account was created. Sign in at the web UI with\n"
        f"    email:    {email}\n"
        f"    password: {password}\n"
        "  This password is shown only this once; keep it in a password manager.\n"
        "  (Set TUNEWRIGHT_ADMIN_EMAIL and TUNEWRIGHT_ADMIN_PASSWORD to choose them instead.)\n\n"
    )
    out.flush()
