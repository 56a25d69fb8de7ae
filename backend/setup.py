"""Preparing a data folder: schema migrations, the default user, the built-in model catalog."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

from backend.catalog import service as catalog
from backend.core.db import session_scope
from backend.core.settings import get_settings
from backend.users import service as users

REPO_ROOT = Path(__file__).resolve().parents[1]


def alembic_config(url: str | None = None) -> Config:
    config = Config(str(REPO_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    if url:
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    config.attributes["configure_logging"] = False
    return config


def migrate(url: str | None = None) -> None:
    command.upgrade(alembic_config(url), "head")


def seed() -> None:
    with session_scope() as session:
        users.ensure_default_user(session)
        catalog.ensure_builtin(session, get_settings().resolved_models_dir)
