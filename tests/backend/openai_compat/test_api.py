"""The `/v1` API through the official `openai` SDK, served in-process against the real database and broker (no
worker: jobs stay where the API leaves them; tests/integration/test_openai_sdk.py trains them)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import openai
import pytest

from tests.support import ROOT, SAMPLE_CHAT, SHARED_FIXTURES


def _upload(client: Any, content: bytes | None = None, name: str = "train.jsonl") -> Any:
    return client.files.create(file=(name, io.BytesIO(content or SAMPLE_CHAT.read_bytes())), purpose="fine-tune")


def _job(client: Any, file_id: str, **body: Any) -> Any:
    return client.fine_tuning.jobs.create(model="tiny-chat", training_file=file_id, **body)


def test_files_upload_list_retrieve_content_and_delete(client: Any) -> None:
    uploaded = _upload(client)
    assert uploaded.object == "file" and uploaded.id.startswith("ds_")
    assert uploaded.purpose == "fine-tune" and uploaded.status == "processed" and uploaded.filename == "train.jsonl"
    assert uploaded.bytes == len(SAMPLE_CHAT.read_bytes())
    assert client.files.retrieve(uploaded.id).id == uploaded.id
    assert [f.id for f in client.files.list(purpose="fine-tune")] == [uploaded.id]
    assert list(client.files.list(purpose="batch")) == []
    content = client.files.content(uploaded.id).text.splitlines()
    assert len(content) == 400 and '"messages"' in content[0]
    deleted = client.files.delete(uploaded.id)
    assert deleted.deleted is True and deleted.id == uploaded.id
    with pytest.raises(openai.NotFoundError) as missing:
        client.files.retrieve(uploaded.id)
    assert missing.value.body["type"] == "invalid_request_error" and missing.value.body["code"] == "not_found"


def test_file_pagination_and_order(client: Any) -> None:
    ids = [_upload(client, name=f"f{i}.jsonl").id for i in range(3)]
    first = client.files.list(limit=2, order="asc")
    assert [f.id for f in first.data] == ids[:2] and first.has_more is True
    assert [f.id for f in client.files.list(limit=2, order="asc", after=ids[1]).data] == ids[2:]
    assert [f.id for f in client.files.list(limit=2, order="asc")] == ids
    assert [f.id for f in client.files.list()] == ids[::-1]


def test_a_bad_file_is_a_400_naming_the_record_and_nothing_is_kept(client: Any) -> None:
    with pytest.raises(openai.BadRequestError) as bad:
        _upload(client, b'{"messages": [{"role": "user", "content": "hi"}]}\n{"messages": 5}\n')
    error = bad.value.body
    assert error["param"] == "file" and "train.jsonl line 1" in error["message"] and "1 more" in error["message"]
    assert list(client.files.list()) == []
    with pytest.raises(openai.BadRequestError) as purpose:
        client.files.create(file=("a.jsonl", io.BytesIO(SAMPLE_CHAT.read_bytes())), purpose="batch")
    assert purpose.value.body["param"] == "purpose"


def test_a_file_a_job_uses_cannot_be_deleted(client: Any) -> None:
    file_id = _upload(client).id
    job = _job(client, file_id)
    with pytest.raises(openai.ConflictError) as conflict:
        client.files.delete(file_id)
    assert job.id in conflict.value.body["message"]


def test_create_resolves_auto_and_reports_it_back(client: Any) -> None:
    file_id = _upload(client).id
    job = _job(
        client,
        file_id,
        suffix="support",
        seed=3,
        metadata={"team": "docs"},
        method={
            "type": "supervised",
            "supervised": {"hyperparameters": {"n_epochs": 2, "learning_rate_multiplier": 2}},
        },
        extra_body={"tunewright": {"method": "lora", "hyperparameters": {"lora_r": 4, "max_steps": 5}}},
    )
    assert job.object == "fine_tuning.job" and job.status == "validating_files" and job.model == "tiny-chat"
    assert job.training_file == file_id and job.seed == 3 and job.metadata == {"team": "docs"}
    assert job.user_provided_suffix == "support" and job.fine_tuned_model is None
    hp = job.method.supervised.hyperparameters
    assert (hp.n_epochs, hp.batch_size, hp.learning_rate_multiplier) == (2, 8, 2)
    assert job.hyperparameters.n_epochs == 2
    extra = job.model_extra["tunewright"]
    assert extra["extension"] == {"method": "lora", "hyperparameters": {"lora_r": 4, "max_steps": 5}}
    assert extra["lora_r"] == 4 and extra["max_steps"] == 5 and extra["method"] == "lora"
    recommended = 5e-3  # the tiny family's recommendation (backend/catalog/builtin.py)
    assert extra["learning_rate"] == pytest.approx(2 * recommended)
    assert any("learning_rate_multiplier 2" in d for d in extra["decisions"])

    auto = _job(client, file_id)
    assert auto.hyperparameters.n_epochs == 3 and auto.hyperparameters.batch_size == 8
    assert auto.hyperparameters.learning_rate_multiplier == 1 and auto.seed == 42


def test_a_validation_file_is_the_runs_eval_dataset(client: Any, api: Any) -> None:
    train, valid = _upload(client).id, _upload(client, name="valid.jsonl").id
    job = _job(client, train, validation_file=valid, extra_body={"tunewright": {"hyperparameters": {"save_steps": 5}}})
    assert job.validation_file == valid
    run = api.get(f"/api/runs/{job.id}").json()
    assert run["resolved_spec"]["eval_dataset_path"].endswith(f"datasets/{valid}/records.jsonl")
    assert run["resolved_spec"]["hyperparameters"]["eval_steps"] == 5, "evaluated at every checkpoint"
    with pytest.raises(openai.ConflictError):
        client.files.delete(valid)

    with pytest.raises(openai.BadRequestError) as both:
        _job(
            client, train, validation_file=valid, extra_body={"tunewright": {"hyperparameters": {"eval_fraction": 0.1}}}
        )
    assert both.value.body["param"] == "tunewright.hyperparameters.eval_fraction"
    with pytest.raises(openai.BadRequestError) as missing:
        _job(client, train, validation_file="ds_missing")
    assert missing.value.body["param"] == "validation_file"
    text = client.files.create(file=("notes.txt", io.BytesIO(b"Plain prose for pretraining.\n")), purpose="fine-tune")
    with pytest.raises(openai.BadRequestError) as kind:
        _job(client, train, validation_file=text.id)
    assert kind.value.body["param"] == "validation_file" and "same kind" in kind.value.body["message"]


def test_jobs_list_paginates_newest_first(client: Any) -> None:
    file_id = _upload(client).id
    ids = [_job(client, file_id).id for _ in range(3)]
    page = client.fine_tuning.jobs.list(limit=2)
    assert [j.id for j in page.data] == ids[:0:-1] and page.has_more is True
    rest = client.fine_tuning.jobs.list(limit=2, after=page.data[-1].id)
    assert [j.id for j in rest.data] == [ids[0]] and rest.has_more is False
    assert [j.id for j in client.fine_tuning.jobs.list(limit=1)] == ids[::-1]


def test_cancel_pause_resume_and_events(client: Any, mark_validated: Any) -> None:
    file_id = _upload(client).id
    job = _job(client, file_id)
    mark_validated(job.id)
    assert client.fine_tuning.jobs.pause(job.id).status == "paused"
    assert client.fine_tuning.jobs.resume(job.id).status == "queued"
    with pytest.raises(openai.ConflictError):
        client.fine_tuning.jobs.resume(job.id)
    assert client.fine_tuning.jobs.cancel(job.id).status == "cancelled"

    events = client.fine_tuning.jobs.list_events(job.id, limit=2)
    assert events.has_more is True and len(events.data) == 2
    assert events.data[0].message.startswith("Job cancelled") and events.data[0].type == "message"
    every = list(client.fine_tuning.jobs.list_events(job.id, limit=2))
    messages = [e.message.split(":")[0] for e in every]
    assert messages[0] == "Job cancelled" and messages[-1] == "Job validating_files"
    assert messages.count("Job queued") == 2 and "Job paused" in messages
    assert len({e.id for e in every}) == len(every)


def test_models_list_the_catalog_and_unknown_models_are_404(client: Any) -> None:
    ids = [m.id for m in client.models.list()]
    assert {"tiny-chat", "tiny-base"} <= set(ids)
    assert client.models.retrieve("tiny-chat").owned_by == "tunewright"
    for missing in ("nope", "ft:tiny-chat:default::run_missing"):
        with pytest.raises(openai.NotFoundError) as caught:
            client.models.retrieve(missing)
        assert caught.value.body["param"] == "model"


@pytest.mark.parametrize(
    ("body", "param", "words"),
    [
        ({"training_file": "ds_missing"}, "training_file", "no uploaded file"),
        (
            {"method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 0}}}},
            "method.supervised.hyperparameters.n_epochs",
            "greater than or equal to 1",
        ),
        (
            {"method": {"type": "supervised", "supervised": {"hyperparameters": {"batch_size": "big"}}}},
            "method.supervised.hyperparameters.batch_size",
            "batch_size",
        ),
        ({"extra_body": {"learning_rate": 0.1}}, "learning_rate", "Extra inputs"),
        ({"extra_body": {"tunewright": {"lora_rank": 4}}}, "tunewright.lora_rank", "Extra inputs"),
        (
            {"extra_body": {"tunewright": {"hyperparameters": {"max_seq_length": 999999}}}},
            "tunewright.hyperparameters.max_seq_length",
            "context length",
        ),
        ({"model": "gpt-4o-mini"}, "model", "Unknown model"),
        ({"method": {"type": "reinforcement"}}, "method.type", "supervised"),
        ({"suffix": "a:b"}, "suffix", "pattern"),
    ],
)
def test_bad_job_requests_are_400s_naming_the_parameter(
    client: Any, body: dict[str, Any], param: str, words: str
) -> None:
    file_id = _upload(client).id
    kwargs = {"model": "tiny-chat", "training_file": file_id, **body}
    with pytest.raises(openai.BadRequestError) as bad:
        client.fine_tuning.jobs.create(**kwargs)
    error = bad.value.body
    assert bad.value.status_code == 400 and error["type"] == "invalid_request_error"
    assert error["param"] == param and words in error["message"], error
    assert list(client.fine_tuning.jobs.list()) == [], "nothing is created"


def _dpo_pairs(count: int = 4) -> bytes:
    import json

    lines = [
        {
            "input": {"messages": [{"role": "user", "content": f"What is {i} plus {i}?"}]},
            "preferred_output": [{"role": "assistant", "content": f"{i} plus {i} is {2 * i}."}],
            "non_preferred_output": [{"role": "assistant", "content": "I do not know."}],
        }
        for i in range(count)
    ]
    return "".join(json.dumps(line) + "\n" for line in lines).encode()


def test_dpo_jobs_train_the_dpo_stage_with_beta_resolved_and_reported(client: Any) -> None:
    pairs = _upload(client, _dpo_pairs(), name="pairs.jsonl").id
    chosen = _job(client, pairs, method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.2}}})
    assert chosen.method.type == "dpo" and chosen.method.dpo.hyperparameters.beta == 0.2
    auto = _job(client, pairs, method={"type": "dpo"})
    assert auto.method.dpo.hyperparameters.beta == 0.1, "'auto' is resolved at creation and reported back"

    chats = _upload(client).id
    with pytest.raises(openai.BadRequestError) as wrong_data:
        _job(client, chats, method={"type": "dpo"})
    assert wrong_data.value.body["param"] == "method.type" and "preference" in wrong_data.value.body["message"]
    with pytest.raises(openai.BadRequestError) as bad_beta:
        _job(client, pairs, method={"type": "dpo", "dpo": {"hyperparameters": {"beta": -1}}})
    assert bad_beta.value.body["param"] == "method.dpo.hyperparameters.beta"


def test_unknown_jobs_are_404s(client: Any) -> None:
    for call in (client.fine_tuning.jobs.retrieve, client.fine_tuning.jobs.cancel, client.fine_tuning.jobs.list_events):
        with pytest.raises(openai.NotFoundError) as missing:
            call("run_missing")
        assert missing.value.body["type"] == "invalid_request_error" and "run_missing" in missing.value.body["message"]
    with pytest.raises(openai.NotFoundError):
        client.fine_tuning.jobs.checkpoints.list("run_missing")


def test_unknown_v1_paths_answer_in_openai_shape(api: Any) -> None:
    response = api.get("/v1/nothing-here")
    assert response.status_code == 404 and set(response.json()["error"]) == {"message", "type", "param", "code"}
    assert api.get("/api/nothing-here").json()["error"] == "NotFound", "the native API keeps its own shape"


@pytest.fixture
def admin_key() -> Iterator[str]:
    from backend.core.settings import get_settings

    os.environ["TUNEWRIGHT_ADMIN_API_KEY"] = "sk-test-admin"
    get_settings.cache_clear()
    yield "sk-test-admin"
    del os.environ["TUNEWRIGHT_ADMIN_API_KEY"]
    get_settings.cache_clear()


def test_the_admin_key_from_the_environment_works_everywhere_and_others_are_401(
    api: Any, anonymous: Any, admin_key: str
) -> None:
    from openai import OpenAI

    def sdk(key: str) -> Any:
        return OpenAI(base_url=f"{api.base_url}/v1", api_key=key, http_client=anonymous, max_retries=0)

    with pytest.raises(openai.AuthenticationError) as denied:
        sdk("sk-wrong").models.list()
    assert (
        denied.value.body["code"] == "invalid_api_key" and denied.value.response.headers["www-authenticate"] == "Bearer"
    )
    no_key = anonymous.get("/v1/models")
    assert no_key.status_code == 401 and no_key.json()["error"]["code"] == "invalid_api_key"
    assert [m.id for m in sdk(admin_key).models.list()]
    native = anonymous.get("/api/auth/me", headers={"Authorization": f"Bearer {admin_key}"})
    assert native.status_code == 200 and native.json()["role"] == "admin", "the same key works on the native API"
    assert native.json()["user"]["email"] == "admin@tunewright.test", "as the bootstrap admin"


def test_any_format_the_datasets_api_reads_is_a_training_file(client: Any) -> None:
    # The shared folder sits next to the project, or next to the worktrees folder of a helper's checkout.
    folders = [SHARED_FIXTURES, ROOT.parents[1] / "shared" / "fixtures"]
    fixtures = next((f for f in folders if f.is_dir()), None)
    if fixtures is None:
        pytest.skip("the shared fixtures folder is absent")
    path = fixtures / "datasets" / "alpaca_en_demo.json"
    uploaded = _upload(client, path.read_bytes(), path.name)
    assert uploaded.status == "processed" and uploaded.filename == "alpaca_en_demo.json"
    assert '"messages"' in client.files.content(uploaded.id).text.splitlines()[0], "normalised to chat messages"


@pytest.fixture
def gpu_pool() -> Iterator[None]:
    """A declared GPU pool, so runs get a time estimate (CPU runs are not estimated)."""
    from backend.core.settings import get_settings

    os.environ["TUNEWRIGHT_GPU_COUNT"] = "1"
    get_settings.cache_clear()
    yield
    del os.environ["TUNEWRIGHT_GPU_COUNT"]
    get_settings.cache_clear()


def test_a_running_job_estimates_its_finish_from_the_preflight_estimate(
    client: Any, api: Any, gpu_pool: None, mark_validated: Any
) -> None:
    from backend.core.db import session_scope
    from backend.runs import lifecycle

    job = _job(client, _upload(client).id)
    assert job.estimated_finish is None, "not running yet"
    mark_validated(job.id)
    with session_scope() as session:
        assert lifecycle.claim(session, job.id, "w1", 60) is not None
    running = client.fine_tuning.jobs.retrieve(job.id)
    run = api.get(f"/api/runs/{job.id}").json()
    seconds = run["resolved_spec"]["estimate"]["seconds"]
    assert running.status == "running" and seconds is not None
    from datetime import datetime

    started = datetime.fromisoformat(run["started_at"]).timestamp()
    assert running.estimated_finish == int(started + seconds)
