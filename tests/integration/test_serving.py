"""The official `openai` SDK against the API's /v1 endpoints, served by a real CPU inference server process, for the
catalog chat model and for a LoRA checkpoint a real worker trained in this test; answers equal transformers' own."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import openai
import pytest

from tests.support import ROOT, SAMPLE_CHAT, WorkerProcess, admin_api_key, wait_for


def _auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_api_key()}"}


pytestmark = [
    pytest.mark.integration,
    # peft calls a transformers API that transformers 5 deprecated; not ours to fix.
    pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning"),
]

MESSAGES: list[Any] = [{"role": "user", "content": "Which city is the capital of Mexico?"}]
MAX_TOKENS = 24


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Service:
    """A child process as `make up` starts it, logging to a file, stopped with SIGTERM like Ctrl-C does."""

    def __init__(self, name: str, command: list[str], log_dir: Path) -> None:
        self.name, self.log_path = name, log_dir / f"{name}.log"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env={**os.environ, "PYTHONUNBUFFERED": "1"},
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def alive(self) -> bool:
        if self.process.poll() is not None:
            raise AssertionError(f"{self.name} exited with {self.process.returncode}:\n{self.log_path.read_text()}")
        return True

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def _answers(check: Any) -> bool:
    try:
        return bool(check())
    except httpx.TransportError:
        return False


@pytest.fixture(scope="module")
def api_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The API and the CPU inference server (on its unix socket in the data folder), as separate processes."""
    from backend.core.settings import get_settings
    from backend.launcher import api_command, inference_command

    settings = get_settings()
    logs = tmp_path_factory.mktemp("serving-logs")
    settings.inference_socket.parent.mkdir(parents=True, exist_ok=True)
    settings.inference_socket.unlink(missing_ok=True)
    inference = Service("inference", inference_command(settings), logs)
    port = _free_port()
    api = Service("api", api_command("127.0.0.1", port), logs)
    url = f"http://127.0.0.1:{port}"
    health = httpx.Client(transport=httpx.HTTPTransport(uds=str(settings.inference_socket)))
    try:
        wait_for(
            lambda: inference.alive() and _answers(lambda: health.get("http://inference/health").is_success),
            timeout=120,
            what="the inference server",
        )
        wait_for(
            lambda: api.alive() and _answers(lambda: httpx.get(f"{url}/api/health").is_success), 120, what="the API"
        )
        yield url
    finally:
        api.stop()
        inference.stop()


@pytest.fixture(scope="module")
def client(api_url: str) -> openai.OpenAI:
    return openai.OpenAI(base_url=f"{api_url}/v1", api_key=admin_api_key(), max_retries=0)


