"""The reference-results cache against the real database: what its key depends on, store and reuse, invalidation
when the set's file or the model's files change, and two workers storing the same key."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from backend.core.db import session_scope
from backend.evals import reference_cache
from backend.models import ReferenceResult
from specs.evaluation import EvalSetSpec, EvaluationJob

pytestmark = pytest.mark.usefixtures("clean_db")


def _job(tmp_path: Path, **changes: object) -> EvaluationJob:
    model = tmp_path / "base"
    if not model.exists():
        model.mkdir()
        (model / "config.json").write_text("{}", encoding="utf-8")
        (model / "model.safetensors").write_bytes(b"weights")
    general = tmp_path / "general.jsonl"
    if not general.exists():
        general.write_text('{"text": "general knowledge"}\n', encoding="utf-8")
    sets = [
        EvalSetSpec(dataset_id="ds_dom", name="dom", kind="text", path=str(general), role="domain"),
        EvalSetSpec(dataset_id="ds_gen", name="gen", kind="text", path=str(general), role="general"),
    ]
    fields: dict[str, object] = {"model_path": "/ckpt/1", "reference_path": str(model), "sets": sets, **changes}
    return EvaluationJob.model_validate(fields)


def _key(job: EvaluationJob) -> str:
    return reference_cache.keys_for(job)["ds_gen"].key


def test_only_general_sets_of_a_job_with_a_reference_have_keys(tmp_path: Path) -> None:
    assert list(reference_cache.keys_for(_job(tmp_path))) == ["ds_gen"]
    assert reference_cache.keys_for(_job(tmp_path, reference_path=None)) == {}


def test_the_key_changes_with_everything_the_scores_depend_on_and_nothing_else(tmp_path: Path) -> None:
    base = _key(_job(tmp_path))
    assert _key(_job(tmp_path, model_path="/ckpt/2")) == base, "the candidate checkpoint is not part of the key"
    assert _key(_job(tmp_path, batch_size=2)) == base
    for change in (
        {"prompt_style": "chat"},
        {"generate_answers": True},
        {"max_seq_length": 512},
        {"default_system_prompt": "Be brief."},
        {"max_new_tokens": 8},
        {"reference_path": "org/other-model"},
    ):
        assert _key(_job(tmp_path, **change)) != base, change


def test_a_changed_set_file_or_model_file_is_a_miss(tmp_path: Path) -> None:
    job = _job(tmp_path)
    keys = reference_cache.keys_for(job)
    with session_scope() as session:
        assert reference_cache.store(session, keys["ds_gen"], {"eval_loss": 2.5}, [{"dataset_id": "ds_gen"}])
    with session_scope() as session:
        assert reference_cache.lookup(session, reference_cache.keys_for(job)) == {
            "ds_gen": ({"eval_loss": 2.5}, [{"dataset_id": "ds_gen"}])
        }
        assert session.query(ReferenceResult).one().hits == 1

    (tmp_path / "general.jsonl").write_text('{"text": "general knowledge, revised"}\n', encoding="utf-8")
    with session_scope() as session:
        assert reference_cache.lookup(session, reference_cache.keys_for(job)) == {}

    (tmp_path / "general.jsonl").write_text('{"text": "general knowledge"}\n', encoding="utf-8")
    weights = tmp_path / "base" / "model.safetensors"
    stat = weights.stat()
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # the folder's weights replaced
    with session_scope() as session:
        assert reference_cache.lookup(session, reference_cache.keys_for(job)) == {}


def test_a_second_store_of_the_same_key_is_refused_without_breaking_the_transaction(tmp_path: Path) -> None:
    key = reference_cache.keys_for(_job(tmp_path))["ds_gen"]
    with session_scope() as session:
        assert reference_cache.store(session, key, {"eval_loss": 1.0}, [])
    with session_scope() as session:
        assert not reference_cache.store(session, key, {"eval_loss": 9.0}, [])
        assert session.query(ReferenceResult).count() == 1  # the session still works after the refused insert
    with session_scope() as session:
        assert session.query(ReferenceResult).one().metrics == {"eval_loss": 1.0}
