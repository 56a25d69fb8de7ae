"""Roles: viewers read and never write (bar an explicit list), admin-only routes, and admins managing accounts."""

from __future__ import annotations

from typing import Any

from backend.core.deps import VIEWER_MAY_CALL
from tests.backend.auth.conftest import audit_rows
from tests.support import SAMPLE_CHAT

CHAT = {"model": "no-such-model", "messages": [{"role": "user", "content": "hi"}]}


def test_viewers_read_but_every_write_is_403(viewer: Any, app: Any) -> None:
    assert viewer.get("/api/datasets").status_code == 200
    assert viewer.get("/api/runs").status_code == 200
    upload = viewer.post("/api/datasets", files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert upload.status_code == 403 and upload.json()["error"] == "Forbidden"
    assert viewer.post("/api/runs", json={"dataset_id": "ds_x", "model": "tiny-chat"}).status_code == 403
    assert viewer.post("/api/runs/run_x/cancel").status_code == 403
    assert (
        viewer.post("/v1/files", files={"file": ("a.jsonl", b"{}")}, data={"purpose": "fine-tune"}).status_code == 403
    )

    # Every unsafe route of the app answers a viewer 403 unless it is on the explicit list.
    schema = app.openapi()
    for path, operations in schema["paths"].items():
        for method in operations:
            if method.upper() not in {"POST", "PUT", "PATCH", "DELETE"}:
                continue
            concrete = path.replace("{", "").replace("}", "")
            if any(m == method.upper() and p.fullmatch(concrete) for m, p in VIEWER_MAY_CALL):
                continue
            if path == "/api/auth/login":
                continue
            response = viewer.request(method.upper(), concrete, json={})
            assert response.status_code == 403, f"{method.upper()} {path} let a viewer through"


def test_viewers_may_chat_in_the_playground_and_manage_their_own_keys(viewer: Any) -> None:
    chat = viewer.post("/api/serving/chat/completions", json=CHAT)
    assert chat.status_code == 404 and chat.json()["field"] == "model", "past the role check, to the unknown model"
    assert viewer.post("/v1/chat/completions", json=CHAT).status_code == 404
    key = viewer.post("/api/keys", json={"name": "read-only dashboards"})
    assert key.status_code == 201
    assert viewer.delete(f"/api/keys/{key.json()['id']}").status_code == 200


def test_analysts_write_but_admin_routes_are_403(analyst: Any) -> None:
    upload = analyst.post("/api/datasets", files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert upload.status_code == 201, upload.text
    for path in ("/api/admin/users", "/api/admin/audit"):
        response = analyst.get(path)
        assert response.status_code == 403 and "admin" in response.json()["detail"], path
    assert analyst.post("/api/admin/users", json={"email": "x@y.z", "name": "X"}).status_code == 403


def test_admins_create_people_change_roles_and_disable(api: Any, anonymous: Any) -> None:
    created = api.post(
        "/api/admin/users",
        json={"email": "Ada@Example.com", "name": "Ada", "role": "viewer", "password": "ada's long password"},
    )
    assert created.status_code == 201, created.text
    ada = created.json()
    assert ada["email"] == "ada@example.com" and ada["role"] == "viewer" and ada["has_password"] is True
    again = api.post("/api/admin/users", json={"email": "ada@example.com", "name": "Ada"})
    assert again.status_code == 409 and again.json()["field"] == "email"
    short = api.post("/api/admin/users", json={"email": "bob@example.com", "name": "Bob", "password": "short"})
    assert short.status_code == 422 and short.json()["field"] == "password"

    promoted = api.patch(f"/api/admin/users/{ada['id']}", json={"role": "analyst"})
    assert promoted.status_code == 200 and promoted.json()["role"] == "analyst"
    [change] = audit_rows("user.role_changed")
    assert change.target_id == ada["id"] and change.detail == {"email": ada["email"], "old": "viewer", "new": "analyst"}
    signed_in = anonymous.post("/api/auth/login", json={"email": "ada@example.com", "password": "ada's long password"})
    assert signed_in.status_code == 200 and signed_in.json()["role"] == "analyst"

    disabled = api.patch(f"/api/admin/users/{ada['id']}", json={"disabled": True})
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    assert anonymous.get("/api/auth/me").status_code == 401
    assert [e.target_id for e in audit_rows("user.disabled")] == [ada["id"]]
    assert api.patch("/api/admin/users/usr_nope", json={"role": "viewer"}).status_code == 404
    listed = api.get("/api/admin/users", params={"limit": 200}).json()["items"]
    assert ada["id"] in [u["id"] for u in listed]


def test_admins_create_service_accounts_and_their_keys(api: Any, anonymous: Any) -> None:
    created = api.post(
        "/api/admin/users", json={"email": "ci-pipeline", "name": "CI", "role": "analyst", "is_service_account": True}
    )
    assert created.status_code == 201, created.text
    bot = created.json()
    assert bot["is_service_account"] is True and bot["has_password"] is False
    assert [e.target_id for e in audit_rows("service_account.created")] == [bot["id"]]
    with_password = api.post(
        "/api/admin/users",
        json={"email": "ci-2", "name": "CI", "is_service_account": True, "password": "a long enough password"},
    )
    assert with_password.status_code == 422

    key = api.post(f"/api/admin/users/{bot['id']}/keys", json={"name": "GitHub Actions"})
    assert key.status_code == 201
    use = {"Authorization": f"Bearer {key.json()['key']}"}
    me = anonymous.get("/api/auth/me", headers=use).json()
    assert me["user"]["id"] == bot["id"] and me["role"] == "analyst"
    assert [k["id"] for k in api.get(f"/api/admin/users/{bot['id']}/keys").json()["items"]] == [key.json()["id"]]
    assert api.delete(f"/api/admin/users/{bot['id']}/keys/{key.json()['id']}").status_code == 200
    assert anonymous.get("/api/auth/me", headers=use).status_code == 401

    admin_id = api.get("/api/auth/me").json()["user"]["id"]
    person_key = api.post(f"/api/admin/users/{admin_id}/keys", json={})
    assert person_key.status_code == 422, "people create their own keys"
    # A service account has no password to sign in with.
    assert anonymous.post("/api/auth/login", json={"email": "ci-pipeline", "password": ""}).status_code == 401


def test_audit_log_pages_and_filters(api: Any, client_as: Any) -> None:
    users = [client_as("viewer") for _ in range(3)]  # each: user.created + api_key.created by the admin
    first = api.get("/api/admin/audit", params={"action": "user.created", "limit": 2}).json()
    assert len(first["items"]) == 2 and first["next_cursor"] is not None
    rest = api.get("/api/admin/audit", params={"action": "user.created", "cursor": first["next_cursor"]}).json()
    assert rest["next_cursor"] is None
    targets = [e["target_id"] for e in first["items"] + rest["items"]]
    assert targets == [u.user_id for u in reversed(users)], "newest first, each once"

    prefixed = api.get("/api/admin/audit", params={"action": "api_key."}).json()["items"]
    assert len(prefixed) == 3 and {e["action"] for e in prefixed} == {"api_key.created"}
    by_actor = api.get("/api/admin/audit", params={"actor": "admin@tunewright.test", "limit": 200}).json()["items"]
    assert len(by_actor) == 6 and all(e["actor_email"] == "admin@tunewright.test" for e in by_actor)
    assert api.get("/api/admin/audit", params={"actor": "nobody"}).json()["items"] == []
