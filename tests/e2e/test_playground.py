"""A user in a real headless Chromium chats in the playground: streamed answers from the CPU inference server that
`make up` starts, a fine-tuned checkpoint side by side with its base model, and Stop."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.support import SAMPLE_CHAT, wait_for

pytestmark = pytest.mark.e2e

QUESTION = "Which city is the capital of Mexico?"

# Every length the answer's text had while it grew: proof that it arrived in pieces, not at the end.
RECORD_GROWTH = """(pane) => {
  window.__lengths = [];
  new MutationObserver(() => {
    const answers = document.querySelectorAll(`[data-pane="${pane}"] [data-role=assistant] .chat__text`);
    const last = answers[answers.length - 1];
    if (last) window.__lengths.push(last.textContent.length);
  }).observe(document.querySelector(`[data-pane="${pane}"]`), { subtree: true, childList: true, characterData: true });
}"""


def _post(stack: Stack, path: str, body: dict[str, Any] | bytes, content_type: str = "application/json") -> Any:
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    request = stack.request(path, data=data, headers={"content-type": content_type})
    with urllib.request.urlopen(request, timeout=120) as response:
        return json.loads(response.read())


def _get(stack: Stack, path: str) -> Any:
    with urllib.request.urlopen(stack.request(path), timeout=30) as response:
        return json.loads(response.read())


def _greedy(stack: Stack, model: str) -> str:
    body = {"model": model, "messages": [{"role": "user", "content": QUESTION}], "temperature": 0, "max_tokens": 40}
    return str(_post(stack, "/v1/chat/completions", body)["choices"][0]["message"]["content"])


def _upload_and_train(stack: Stack) -> str:
    boundary = "tunewright-e2e"
    form = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="chat.jsonl"\r\n'
            "Content-Type: application/jsonl\r\n\r\n"
        ).encode()
        + SAMPLE_CHAT.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    dataset = _post(stack, "/api/datasets", form, f"multipart/form-data; boundary={boundary}")
    run = _post(
        stack,
        "/api/runs",
        {
            "dataset_id": dataset["id"],
            "model": "tiny-chat",
            "name": "playground demo",
            "hyperparameters": {"max_steps": 20, "save_steps": 20},
        },
    )
    done = wait_for(
        lambda: (r := _get(stack, f"/api/runs/{run['id']}"))["status"] in {"succeeded", "failed"} and r,
        timeout=240,
        interval=1,
        what="the run to finish",
    )
    assert done["status"] == "succeeded", done["error"]
    [checkpoint] = _get(stack, f"/api/checkpoints?run_id={run['id']}")["items"]
    return str(checkpoint["id"])


def _settings(page: Any, temperature: str, max_tokens: str) -> None:
    page.get_by_test_id("playground-temperature").fill(temperature)
    page.get_by_test_id("playground-max-tokens").fill(max_tokens)


def _answer(page: Any, pane: int) -> Any:
    return page.locator(f"[data-pane='{pane}'] [data-role=assistant]").last


def test_playground_streams_compares_and_stops(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    checkpoint_id = _upload_and_train(stack)
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(stack.url)
    page.get_by_test_id("nav-playground").click()

    # One model, greedy: the answer grows in the page as tokens stream, and equals what the API answers.
    page.get_by_test_id("playground-model-0").select_option("tiny-chat")
    _settings(page, "0", "40")
    page.evaluate(RECORD_GROWTH, 0)
    page.get_by_test_id("playground-prompt").fill(QUESTION)
    page.get_by_test_id("playground-send").click()
    page.wait_for_selector("[data-pane='0'] [data-role=assistant][data-streaming=false]")
    expected = _greedy(stack, "tiny-chat")
    assert _answer(page, 0).locator(".chat__text").text_content() == expected
    lengths = page.evaluate("window.__lengths")
    assert len({n for n in lengths if 0 < n < len(expected)}) >= 2, f"the answer did not stream: {lengths}"

    # Side by side: the fine-tuned checkpoint and its base answer the same question, each as the API would.
    page.get_by_test_id("playground-clear").click()
    page.get_by_test_id("playground-compare").check()
    page.get_by_test_id("playground-model-1").select_option(checkpoint_id)
    page.get_by_test_id("playground-prompt").fill(QUESTION)
    page.get_by_test_id("playground-prompt").press("Enter")
    for pane in (0, 1):
        page.wait_for_selector(f"[data-pane='{pane}'] [data-role=assistant][data-streaming=false]")
    assert _answer(page, 0).locator(".chat__text").text_content() == expected
    assert _answer(page, 1).locator(".chat__text").text_content() == _greedy(stack, checkpoint_id)
    page.screenshot(path=str(ARTIFACTS / "e2e-playground.png"), full_page=True)

    # Stop: a long sampled answer ends where it was when the user pressed Stop.
    page.get_by_test_id("playground-clear").click()
    page.get_by_test_id("playground-compare").uncheck()
    _settings(page, "1", "4000")
    page.get_by_test_id("playground-prompt").fill("Tell me a long story.")
    page.get_by_test_id("playground-send").click()
    page.wait_for_selector("[data-pane='0'] [data-role=assistant][data-streaming=true]")
    page.wait_for_function(
        "() => document.querySelector('[data-pane=\"0\"] [data-role=assistant] .chat__text')?.textContent.length > 5"
    )
    page.get_by_test_id("playground-stop").click()
    assert page.get_by_test_id("chat-finish").inner_text() == "Stopped by you."
    stopped_at = _answer(page, 0).locator(".chat__text").text_content()
    page.wait_for_timeout(1000)
    assert _answer(page, 0).locator(".chat__text").text_content() == stopped_at
    assert page.get_by_test_id("playground-send").is_disabled()  # the prompt box is empty again
