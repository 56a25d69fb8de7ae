"""Fixtures shared by the backend tests: the two-project world of tests/tenants.py, and acting as one of its
users over HTTP."""

# No `from __future__ import annotations`: FastAPI reads the dependency below's annotations at run time.

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.tenants import World, build_world


@pytest.fixture
def world(clean_db: None, data_dir: Path) -> World:
    return build_world(data_dir / "tenant-checkpoints")


@pytest.fixture
def act_as(api: Any, world: World) -> Iterator[Callable[[str], Any]]:
    """`act_as("bob")` makes the test client's requests bob's, with his role and memberships.

    Until accounts land, the request's principal comes from one dependency (backend/core/deps.py) that always
    answers the default admin; this puts a world user in its place, built from the database by the same
    users.principal_with_role a real login will use. Once logging in exists, this fixture logs in instead."""
    from backend.core import deps
    from backend.core.principal import Principal

    app = api.app

    def use(name: str) -> Any:
        def principal(session: deps.SessionDep) -> Principal:
            return world.principal(session, name)

        app.dependency_overrides[deps._current_principal] = principal
        return api

    yield use
    app.dependency_overrides.clear()
