"""What /v1/chat/completions answers before any model runs: which model a request means, and every refusal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import SAMPLE_CHAT

CHAT = {"messages": [{"role": "user", "content": "hi"}]}


@pytest.fixture
def run(api: Any) -> dict[str, Any]:
    """A real run, submitted through the API; no worker runs, so it stays `validating` until a test moves it."""
    dataset = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    response = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _succeed(run_id: str, checkpoint_folder: Path | None = None, step: int = 10) -> str | None:
    from backend.checkpoints import service as checkpoints
    from backend.core.db import session_scope
    from backend.models import Run

    with session_scope() as session:
        row = session.get(Run, run_id)
        assert row is not None
        row.status = "succeeded"
        if checkpoint_folder is None:
            return None
        return checkpoints.record(session, run_id, step, str(checkpoint_folder), {"loss": 1.0}).id


@pytest.fixture
def unreachable_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from backend.core.settings import get_settings
    from backend.serving.client import get_inference_client

    monkeypatch.setenv("TUNEWRIGHT_INFERENCE_URL", "http://127.0.0.1:9")  # the discard port: nothing listens
    get_settings.cache_clear()
    get_inference_client.cache_clear()
    yield
    monkeypatch.delenv("TUNEWRIGHT_INFERENCE_URL")
    get_settings.cache_clear()
    get_inference_client.cache_clear()


def _chat(api: Any, model: str, **extra: Any) -> Any:
    return api.post("/v1/chat/completions", json={"model": model, **CHAT, **extra})


def _message(response: Any) -> str:
    """The sentence of a /v1 error, which is in OpenAI's shape."""
    return str(response.json()["error"]["message"])


def test_unknown_model_is_404_saying_what_ids_work(api: Any) -> None:
    response = _chat(api, "gpt-17")
    assert response.status_code == 404
    error = response.json()["error"]
    assert error["code"] == "not_found" and error["param"] == "model"
    assert "ckpt_" in error["message"] and "/api/serving/models" in error["message"]
    for model in ("ckpt_nope", "run_nope", "ft:tiny-chat:default:demo:run_nope", "ft:t:default:d:run_nope:ckpt-step-3"):
        assert _chat(api, model).status_code == 404, model


def test_a_run_that_has_not_succeeded_is_409_with_the_reason(api: Any, run: dict[str, Any]) -> None:
    for model in (run["id"], f"ft:tiny-chat:default:demo:{run['id']}"):
        response = _chat(api, model)
        assert response.status_code == 409
        assert "validating" in _message(response) and "checkpoints" in _message(response)


def test_a_succeeded_run_without_checkpoints_is_409(api: Any, run: dict[str, Any]) -> None:
    _succeed(run["id"])
    response = _chat(api, run["id"])
    assert response.status_code == 409 and "without saving a checkpoint" in _message(response)


def test_a_checkpoint_whose_folder_is_gone_is_409(api: Any, run: dict[str, Any], tmp_path: Path) -> None:
    checkpoint_id = _succeed(run["id"], tmp_path / "deleted")
    for model in (checkpoint_id, run["id"]):
        response = _chat(api, str(model))
        assert response.status_code == 409 and "is gone" in _message(response)


@pytest.mark.parametrize(
    ("extra", "status", "field"),
    [
        ({"n": 2}, 400, "n"),
        ({"temperature": 5}, 400, "temperature"),
        ({"top_p": 0}, 400, "top_p"),
        ({"repetition_penalty": 0}, 400, "repetition_penalty"),
        ({"repetition_penalty": 3}, 400, "repetition_penalty"),
        ({"max_tokens": 0}, 400, "max_tokens"),
        ({"stop": ["a", "b", "c", "d", "e"]}, 400, "stop"),
        ({"logit_bias": {"1": 5}}, 400, "logit_bias"),
        ({"messages": []}, 400, "messages"),
        ({"messages": [{"role": "wizard", "content": "x"}]}, 400, "messages.0.role"),
    ],
)
def test_bad_parameters_are_4xx_naming_the_field(api: Any, extra: dict[str, Any], status: int, field: str) -> None:
    response = _chat(api, "tiny-chat", **extra)
    assert response.status_code == status, response.text
    assert response.json()["error"]["param"] == field


def test_completions_refuse_several_prompts(api: Any) -> None:
    response = api.post("/v1/completions", json={"model": "tiny-chat", "prompt": ["a", "b"]})
    assert response.status_code == 400 and response.json()["error"]["param"] == "prompt"


def test_an_unreachable_inference_server_is_503_saying_how_to_start_one(api: Any, unreachable_server: None) -> None:
    response = _chat(api, "tiny-chat")
    assert response.status_code == 503
    assert "make up" in _message(response) and "TUNEWRIGHT_INFERENCE_URL" in _message(response)


def test_servable_models_are_the_catalog_and_checkpoints_of_succeeded_runs(
    api: Any, run: dict[str, Any], tmp_path: Path
) -> None:
    before = api.get("/api/serving/models").json()["items"]
    assert {m["id"]: m["chat"] for m in before} == {"tiny-base": False, "tiny-chat": True}
    (tmp_path / "ckpt").mkdir()
    (tmp_path / "ckpt" / "tokenizer_config.json").write_text('{"chat_template": "{{ messages }}"}')
    checkpoint_id = _succeed(run["id"], tmp_path / "ckpt", step=30)
    items = api.get("/api/serving/models").json()["items"]
    [listed] = [m for m in items if m["kind"] == "checkpoint"]
    assert listed["id"] == checkpoint_id and listed["run_id"] == run["id"] and listed["step"] == 30
    assert "step 30" in listed["label"] and listed["base_model"] == "tiny-chat" and listed["chat"] is True


def test_v1_chat_takes_the_api_key_and_the_playground_route_the_ui_access(
    api: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.core.settings import get_settings

    monkeypatch.setenv("TUNEWRIGHT_ADMIN_API_KEY", "sk-serving-test")
    get_settings.cache_clear()
    try:
        denied = api.post(
            "/v1/chat/completions", json={"model": "gpt-17", **CHAT}, headers={"Authorization": "Bearer sk-wrong"}
        )
        assert denied.status_code == 401 and denied.json()["error"]["code"] == "invalid_api_key"
        keyed = api.post(
            "/v1/chat/completions",
            json={"model": "gpt-17", **CHAT},
            headers={"Authorization": "Bearer sk-serving-test"},
        )
        assert keyed.status_code == 404  # past the key check, to the unknown model
        ui = api.post("/api/serving/chat/completions", json={"model": "gpt-17", **CHAT})
        assert ui.status_code == 404 and ui.json()["field"] == "model"  # the project's error shape off /v1
    finally:
        monkeypatch.delenv("TUNEWRIGHT_ADMIN_API_KEY")
        get_settings.cache_clear()
