"""API keys: shown once, stored hashed, usable on /api and /v1, last use recorded, revocable; the admin key."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest

from tests.backend.auth.conftest import audit_rows


def _key_row(key_id: str) -> Any:
    from backend.core.db import session_scope
    from backend.models import ApiKey

    with session_scope() as session:
        row = session.get(ApiKey, key_id)
        assert row is not None
        session.expunge(row)
        return row


def test_a_key_is_shown_once_and_stored_hashed(analyst: Any, anonymous: Any) -> None:
    from backend.auth.tokens import sha256

    created = analyst.post("/api/keys", json={"name": "nightly CI"})
    assert created.status_code == 201, created.text
    body = created.json()
    scheme, prefix, secret = body["key"].split("_", 2)
    assert scheme == "tw" and prefix == body["prefix"] and len(secret) >= 40 and body["name"] == "nightly CI"

    listed = analyst.get("/api/keys").json()["items"]
    assert listed[0]["id"] == body["id"]
    assert all("key" not in k for k in listed), "the secret is never shown again"
    row = _key_row(body["id"])
    assert row.secret_hash == sha256(secret) and secret not in (row.secret_hash, row.prefix, row.name)

    me = anonymous.get("/api/auth/me", headers={"Authorization": f"Bearer {body['key']}"})
    assert me.status_code == 200 and me.json()["user"]["id"] == analyst.user_id
    assert me.json()["csrf_token"] is None
    [event] = [e for e in audit_rows("api_key.created") if e.target_id == body["id"]]
    assert event.actor_id == analyst.user_id and event.detail["prefix"] == prefix
    assert body["key"] not in str(event.detail), "the audit log holds no secret"


def test_last_used_is_recorded_at_most_once_a_minute(analyst: Any, anonymous: Any) -> None:
    from backend.core.db import session_scope, utcnow
    from backend.models import ApiKey

    body = analyst.post("/api/keys", json={}).json()
    assert body["last_used_at"] is None
    use = {"Authorization": f"Bearer {body['key']}"}
    assert anonymous.get("/api/datasets", headers=use).status_code == 200
    first = _key_row(body["id"]).last_used_at
    assert first is not None
    assert anonymous.get("/api/datasets", headers=use).status_code == 200
    assert _key_row(body["id"]).last_used_at == first, "no second write within the minute"

    two_minutes_ago = utcnow() - timedelta(minutes=2)
    with session_scope() as session:
        row = session.get(ApiKey, body["id"])
        assert row is not None
        row.last_used_at = two_minutes_ago
    assert anonymous.get("/api/datasets", headers=use).status_code == 200
    later = _key_row(body["id"]).last_used_at
    assert later is not None and later > two_minutes_ago + timedelta(minutes=1)


def test_a_revoked_key_is_refused_on_api_and_v1(analyst: Any, anonymous: Any) -> None:
    body = analyst.post("/api/keys", json={"name": "leaked"}).json()
    use = {"Authorization": f"Bearer {body['key']}"}
    assert anonymous.get("/v1/models", headers=use).status_code == 200
    revoked = analyst.delete(f"/api/keys/{body['id']}")
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    assert anonymous.get("/api/datasets", headers=use).status_code == 401
    v1 = anonymous.get("/v1/models", headers=use)
    assert v1.status_code == 401 and v1.json()["error"]["code"] == "invalid_api_key", "OpenAI's shape on /v1"
    assert [e.target_id for e in audit_rows("api_key.revoked")] == [body["id"]]


def test_a_key_with_a_right_prefix_and_wrong_secret_is_refused(analyst: Any, anonymous: Any) -> None:
    body = analyst.post("/api/keys", json={}).json()
    forged = f"tw_{body['prefix']}_{'x' * 43}"
    assert anonymous.get("/api/datasets", headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_nobody_revokes_someone_elses_key_from_their_own_page(analyst: Any, client_as: Any) -> None:
    other = client_as("analyst")
    body = other.post("/api/keys", json={}).json()
    assert analyst.delete(f"/api/keys/{body['id']}").status_code == 404
    assert _key_row(body["id"]).revoked_at is None


def test_v1_takes_keys_not_cookies(anonymous: Any, person: dict[str, str]) -> None:
    from tests.backend.auth.conftest import login

    assert login(anonymous, person["email"]).status_code == 200
    response = anonymous.get("/v1/models")
    assert response.status_code == 401 and response.json()["error"]["code"] == "invalid_api_key"


@pytest.fixture
def env_admin_key() -> Iterator[str]:
    from backend.core.settings import get_settings

    os.environ["TUNEWRIGHT_ADMIN_API_KEY"] = "sk-ci-bootstrap-key"
    get_settings.cache_clear()
    yield "sk-ci-bootstrap-key"
    del os.environ["TUNEWRIGHT_ADMIN_API_KEY"]
    get_settings.cache_clear()


def test_the_admin_api_key_from_the_environment_acts_as_the_bootstrap_admin(anonymous: Any, env_admin_key: str) -> None:
    use = {"Authorization": f"Bearer {env_admin_key}"}
    me = anonymous.get("/api/auth/me", headers=use)
    assert me.status_code == 200 and me.json()["user"]["email"] == "admin@tunewright.test"
    assert anonymous.get("/api/admin/users", headers=use).status_code == 200
    assert anonymous.get("/v1/models", headers=use).status_code == 200
    assert anonymous.get("/api/datasets", headers={"Authorization": "Bearer sk-ci-bootstrap-kez"}).status_code == 401