@pytest.fixture(scope="module")
def trained_run(api_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A LoRA run on tiny-chat, trained by a real worker process from an API submission, as the product does it."""
    upload = httpx.post(
        f"{api_url}/api/datasets", headers=_auth(), files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())}
    )
    assert upload.status_code == 201, upload.text
    body = {
        "dataset_id": upload.json()["id"],
        "model": "tiny-chat",
        "hyperparameters": {"max_steps": 30, "save_steps": 15},
    }
    submitted = httpx.post(f"{api_url}/api/runs", headers=_auth(), json=body)
    assert submitted.status_code == 201, submitted.text
    run_id = submitted.json()["id"]
    worker = WorkerProcess("serving-trainer", tmp_path_factory.mktemp("worker"))
    try:
        run = wait_for(
            lambda: (
                (r := httpx.get(f"{api_url}/api/runs/{run_id}", headers=_auth()).json())["status"]
                in {"succeeded", "failed"}
                and r
            ),
            timeout=300,
            interval=0.5,
            what="the run to finish",
        )
    finally:
        worker.stop()
    assert run["status"] == "succeeded", run["error"]
    checkpoints = httpx.get(f"{api_url}/api/checkpoints", headers=_auth(), params={"run_id": run_id}).json()["items"]
    run["checkpoints"] = sorted(checkpoints, key=lambda c: c["step"])
    return dict(run)


def _transformers_greedy(path: str, max_tokens: int = MAX_TOKENS) -> str:
    """The reference: the same checkpoint loaded for inference, its template, its stop tokens, model.generate."""
    import torch
    from transformers import GenerationConfig

    from worker.engine.inference import load_for_inference

    loaded = load_for_inference(path)
    folder = Path(loaded.adapter_path or loaded.base_path)
    config = (
        GenerationConfig.from_pretrained(folder)
        if (folder / "generation_config.json").is_file()
        else loaded.model.generation_config
    )
    text = loaded.tokenizer.apply_chat_template(MESSAGES, add_generation_prompt=True, tokenize=False)
    ids = loaded.tokenizer(str(text), add_special_tokens=False, return_tensors="pt")["input_ids"]
    with torch.inference_mode():
        out = loaded.model.generate(
            input_ids=ids, do_sample=False, max_new_tokens=max_tokens, eos_token_id=config.eos_token_id
        )
    return str(loaded.tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True))


def _greedy_chat(client: openai.OpenAI, model: str) -> Any:
    return client.chat.completions.create(model=model, messages=MESSAGES, temperature=0, max_tokens=MAX_TOKENS)


def _streamed_chat(client: openai.OpenAI, model: str) -> tuple[str, list[Any]]:
    chunks = list(
        client.chat.completions.create(
            model=model,
            messages=MESSAGES,
            temperature=0,
            max_tokens=MAX_TOKENS,
            stream=True,
            stream_options={"include_usage": True},
        )
    )
    return "".join(c.choices[0].delta.content or "" for c in chunks if c.choices), chunks


def test_catalog_chat_model_answers_exactly_as_transformers(client: openai.OpenAI, tiny_chat_path: str) -> None:
    answer = _greedy_chat(client, "tiny-chat")
    assert answer.model == "tiny-chat" and answer.object == "chat.completion"
    [choice] = answer.choices
    assert choice.message.role == "assistant" and choice.finish_reason in {"stop", "length"}
    assert choice.message.content == _transformers_greedy(tiny_chat_path)
    assert answer.usage is not None and answer.usage.completion_tokens <= MAX_TOKENS
    assert answer.usage.total_tokens == answer.usage.prompt_tokens + answer.usage.completion_tokens

    streamed, chunks = _streamed_chat(client, "tiny-chat")
    assert streamed == choice.message.content
    assert chunks[0].choices[0].delta.role == "assistant"
    assert [c.choices[0].finish_reason for c in chunks if c.choices][-1] == choice.finish_reason
    assert chunks[-1].usage is not None and chunks[-1].usage.completion_tokens == answer.usage.completion_tokens
    assert all(c.model == "tiny-chat" for c in chunks)


def test_completions_continue_a_plain_prompt(client: openai.OpenAI) -> None:
    whole = client.completions.create(model="tiny-chat", prompt="The capital of Mexico", temperature=0, max_tokens=12)
    assert whole.object == "text_completion" and whole.choices[0].text
    pieces = client.completions.create(
        model="tiny-chat", prompt="The capital of Mexico", temperature=0, max_tokens=12, stream=True
    )
    assert "".join(c.choices[0].text for c in pieces) == whole.choices[0].text
    stopped = client.completions.create(
        model="tiny-chat",
        prompt="The capital of Mexico",
        temperature=0,
        max_tokens=12,
        stop=[whole.choices[0].text[3:6]],
    )
    assert stopped.choices[0].text == whole.choices[0].text[:3] and stopped.choices[0].finish_reason == "stop"


def test_lora_checkpoint_answers_exactly_as_transformers_under_every_name(
    client: openai.OpenAI, trained_run: dict[str, Any], tiny_chat_path: str
) -> None:
    final = trained_run["checkpoints"][-1]
    assert final["step"] == 30 and Path(final["path"], "adapter_config.json").is_file()
    expected = _transformers_greedy(final["path"])
    assert expected != _transformers_greedy(tiny_chat_path), "the adapter changes what the model says"

    fine_tuned_name = f"ft:tiny-chat:default:demo:{trained_run['id']}"
    for name in (final["id"], trained_run["id"], fine_tuned_name):
        answer = _greedy_chat(client, name)
        assert answer.model == name
        assert answer.choices[0].message.content == expected, name
    streamed, _ = _streamed_chat(client, final["id"])
    assert streamed == expected

    earlier = trained_run["checkpoints"][0]
    assert _greedy_chat(client, earlier["id"]).choices[0].message.content == _transformers_greedy(earlier["path"])


def test_tokens_reach_the_client_as_they_are_produced(api_url: str) -> None:
    body = {"model": "tiny-chat", "messages": MESSAGES, "temperature": 0, "max_tokens": 64, "stream": True}
    arrivals: list[float] = []
    with httpx.stream("POST", f"{api_url}/v1/chat/completions", json=body, headers=_auth(), timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        for raw in response.iter_raw():
            events = [json.loads(line[6:]) for line in raw.decode().splitlines() if line.startswith("data: {")]
            if any(e["choices"] and e["choices"][0]["delta"].get("content") for e in events):
                arrivals.append(time.monotonic())
    assert len(arrivals) >= 3, "content arrived in one piece: the stream was buffered"


def test_errors_reach_the_sdk_with_their_status(client: openai.OpenAI) -> None:
    with pytest.raises(openai.NotFoundError):
        _greedy_chat(client, "no-such-model")
    with pytest.raises(openai.BadRequestError):
        client.chat.completions.create(model="tiny-chat", messages=MESSAGES, n=2)
    with pytest.raises(openai.BadRequestError) as bad_value:  # /v1 reports invalid values as OpenAI does: 400
        client.chat.completions.create(model="tiny-chat", messages=MESSAGES, temperature=7)
    assert bad_value.value.body["param"] == "temperature"
    with pytest.raises(openai.BadRequestError) as refused:  # the template's own rule, reported by the server
        client.chat.completions.create(
            model="tiny-chat", messages=[{"role": "assistant", "content": "I speak first"}], max_tokens=4
        )
    assert "alternate" in refused.value.response.text
    with pytest.raises(openai.BadRequestError) as too_long:
        client.chat.completions.create(model="tiny-chat", messages=[{"role": "user", "content": "word " * 2000}])
    assert "at most 512" in too_long.value.response.text


@pytest.fixture(scope="module")
def tiny_chat_path() -> str:
    return str(Path(os.environ["TUNEWRIGHT_MODELS_DIR"]) / "tiny-chat")
