"""Accounts in a real Chromium: sign in through the form, create an API key and see it once, revoke it; an admin
creates a user and changes their role; the audit log shows it; sign out."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import Stack
from tests.support import ADMIN_EMAIL, ADMIN_PASSWORD

pytestmark = pytest.mark.e2e


def _status_with_key(stack: Stack, key: str) -> int:
    request = urllib.request.Request(f"{stack.url}/api/auth/me", headers={"Authorization": f"Bearer {key}"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def _users(stack: Stack) -> list[dict[str, Any]]:
    with urllib.request.urlopen(stack.request("/api/admin/users?limit=200"), timeout=10) as response:
        return list(json.loads(response.read())["items"])


def test_sign_in_keys_and_user_admin(stack: Stack, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(30_000)
    page.on("dialog", lambda dialog: dialog.accept())  # the "revoke this key?" confirmation
    try:
        # Anyone who is not signed in sees the sign-in form, on any page.
        page.goto(f"{stack.url}/datasets")
        page.get_by_test_id("login-form").wait_for()
        page.get_by_test_id("login-email").fill(ADMIN_EMAIL)
        page.get_by_test_id("login-password").fill("not the password")
        page.get_by_test_id("login-submit").click()
        assert "Wrong email or password" in page.get_by_test_id("login-error").inner_text()
        page.get_by_test_id("login-password").fill(ADMIN_PASSWORD)
        page.get_by_test_id("login-submit").click()
        page.get_by_test_id("nav-datasets").wait_for()
        assert page.get_by_test_id("account-role").inner_text() == "admin"
        cookies = {c["name"]: c for c in context.cookies()}
        assert cookies["tw_session"]["httpOnly"] and not cookies["tw_csrf"]["httpOnly"]

        # An API key: shown once, usable, then revoked.
        page.get_by_test_id("nav-keys").click()
        page.get_by_test_id("key-name").fill("e2e script")
        page.get_by_test_id("key-create").click()
        key = page.get_by_test_id("key-secret").inner_text().strip()
        assert key.startswith("tw_") and _status_with_key(stack, key) == 200
        prefix = key.split("_")[1]
        row = page.locator(f"[data-testid=key-row][data-prefix='{prefix}']")
        row.wait_for()
        page.reload()
        row.wait_for()
        assert page.get_by_test_id("key-secret").count() == 0, "the key is not shown again"
        assert key not in page.content()
        row.get_by_test_id("key-revoke").click()
        row.get_by_test_id("key-revoked").wait_for()
        assert _status_with_key(stack, key) == 401

        # The admin creates a viewer, then makes them an analyst.
        page.get_by_test_id("nav-admin-users").click()
        page.get_by_test_id("new-user-email").fill("grace@example.com")
        page.get_by_test_id("new-user-name").fill("Grace")
        page.get_by_test_id("new-user-role").select_option("viewer")
        page.get_by_test_id("new-user-password").fill("grace's long password")
        page.get_by_test_id("new-user-submit").click()
        grace = page.locator("[data-testid=user-row][data-email='grace@example.com']")
        grace.wait_for()
        assert grace.get_by_test_id("user-role").input_value() == "viewer"
        grace.get_by_test_id("user-role").select_option("analyst")
        page.wait_for_function(
            "() => document.querySelector(\"[data-testid=user-row][data-email='grace@example.com'] select\")"
            "?.value === 'analyst'"
        )
        [saved] = [u for u in _users(stack) if u["email"] == "grace@example.com"]
        assert saved["role"] == "analyst"

        # The audit log has the change, filterable by action.
        page.get_by_test_id("nav-admin-audit").click()
        page.get_by_test_id("audit-action").select_option("user.role_changed")
        changed = page.locator("[data-testid=audit-row][data-action='user.role_changed']")
        changed.first.wait_for()
        assert "grace@example.com" in changed.first.inner_text() and "analyst" in changed.first.inner_text()
        assert page.locator("[data-testid=audit-row]:not([data-action='user.role_changed'])").count() == 0

        # Signing out returns to the form, and the old session is gone.
        page.get_by_test_id("logout").click()
        page.get_by_test_id("login-form").wait_for()
        assert "tw_session" not in {c["name"] for c in context.cookies()}
    finally:
        context.close()
