"""Preparing a data folder: schema migrations, the default user, the built-in model catalog."""

from __future__ import annotations

from pathlib import Path

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


def seed() -> None:
    with session_scope() as session:
        user = users.ensure_default_user(session)
        catalog.ensure_builtin(session, get_settings().resolved_models_dir)
        principal = users.principal_for(session, user)
        datasets.ensure_sample(session, principal, get_storage(), SAMPLE_DATASET, SAMPLE_DATASET_NAME)
