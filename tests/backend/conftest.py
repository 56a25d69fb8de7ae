"""Fixtures shared by the backend tests: the two-project world of tests/tenants.py, and acting as one of its
users over HTTP with their own API keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.tenants import World, build_world


@pytest.fixture
def world(training_worker: str, data_dir: Path) -> World:
    return build_world(data_dir / "tenant-checkpoints")


@pytest.fixture
def act_as(app: Any, world: World) -> Iterator[Callable[[str], Any]]:
    """`act_as("bob")`: a client sending one of bob's real API keys, so requests carry his role and memberships."""
    from fastapi.testclient import TestClient

    clients: dict[str, Any] = {}

    def use(name: str) -> Any:
        if name not in clients:
            clients[name] = TestClient(app, headers={"Authorization": f"Bearer {world.keys[name]}"})
        return clients[name]

    yield use
    for client in clients.values():
        client.close()
