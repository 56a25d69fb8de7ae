"""Browser sign-in: the session cookie, CSRF, sign-out, refusals, and what is public."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.backend.auth.conftest import PASSWORD, audit_rows, login


def _set_cookies(response: Any) -> dict[str, str]:
    return {h.split("=", 1)[0]: h for h in response.headers.get_list("set-cookie")}


def test_login_sets_an_httponly_session_cookie_and_a_readable_csrf_cookie(
    anonymous: Any, person: dict[str, str]
) -> None:
    response = login(anonymous, person["email"].upper())  # emails are not case-sensitive
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["user"]["email"] == person["email"] and body["role"] == "analyst"
    cookies = _set_cookies(response)
    session, csrf = cookies["tw_session"].lower(), cookies["tw_csrf"].lower()
    assert "httponly" in session and "samesite=lax" in session and "secure" not in session
    assert "httponly" not in csrf and "samesite=lax" in csrf
    assert body["csrf_token"] == anonymous.cookies["tw_csrf"]

    me = anonymous.get("/api/auth/me")
    assert me.status_code == 200 and me.json()["user"]["id"] == person["id"]
    assert me.json()["user"]["last_login_at"] is not None
    [event] = [e for e in audit_rows("auth.login") if e.actor_id == person["id"]]
    assert event.ip == "testclient" and event.target_id == person["id"]


def test_the_session_is_stored_hashed(anonymous: Any, person: dict[str, str]) -> None:
    from sqlalchemy import select

    from backend.auth.tokens import sha256
    from backend.core.db import session_scope
    from backend.models import LoginSession

    login(anonymous, person["email"])
    token = anonymous.cookies["tw_session"]
    with session_scope() as session:
        hashes = session.scalars(select(LoginSession.token_hash).where(LoginSession.user_id == person["id"])).all()
    assert hashes == [sha256(token)] and token not in hashes


def test_cookies_are_secure_over_https(app: Any, person: dict[str, str]) -> None:
    with TestClient(app, base_url="https://testserver") as client:
        response = login(client, person["email"])
    assert response.status_code == 200
    assert all("secure" in c.lower() for c in _set_cookies(response).values())


def test_wrong_password_unknown_email_and_disabled_account_are_refused(
    anonymous: Any, api: Any, person: dict[str, str]
) -> None:
    wrong = login(anonymous, person["email"], "not the password")
    assert wrong.status_code == 401 and wrong.json()["detail"] == "Wrong email or password."
    unknown = login(anonymous, "nobody@tunewright.test", PASSWORD)
    assert unknown.status_code == 401 and unknown.json()["detail"] == wrong.json()["detail"], "no account probing"
    assert "tw_session" not in anonymous.cookies

    assert api.patch(f"/api/admin/users/{person['id']}", json={"disabled": True}).status_code == 200
    disabled = login(anonymous, person["email"])
    assert disabled.status_code == 401 and "disabled" in disabled.json()["detail"]

    failures = audit_rows("auth.login_failed")
    assert [(e.actor_email, e.detail["reason"]) for e in failures] == [
        (person["email"], "bad_credentials"),
        ("nobody@tunewright.test", "bad_credentials"),
        (person["email"], "disabled"),
    ]
    assert failures[0].actor_id == person["id"] and failures[1].actor_id is None


def test_disabling_a_user_ends_their_sessions_and_keys(anonymous: Any, api: Any, person: dict[str, str]) -> None:
    assert login(anonymous, person["email"]).status_code == 200
    keyed = {"Authorization": f"Bearer {person['key']}"}
    assert anonymous.get("/api/datasets", headers=keyed).status_code == 200
    assert api.patch(f"/api/admin/users/{person['id']}", json={"disabled": True}).status_code == 200
    assert anonymous.get("/api/auth/me").status_code == 401
    assert anonymous.get("/api/datasets", headers=keyed).status_code == 401
    [event] = audit_rows("user.disabled")
    assert event.target_id == person["id"] and event.actor_email == "admin@tunewright.test"


def test_logout_ends_the_session(anonymous: Any, person: dict[str, str]) -> None:
    login(anonymous, person["email"])
    token = anonymous.cookies["tw_session"]
    out = anonymous.post("/api/auth/logout", headers={"X-CSRF-Token": anonymous.cookies["tw_csrf"]})
    assert out.status_code == 204
    assert "tw_session" not in anonymous.cookies
    replayed = anonymous.get("/api/auth/me", cookies={"tw_session": token})
    assert replayed.status_code == 401, "the server forgot the session, not just the browser"
    assert [e.actor_id for e in audit_rows("auth.logout")] == [person["id"]]


def test_cookie_writes_need_the_csrf_header_and_key_writes_do_not(anonymous: Any, person: dict[str, str]) -> None:
    login(anonymous, person["email"])
    csrf = anonymous.cookies["tw_csrf"]
    missing = anonymous.post("/api/keys", json={"name": "x"})
    assert missing.status_code == 403 and "X-CSRF-Token" in missing.json()["detail"]
    wrong = anonymous.post("/api/keys", json={"name": "x"}, headers={"X-CSRF-Token": "0" * 64})
    assert wrong.status_code == 403
    assert anonymous.get("/api/keys").status_code == 200, "reads need no CSRF token"
    assert anonymous.post("/api/keys", json={"name": "x"}, headers={"X-CSRF-Token": csrf}).status_code == 201

    anonymous.cookies.clear()
    keyed = anonymous.post("/api/keys", json={"name": "y"}, headers={"Authorization": f"Bearer {person['key']}"})
    assert keyed.status_code == 201, "a request with an API key is not a browser's: no CSRF"


def test_without_credentials_only_health_sign_in_docs_and_the_ui_answer(anonymous: Any) -> None:
    for path in ("/api/datasets", "/api/runs", "/api/auth/me", "/api/keys", "/api/admin/users", "/api/models"):
        response = anonymous.get(path)
        assert response.status_code == 401 and response.json()["error"] == "Unauthorized", path
    assert anonymous.post("/api/runs", json={}).status_code == 401
    assert anonymous.get("/api/health").status_code == 200
    assert anonymous.get("/openapi.json").status_code == 200 and anonymous.get("/docs").status_code == 200
    assert login(anonymous, "nobody@tunewright.test", "x").status_code == 401
    assert anonymous.get("/").status_code != 401 and anonymous.get("/datasets").status_code != 401


def test_failed_sign_ins_are_rate_limited_per_email(app: Any, person: dict[str, str]) -> None:
    from backend.core.settings import get_settings

    limit = get_settings().login_max_failures
    with TestClient(app) as client:
        for _ in range(limit):
            assert login(client, person["email"], "guess").status_code == 401
        locked = login(client, person["email"])
        assert locked.status_code == 429, "even the right password waits out the lock"
        assert 0 < int(locked.headers["retry-after"]) <= get_settings().login_window_seconds
        assert login(client, "other-" + person["email"], "guess").status_code == 401, "another email is not locked"
    assert [e.actor_email for e in audit_rows("auth.login_locked")] == [person["email"]]


def test_a_success_resets_the_failure_count(anonymous: Any, person: dict[str, str]) -> None:
    from backend.core.settings import get_settings

    limit = get_settings().login_max_failures
    for _ in range(limit - 1):
        login(anonymous, person["email"], "guess")
    assert login(anonymous, person["email"]).status_code == 200
    for _ in range(limit - 1):
        assert login(anonymous, person["email"], "guess").status_code == 401
    assert login(anonymous, person["email"]).status_code == 200


def test_security_headers_on_api_ui_and_errors(anonymous: Any) -> None:
    for path in ("/api/health", "/api/datasets", "/", "/v1/models"):
        headers = anonymous.get(path).headers
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["x-frame-options"] == "DENY", path
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin", path
        csp = headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp and "frame-ancestors 'none'" in csp, path
    assert "cdn.jsdelivr.net" in anonymous.get("/docs").headers["content-security-policy"], "Swagger UI still loads"


def test_cors_lets_only_the_listed_origins_send_credentials(clean_db: None, monkeypatch: Any) -> None:
    from backend.app import create_app
    from backend.core.settings import get_settings

    monkeypatch.setenv("TUNEWRIGHT_CORS_ORIGINS", '["https://tools.example.com"]')
    get_settings.cache_clear()
    try:
        app = create_app()
    finally:
        monkeypatch.delenv("TUNEWRIGHT_CORS_ORIGINS")
        get_settings.cache_clear()
    preflight = {"Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-csrf-token"}
    with TestClient(app) as client:
        listed = client.options("/api/runs", headers={"Origin": "https://tools.example.com", **preflight})
        assert listed.headers["access-control-allow-origin"] == "https://tools.example.com"
        assert listed.headers["access-control-allow-credentials"] == "true"
        assert "x-csrf-token" in listed.headers["access-control-allow-headers"].lower()
        other = client.options("/api/runs", headers={"Origin": "https://evil.example", **preflight})
        assert "access-control-allow-origin" not in other.headers
        simple = client.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers
