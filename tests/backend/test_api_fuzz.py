"""Bad input never produces a 500: Schemathesis generates requests from the OpenAPI schema, valid and invalid,
against the real app, database and broker, signed in as the admin (so the requests reach past authentication)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import redis
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from backend.app import create_app
from backend.core.queue import GPU_QUEUE
from backend.core.settings import get_settings
from tests.support import admin_api_key

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app()).exclude(
    path_regex="/events/stream$"  # a live stream of a queued run never ends; covered in tests/backend/runs
)


@pytest.fixture(autouse=True)
def _forget_generated_runs(clean_db: None) -> Iterator[None]:
    """Generated runs must not be trained by the workers of later tests."""
    yield
    redis.Redis.from_url(get_settings().redis_client_url).delete(GPU_QUEUE)


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_request_makes_the_server_fail(case: schemathesis.Case) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_api_key()}"}, checks=[not_a_server_error])
