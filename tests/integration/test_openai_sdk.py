"""The official `openai` SDK drives a live stack unmodified: a real uvicorn server process, a real Celery worker
process training the tiny chat model, the real database and Redis. Only `base_url` (and the admin key) change."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest
from openai import OpenAI

from backend.launcher import api_command, inference_command
from tests.support import ROOT, SAMPLE_CHAT, wait_for

ADMIN_KEY = "sk-tunewright-test"
FINISHED = {"succeeded", "failed", "cancelled"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(clean_db: None, tmp_path: Path) -> Iterator[str]:
    """The API and, for chat completions on the fine-tuned models, the CPU inference server (as `make up` runs it)."""
    from backend.core.settings import get_settings

    settings = get_settings()
    settings.inference_socket.parent.mkdir(parents=True, exist_ok=True)
    settings.inference_socket.unlink(missing_ok=True)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "api.log"
    env = {**os.environ, "TUNEWRIGHT_ADMIN_API_KEY": ADMIN_KEY, "PYTHONUNBUFFERED": "1"}
    with log_path.open("wb") as log, (tmp_path / "inference.log").open("wb") as inference_log:
        inference = subprocess.Popen(
            inference_command(settings), cwd=ROOT, env=env, stdout=inference_log, stderr=subprocess.STDOUT
        )
        process = subprocess.Popen(
            api_command("127.0.0.1", port), cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )

    def healthy() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"the API exited:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    try:
        wait_for(healthy, timeout=60, what="the API server")
        yield url
    finally:
        for running in (process, inference):
            running.terminate()
            running.wait(timeout=30)


@pytest.fixture
def client(server: str) -> OpenAI:
    return OpenAI(base_url=f"{server}/v1", api_key=ADMIN_KEY, max_retries=0)


def _wait(client: OpenAI, job_id: str, statuses: set[str], timeout: float = 240, check: Any = None) -> Any:
    def reached() -> Any:
        job = client.fine_tuning.jobs.retrieve(job_id)
        return job if job.status in statuses and (check is None or check(job)) else None

    return wait_for(reached, timeout, interval=0.3, what=f"job {job_id} to reach {statuses}")


def _tiny(max_steps: int, save_steps: int) -> dict[str, Any]:
    return {"tunewright": {"hyperparameters": {"max_steps": max_steps, "save_steps": save_steps}}}


def test_the_openai_sdk_fine_tunes_end_to_end(client: OpenAI, server: str, start_worker: Any) -> None:
    worker = start_worker("trainer")
    training_file = client.files.create(file=("chats.jsonl", io.BytesIO(SAMPLE_CHAT.read_bytes())), purpose="fine-tune")

    validation_file = client.files.create(
        file=("valid.jsonl", io.BytesIO(b"".join(SAMPLE_CHAT.read_bytes().splitlines(keepends=True)[:8]))),
        purpose="fine-tune",
    )
    job = client.fine_tuning.jobs.create(
        model="tiny-chat",
        training_file=training_file.id,
        validation_file=validation_file.id,
        suffix="e2e",
        extra_body=_tiny(6, 2),
    )
    assert job.status == "validating_files"
    hp = job.method.supervised.hyperparameters
    assert (hp.n_epochs, hp.batch_size, hp.learning_rate_multiplier) == (3, 8, 1), "'auto' resolved and reported"

    done = _wait(client, job.id, FINISHED)
    assert done.status == "succeeded", (done.error, worker.log()[-3000:])
    assert done.fine_tuned_model == f"ft:tiny-chat:default:e2e:{job.id}"
    assert done.finished_at is not None and done.finished_at >= done.created_at

    events = list(client.fine_tuning.jobs.list_events(job.id, limit=5))  # newest first, five per page
    metrics = [e for e in events if e.type == "metrics"]
    assert [e.data["step"] for e in metrics] == [6, 5, 4, 3, 2, 1]
    assert all(e.data["train_loss"] > 0 and e.data["total_steps"] == 6 for e in metrics)
    messages = [e.message for e in events if e.type == "message"]
    assert messages[0].startswith("Job succeeded") and messages[-1].startswith("Job validating_files")
    assert any(m.startswith("data checked: 400 records") for m in messages)

    checkpoints = client.fine_tuning.jobs.checkpoints.list(job.id).data
    assert [c.step_number for c in checkpoints] == [6, 4, 2]
    assert checkpoints[0].fine_tuned_model_checkpoint == f"{done.fine_tuned_model}:ckpt-step-6"
    assert all(c.fine_tuning_job_id == job.id and c.metrics.train_loss > 0 for c in checkpoints)
    assert all(c.metrics.valid_loss is not None and c.metrics.valid_loss > 0 for c in checkpoints), "validation_file"

    assert done.fine_tuned_model in [m.id for m in client.models.list()]
    assert client.models.retrieve(done.fine_tuned_model).owned_by == "default"

    # Chat with the fine-tuned model and with one of its checkpoints, by the names the job reported.
    hello = [{"role": "user", "content": "Hello there"}]
    for name in (done.fine_tuned_model, checkpoints[-1].fine_tuned_model_checkpoint):
        answer = client.chat.completions.create(model=name, messages=hello, max_tokens=6, temperature=0)
        assert answer.model == name and answer.choices[0].message.role == "assistant"
        assert answer.choices[0].finish_reason in {"stop", "length"} and answer.usage.completion_tokens >= 1
    with pytest.raises(openai.NotFoundError):
        client.chat.completions.create(model=f"{done.fine_tuned_model}:ckpt-step-5", messages=hello, max_tokens=2)

    # Cancel a job that is training: it stops cooperatively after its current step.
    doomed = client.fine_tuning.jobs.create(
        model="tiny-chat", training_file=training_file.id, extra_body=_tiny(400, 400)
    )
    _wait(client, doomed.id, {"running"}, check=lambda j: j.model_extra["tunewright"]["progress"]["step"] >= 1)
    client.fine_tuning.jobs.cancel(doomed.id)
    cancelled = _wait(client, doomed.id, FINISHED)
    assert cancelled.status == "cancelled" and cancelled.fine_tuned_model is None
    assert cancelled.model_extra["tunewright"]["progress"]["step"] < 400

    page = client.fine_tuning.jobs.list(limit=1)
    assert [j.id for j in page.data] == [doomed.id] and page.has_more is True
    assert [j.id for j in client.fine_tuning.jobs.list(limit=1, after=doomed.id).data] == [job.id]

    # Errors, as OpenAI's SDK expects them.
    with pytest.raises(openai.AuthenticationError) as denied:
        OpenAI(base_url=f"{server}/v1", api_key="sk-wrong", max_retries=0).models.list()
    assert denied.value.status_code == 401 and denied.value.body["code"] == "invalid_api_key"
    with pytest.raises(openai.NotFoundError) as unknown:
        client.fine_tuning.jobs.retrieve("run_nope")
    assert unknown.value.body["type"] == "invalid_request_error"
    with pytest.raises(openai.BadRequestError) as missing:
        client.fine_tuning.jobs.create(model="tiny-chat", training_file="ds_nope")
    assert missing.value.body["param"] == "training_file"
    with pytest.raises(openai.BadRequestError) as bad:
        client.fine_tuning.jobs.create(
            model="tiny-chat", training_file=training_file.id, hyperparameters={"learning_rate_multiplier": -1}
        )
    assert bad.value.body["param"] == "hyperparameters.learning_rate_multiplier"


def test_a_paused_job_resumes_from_its_checkpoint(client: OpenAI, start_worker: Any) -> None:
    worker = start_worker("trainer")
    training_file = client.files.create(file=("chats.jsonl", io.BytesIO(SAMPLE_CHAT.read_bytes())), purpose="fine-tune")
    # No periodic checkpoint before the end: the one a pause writes is the only one to resume from.
    job = client.fine_tuning.jobs.create(model="tiny-chat", training_file=training_file.id, extra_body=_tiny(30, 30))
    _wait(client, job.id, {"running"}, check=lambda j: j.model_extra["tunewright"]["progress"]["step"] >= 3)
    client.fine_tuning.jobs.pause(job.id)
    paused = _wait(client, job.id, {"paused", *FINISHED})
    assert paused.status == "paused", worker.log()[-3000:]
    paused_at = paused.model_extra["tunewright"]["progress"]["step"]
    assert 3 <= paused_at < 30
    assert [c.step_number for c in client.fine_tuning.jobs.checkpoints.list(job.id)] == [paused_at]
    with pytest.raises(openai.ConflictError):
        client.fine_tuning.jobs.pause(job.id)

    assert client.fine_tuning.jobs.resume(job.id).status == "queued"
    done = _wait(client, job.id, FINISHED)
    assert done.status == "succeeded", (done.error, worker.log()[-3000:])

    events = list(client.fine_tuning.jobs.list_events(job.id, limit=100))[::-1]  # oldest first
    steps = [e.data["step"] for e in events if e.type == "metrics"]
    assert steps == list(range(1, 31)), "every step once: no overlap, no restart from 0"
    messages = [e.message for e in events if e.type == "message"]
    assert any(m.startswith("Job paused") for m in messages)
    assert any(m.startswith(f"resumed from step {paused_at} ") for m in messages), messages
    assert [c.step_number for c in client.fine_tuning.jobs.checkpoints.list(job.id)] == [30, paused_at]
