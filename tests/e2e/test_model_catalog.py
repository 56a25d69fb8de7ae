"""An admin in a real headless Chromium allows a folder, adds a family from a model copied there, and finds it in
the run form's model list."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack

pytestmark = pytest.mark.e2e


def test_admin_adds_a_family_from_a_local_folder_and_users_can_pick_it(
    stack: Stack, new_page: Any, tmp_path: Path
) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    root = (tmp_path / "models").resolve()
    root.mkdir()
    outside = tmp_path / "elsewhere"
    shutil.copytree(stack.data_dir / "models" / "tiny-chat", outside)
    shutil.copytree(stack.data_dir / "models" / "tiny-chat", root / "acme-chat")

    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    try:
        page.goto(stack.url)
        page.get_by_test_id("nav-admin-model-sources").click()
        page.get_by_test_id("source-kind").select_option("local")
        page.get_by_test_id("source-value").fill(str(root))
        page.get_by_test_id("source-submit").click()
        page.locator("[data-testid=model-source]", has_text=str(root)).wait_for()

        page.get_by_test_id("nav-admin-models").click()
        page.get_by_test_id("family-name").fill("acme")
        page.get_by_test_id("family-license").fill("MIT")
        page.get_by_test_id("family-chat_source").fill(str(outside))
        page.get_by_test_id("add-family-submit").click()
        refusal = page.locator(".field--error", has_text="outside the allowed model roots")
        refusal.wait_for()
        assert "Chat variant" in refusal.inner_text()

        page.get_by_test_id("family-chat_source").fill(str(root / "acme-chat"))
        page.get_by_test_id("add-family-submit").click()
        page.get_by_test_id("add-family-done").wait_for()
        card = page.locator("[data-testid=admin-family][data-family=acme]")
        card.wait_for()
        assert "acme-chat" in card.inner_text() and "unused" in card.inner_text()
        page.screenshot(path=str(ARTIFACTS / "model-catalog.png"), full_page=True)

        page.get_by_test_id("nav-runs").click()
        page.get_by_test_id("new-run-button").click()
        select = page.get_by_test_id("run-model-select")
        select.locator("option[value='acme-chat']").wait_for(state="attached")
        select.select_option("acme-chat")
        assert select.input_value() == "acme-chat"
    finally:
        page.close()
