"""The export job's lease: one claim per export, writes guarded by the token, dead workers' exports re-queued."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from backend.core.db import session_scope, utcnow
from backend.exports import lifecycle
from backend.models import Export


@pytest.fixture
def queued_export(api: Any, dataset: dict[str, Any], tmp_path: Path, queued_messages: Any) -> str:
    from backend.checkpoints import service as checkpoints

    run = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"}).json()
    with session_scope() as session:
        checkpoint = checkpoints.record(session, run["id"], 5, str(tmp_path / "checkpoint-5"), {"loss": 1.5})
        checkpoint_id = checkpoint.id
    export = api.post(f"/api/checkpoints/{checkpoint_id}/exports", json={"kind": "merged", "dtype": "fp16"}).json()
    return str(export["id"])


def test_an_export_is_claimed_once_with_everything_the_record_needs(
    queued_export: str, dataset: dict[str, Any]
) -> None:
    with session_scope() as session:
        job = lifecycle.claim(session, queued_export, lease_seconds=60)
    assert job is not None and (job.kind, job.dtype) == ("merged", "fp16")
    assert job.checkpoint_path.endswith("checkpoint-5") and job.storage_key == f"exports/{queued_export}"
    assert job.record["checkpoint_step"] == 5 and job.record["checkpoint_metrics"] == {"loss": 1.5}
    assert job.record["dataset"].pop("version_id").startswith("dsv_")  # the upload: the run named no version
    assert job.record["dataset"] == {
        "id": dataset["id"],
        "name": dataset["name"],
        "sha256": dataset["sha256"],
        "records": dataset["record_count"],
    }
    assert job.record["resolved_spec"] == job.resolved_spec and job.resolved_spec["method"] == "lora"
    with session_scope() as session:
        assert lifecycle.claim(session, queued_export, lease_seconds=60) is None  # a redelivery does nothing
        assert lifecycle.claim(session, "exp_missing", lease_seconds=60) is None


def test_a_lost_lease_cannot_record_and_the_reaper_requeues_then_fails(
    api: Any, queued_export: str, queued_messages: Any
) -> None:
    waiting = queued_messages()  # the message of the POST
    with session_scope() as session:
        stale = lifecycle.claim(session, queued_export, lease_seconds=60)
    assert stale is not None

    def expire() -> None:
        with session_scope() as session:
            export = session.get(Export, queued_export)
            assert export is not None
            export.lease_expires_at = utcnow() - timedelta(seconds=1)

    expire()
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [queued_export]
    assert api.get(f"/api/exports/{queued_export}").json()["status"] == "queued"
    assert queued_messages() == waiting + 1, "the re-queued export is sent again"
    with session_scope() as session:
        assert not lifecycle.succeed(session, stale, 10, None), "the old execution's lease is gone"
        assert not lifecycle.JOBS.heartbeat(session, stale.export_id, stale.token, 60)
        second = lifecycle.claim(session, queued_export, lease_seconds=60)
    assert second is not None and second.token != stale.token

    expire()
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [queued_export]
    export = api.get(f"/api/exports/{queued_export}").json()
    assert export["status"] == "failed" and "lost 2 times" in export["error"]
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == []


def test_a_failed_parity_is_recorded_with_its_figures(api: Any, queued_export: str) -> None:
    with session_scope() as session:
        job = lifecycle.claim(session, queued_export, lease_seconds=60)
        assert job is not None
        figures = {"passed": False, "max_abs_logit_diff": 3.5, "tolerance": 0.1, "tokens_compared": 32}
        assert lifecycle.fail(session, job, "parity check failed: max |logit difference| 3.5", figures)
    export = api.get(f"/api/exports/{queued_export}").json()
    assert export["status"] == "failed" and export["parity"] == figures and export["finished_at"]
    download = api.get(f"/api/exports/{queued_export}/download")
    assert download.status_code == 409 and "parity check failed" in download.json()["detail"]


def test_a_queued_export_whose_message_was_lost_is_sent_again(
    api: Any, queued_export: str, queued_messages: Any
) -> None:
    waiting = queued_messages()
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == []
        export = session.get(Export, queued_export)
        assert export is not None
        export.dispatched_at = utcnow() - timedelta(hours=2)
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [queued_export]
    assert queued_messages() == waiting + 1
    with session_scope() as session:  # sent once per interval, not at every reaper pass
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == []
