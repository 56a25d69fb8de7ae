"""Helpers for catalog tests: model folders copied from the demo models, and a catalog put back after each test."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def models_dir() -> Path:
    return Path(os.environ["TUNEWRIGHT_MODELS_DIR"]).resolve()


@pytest.fixture
def catalog_restored(clean_db: None) -> Iterator[None]:
    """Families added by a test are removed, `tiny` is live again and the allow-list is back to its seed."""
    yield
    from sqlalchemy import delete, update

    from backend.catalog import service
    from backend.core.db import session_scope
    from backend.core.settings import get_settings
    from backend.models import CatalogModel, ModelSource

    with session_scope() as session:
        session.execute(delete(CatalogModel).where(CatalogModel.builtin.is_(False)))
        session.execute(update(CatalogModel).values(retired_at=None, trust_remote_code=False))
        session.execute(delete(ModelSource))
        settings = get_settings()
        service.seed_sources(session, settings.resolved_models_dir, settings)


@pytest.fixture
def admin_api(api: Any, catalog_restored: None) -> Any:
    return api


@pytest.fixture
def allowed_root(admin_api: Any, tmp_path: Path) -> Path:
    """A fresh folder on the allow-list."""
    root = (tmp_path / "models").resolve()
    root.mkdir()
    response = admin_api.post("/api/admin/model-sources", json={"kind": "local", "value": str(root)})
    assert response.status_code == 201, response.text
    return root


@pytest.fixture
def copy_model(models_dir: Path) -> Callable[..., Path]:
    """Copy tiny-base or tiny-chat to `dest`, built as any user's local model folder would be."""

    def copy(dest: Path, variant: str = "chat") -> Path:
        shutil.copytree(models_dir / f"tiny-{variant}", dest)
        return dest

    return copy
