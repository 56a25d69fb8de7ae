"""Migrations upgrade and downgrade on SQLite and (when configured) PostgreSQL, and match the models exactly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from backend.core.db import Base, make_engine
from backend.setup import alembic_config
from tests.support import create_postgres_database, drop_postgres_database

TABLES = {
    "users",
    "datasets",
    "catalog_models",
    "model_sources",
    "runs",
    "run_events",
    "checkpoints",
    "openai_jobs",
    "exports",
    "evaluations",
    "reference_results",
    "dataset_reports",
    "dataset_versions",
    "mixtures",
    "sessions",
    "api_keys",
    "audit_events",
    "projects",
    "project_members",
    "workers",
    "user_quotas",
    "scheduler_lock",
}


# PostgreSQL whenever the suite has one (CI always does), SQLite always.
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TUNEWRIGHT_TEST_DATABASE_URL") else [])


@pytest.fixture(params=BACKENDS)
def empty_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrations.db'}"
        return
    url = create_postgres_database(os.environ["TUNEWRIGHT_TEST_DATABASE_URL"])
    yield url
    drop_postgres_database(url)


def test_upgrade_matches_models_and_downgrade_removes_everything(empty_database: str) -> None:
    config = alembic_config(empty_database)
    command.upgrade(config, "head")
    engine = make_engine(empty_database)
    try:
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) >= TABLES
            diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
        assert diff == [], f"models and migrations differ; write a migration: {diff}"
        command.downgrade(config, "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        command.upgrade(config, "head")  # and back up again, as a real rollback-and-retry would
    finally:
        engine.dispose()


def test_existing_rows_move_into_the_default_project_and_users_join_it(tmp_path: Path) -> None:
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'before-projects.db'}"
    config = alembic_config(url)
    command.upgrade(config, "7c4e2a91d5b3")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO users (id, email, name, created_at) VALUES ('usr_1', 'a@b.c', 'A', :now)"),
                {"now": "2026-01-01 00:00:00.000000"},
            )
            conn.execute(
                text(
                    "INSERT INTO datasets (id, owner_id, name, filename, format, storage_key, size_bytes, sha256, "
                    "record_count, created_at) VALUES ('ds_1', 'usr_1', 'd', 'd.jsonl', 'messages', 'k', 1, 'x', 1, "
                    "'2026-01-01 00:00:00.000000')"
                )
            )
        command.upgrade(config, "head")
        with engine.connect() as conn:
            assert conn.execute(text("SELECT slug FROM projects WHERE id = 'prj_default'")).scalar() == "default"
            assert conn.execute(text("SELECT project_id FROM project_members WHERE user_id = 'usr_1'")).all() == [
                ("prj_default",)
            ]
            assert conn.execute(text("SELECT project_id FROM datasets WHERE id = 'ds_1'")).scalar() == "prj_default"
    finally:
        engine.dispose()


def test_existing_datasets_get_their_upload_as_version_one(tmp_path: Path) -> None:
    from sqlalchemy import text

    url = f"sqlite:///{tmp_path / 'before-versions.db'}"
    config = alembic_config(url)
    command.upgrade(config, "9a3f6c1e2d48")
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(
                text("INSERT INTO users (id, email, name, created_at) VALUES ('usr_1', 'a@b.c', 'A', :now)"),
                {"now": "2026-01-01 00:00:00.000000"},
            )
            conn.execute(
                text(
                    "INSERT INTO datasets (id, owner_id, name, filename, format, storage_key, size_bytes, sha256, "
                    "record_count, created_at) VALUES ('ds_0123456789abcdefghjkmn', 'usr_1', 'd', 'd.jsonl', "
                    "'messages', 'datasets/ds_1/records.jsonl', 10, 'abc', 3, '2026-01-01 00:00:00.000000')"
                )
            )
        command.upgrade(config, "head")
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT id, number, operation, status, storage_key, sha256, record_count, records_before, "
                    "parent_id, parameters FROM dataset_versions WHERE dataset_id = 'ds_0123456789abcdefghjkmn'"
                )
            ).all()
        assert len(rows) == 1
        version = rows[0]
        assert version.id.startswith("dsv_0123456789") and version.number == 1 and version.parent_id is None
        assert (version.operation, version.status, version.sha256) == ("upload", "succeeded", "abc")
        assert (
            version.storage_key == "datasets/ds_1/records.jsonl" and version.record_count == version.records_before == 3
        )
        assert version.parameters == "{}"
    finally:
        engine.dispose()
