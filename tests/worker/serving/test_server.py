"""The CPU inference server's own API: registering models and adapters, the LRU, and vLLM-shaped errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from worker.engine.demo_models import TINY_BASE, TINY_CHAT
from worker.engine.inference import InferenceModel, load_for_inference
from worker.serving.app import create_app
from worker.serving.registry import Registry


@pytest.fixture
def server(tiny_family: dict[str, Path]) -> Iterator[TestClient]:
    registry = Registry(max_loaded=1)
    registry.register_base(TINY_CHAT, str(tiny_family[TINY_CHAT]))
    with TestClient(create_app(registry)) as client:
        yield client


def _error(response: Any, status: int, param: str) -> str:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["param"] == param and error["code"] == status
    return str(error["message"])


def test_models_lists_what_is_registered_and_adapters_name_their_base(
    server: TestClient, tiny_family: dict[str, Path], tmp_path: Path
) -> None:
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter_config.json").write_text(json.dumps({"base_model_name_or_path": str(tiny_family[TINY_CHAT])}))
    response = server.post("/v1/load_lora_adapter", json={"lora_name": "ckpt_a", "lora_path": str(adapter)})
    assert response.status_code == 200 and response.json()["parent"] == str(tiny_family[TINY_CHAT])
    again = server.post("/v1/load_lora_adapter", json={"lora_name": "ckpt_a", "lora_path": str(adapter)})
    assert again.status_code == 200, "loading the same adapter twice is harmless"
    models = {m["id"]: m for m in server.get("/v1/models").json()["data"]}
    assert set(models) == {TINY_CHAT, "ckpt_a"} and models[TINY_CHAT]["parent"] is None

    assert server.post("/v1/unload_lora_adapter", json={"lora_name": "ckpt_a"}).status_code == 200
    assert {m["id"] for m in server.get("/v1/models").json()["data"]} == {TINY_CHAT}
    assert "not loaded" in _error(
        server.post("/v1/unload_lora_adapter", json={"lora_name": "ckpt_a"}), 404, "lora_name"
    )


def test_bad_folders_and_names_are_refused_with_the_reason(
    server: TestClient, tiny_family: dict[str, Path], tmp_path: Path
) -> None:
    message = _error(
        server.post("/v1/load_lora_adapter", json={"lora_name": "x", "lora_path": str(tmp_path)}), 400, "lora_path"
    )
    assert "not a LoRA adapter folder" in message
    message = _error(
        server.post("/v1/load_base_model", json={"model_name": "y", "model_path": str(tmp_path)}), 400, "model_path"
    )
    assert "no config.json" in message
    taken = {"model_name": TINY_CHAT, "model_path": str(tiny_family[TINY_BASE])}
    assert "already served" in _error(server.post("/v1/load_base_model", json=taken), 400, "model_path")
    chat = {"model": "nope", "messages": [{"role": "user", "content": "hi"}]}
    assert "not served here" in _error(server.post("/v1/chat/completions", json=chat), 404, "model")
    assert _error(server.post("/v1/chat/completions", json={**chat, "model": TINY_CHAT, "top_p": 2}), 400, "top_p")


def test_a_base_model_without_a_template_points_to_completions(
    server: TestClient, tiny_family: dict[str, Path]
) -> None:
    server.post("/v1/load_base_model", json={"model_name": TINY_BASE, "model_path": str(tiny_family[TINY_BASE])})
    chat = {"model": TINY_BASE, "messages": [{"role": "user", "content": "hi"}]}
    assert "/v1/completions" in _error(server.post("/v1/chat/completions", json=chat), 400, "messages")
    answer = server.post(
        "/v1/completions", json={"model": TINY_BASE, "prompt": "The", "max_tokens": 3, "temperature": 0}
    )
    assert answer.status_code == 200 and answer.json()["usage"]["completion_tokens"] <= 3


def test_only_the_most_recently_used_models_stay_loaded(tiny_family: dict[str, Path]) -> None:
    loads: list[str] = []

    def load(path: str) -> InferenceModel:
        loads.append(Path(path).name)
        return load_for_inference(path)

    registry = Registry(max_loaded=1, loader=load)
    registry.register_base("a", str(tiny_family[TINY_CHAT]))
    registry.register_base("b", str(tiny_family[TINY_BASE]))
    first = registry.get("a")
    assert registry.get("a") is first
    registry.get("b")
    registry.get("a")
    assert loads == [TINY_CHAT, TINY_BASE, TINY_CHAT]
