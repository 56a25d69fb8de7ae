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


def test_unknown_model_is_404_saying_what_ids_work(api: Any) -> None:
    response = _chat(api, "gpt-17")
    assert response.status_code == 404
    body = response.json()
    assert body["error"] == "NotFound" and body["field"] == "model"
    assert "ckpt_" in body["detail"] and "/api/serving/models" in body["detail"]
    for model in ("ckpt_nope", "run_nope", "ft:tiny-chat:default:demo:run_nope"):
        assert _chat(api, model).status_code == 404, model


def test_a_run_that_has_not_succeeded_is_409_with_the_reason(api: Any, run: dict[str, Any]) -> None:
    for model in (run["id"], f"ft:tiny-chat:default:demo:{run['id']}"):
        response = _chat(api, model)
        assert response.status_code == 409
        assert "validating" in response.json()["detail"] and "checkpoints" in response.json()["detail"]


def test_a_succeeded_run_without_checkpoints_is_409(api: Any, run: dict[str, Any]) -> None:
    _succeed(run["id"])
    response = _chat(api, run["id"])
    assert response.status_code == 409 and "without saving a checkpoint" in response.json()["detail"]


def test_a_checkpoint_whose_folder_is_gone_is_409(api: Any, run: dict[str, Any], tmp_path: Path) -> None:
    checkpoint_id = _succeed(run["id"], tmp_path / "deleted")
    for model in (checkpoint_id, run["id"]):
        response = _chat(api, str(model))
        assert response.status_code == 409 and "is gone" in response.json()["detail"]


@pytest.mark.parametrize(
    ("extra", "status", "field"),
    [
        ({"n": 2}, 400, "n"),
        ({"temperature": 5}, 422, "temperature"),
        ({"top_p": 0}, 422, "top_p"),
        ({"max_tokens": 0}, 422, "max_tokens"),
        ({"stop": ["a", "b", "c", "d", "e"]}, 422, "stop"),
        ({"logit_bias": {"1": 5}}, 422, "logit_bias"),
        ({"messages": []}, 422, "messages"),
        ({"messages": [{"role": "wizard", "content": "x"}]}, 422, "messages.0.role"),
    ],
)
def test_bad_parameters_are_4xx_naming_the_field(api: Any, extra: dict[str, Any], status: int, field: str) -> None:
    response = _chat(api, "tiny-chat", **extra)
    assert response.status_code == status, response.text
    assert response.json()["field"] == field


def test_completions_refuse_several_prompts(api: Any) -> None:
    response = api.post("/v1/completions", json={"model": "tiny-chat", "prompt": ["a", "b"]})
    assert response.status_code == 422 and response.json()["field"] == "prompt"


def test_an_unreachable_inference_server_is_503_saying_how_to_start_one(api: Any, unreachable_server: None) -> None:
    response = _chat(api, "tiny-chat")
    assert response.status_code == 503
    assert "make up" in response.json()["detail"] and "TUNEWRIGHT_INFERENCE_URL" in response.json()["detail"]


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
