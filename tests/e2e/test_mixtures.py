"""A user in a real headless Chromium builds a text mixture of domain text and conversations rendered with a model's
chat template, watches the token budget follow the choice, a real CPU worker materialises it, and a run is started
from it in the New Run form."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.e2e.test_dataset_versions import _chat, _upload

pytestmark = pytest.mark.e2e


def test_build_a_cross_kind_mixture_in_the_browser(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    text = _upload(
        stack, "river-e2e.jsonl", [json.dumps({"text": f"The Aldwater mill {i} grinds oats."}) for i in range(12)]
    )
    chats = _upload(stack, "mills-e2e.jsonl", [_chat(f"Where is mill {i}?", f"At mile {i}.") for i in range(12)])
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{stack.url}/mixtures")

    page.get_by_test_id("mixture-name").fill("river-ipt")
    first, second = page.get_by_test_id("mixture-source").nth(0), page.get_by_test_id("mixture-source").nth(1)
    first.get_by_test_id("mixture-dataset").select_option(text["id"])
    second.get_by_test_id("mixture-dataset").select_option(chats["id"])
    assert first.get_by_test_id("mixture-render-as").count() == 0
    second.get_by_test_id("mixture-render-as").select_option("chat_template:tiny-chat")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=budget-row]')]"
        '.some((row) => row.textContent.includes("tiny-chat\'s chat template"))'
    )
    page.screenshot(path=str(ARTIFACTS / "mixture-cross-kind.png"), full_page=True)
    page.get_by_test_id("mixture-create").click()
    item = page.get_by_test_id("mixture-item").filter(has_text="river-ipt v1")
    item.filter(has_text="succeeded").wait_for(timeout=180_000)

    request = stack.request("/api/mixtures")
    with urllib.request.urlopen(request, timeout=30) as response:
        mixture = next(m for m in json.loads(response.read())["items"] if m["name"] == "river-ipt")
    assert mixture["kind"] == "text"
    assert mixture["sources"][1]["render_as"] == {"style": "chat_template", "model": "tiny-chat"}
    records_url = f"/api/datasets/{mixture['dataset_id']}/records?limit=100"
    with urllib.request.urlopen(stack.request(records_url), timeout=30) as response:
        texts = [r["record"]["text"] for r in json.loads(response.read())["items"]]
    assert any(t.startswith("<|im_start|>system\n") and "Where is mill" in t for t in texts)
    assert any(t.startswith("The Aldwater mill") for t in texts)

    # Train on it: the mixtures page opens the New Run form on the mixture, and the run page names it.
    item.get_by_test_id("mixture-train").click()
    page.get_by_test_id("run-mixture").filter(has_text="Mixture: river-ipt v1").wait_for()
    assert page.get_by_test_id("run-dataset-select").count() == 0
    assert page.get_by_test_id("run-stage-select").input_value() == "cpt"
    page.get_by_test_id("run-max-steps-input").fill("2")
    page.get_by_test_id("start-run-button").click()
    page.wait_for_url("**/runs/run_*")
    link = page.get_by_test_id("run-mixture")
    link.wait_for()
    assert link.inner_text() == "river-ipt v1"
    assert link.get_attribute("href") == f"/mixtures#{mixture['id']}"
    page.screenshot(path=str(ARTIFACTS / "mixture-run.png"), full_page=True)
    run_id = page.url.rsplit("/", 1)[1]
    with urllib.request.urlopen(stack.request(f"/api/runs/{run_id}"), timeout=30) as response:
        run = json.loads(response.read())
    assert run["mixture_id"] == mixture["id"] and run["dataset_id"] == mixture["dataset_id"]
    assert run["resolved_spec"]["mixture"]["sources"][1]["render_as"] == {
        "style": "chat_template",
        "model": "tiny-chat",
    }
