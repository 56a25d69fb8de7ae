"""The admin queue API and the dispatch pass against the real database and broker, with workers as their
heartbeats describe them (no processes behind them)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from backend.core.db import session_scope, utcnow
from backend.core.settings import get_settings
from backend.models import Run, Worker
from backend.runs import lifecycle
from backend.scheduler import dispatch, inventory
from tests.support import ADMIN_EMAIL, SAMPLE_CHAT


def _worker(name: str, gpus_gb: list[int], slots: int = 1) -> None:
    gpus = [inventory.GpuReading(i, "GPU", gb * 1000, 0) for i, gb in enumerate(gpus_gb)]
    report = inventory.WorkerReport(name, f"host-{name}", ["cpu", "gpu"], slots, 2, 4000, "t", True, gpus)
    with session_scope() as session:
        inventory.heartbeat(session, report)


def _queued(api: Any, dataset: dict[str, Any]) -> str:
    response = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"})
    assert response.status_code == 201, response.text
    run_id = str(response.json()["id"])
    stats = {"records": 1, "tokens": 10, "trained_tokens": 5, "truncated": 0, "without_trained_tokens": 0}
    with session_scope() as session:
        assert lifecycle.validated(session, run_id, stats)
    return run_id


def _run(api: Any, run_id: str) -> dict[str, Any]:
    return dict(api.get(f"/api/runs/{run_id}").json())


def _claim(run_id: str, worker: str) -> lifecycle.Lease | None:
    with session_scope() as session:
        return lifecycle.claim(session, run_id, worker, 60)


def test_the_queue_view_orders_waiting_runs_and_explains_them(api: Any, dataset: dict[str, Any]) -> None:
    _worker("w1", [24])
    first, second, third = (_queued(api, dataset) for _ in range(3))
    assert _run(api, first)["queue"]["assigned_worker"] == "w1"
    assert _run(api, second)["queue"]["position"] == 1
    assert (
        _run(api, second)["queue"]["wait_reason"] == "waiting for a free worker slot: all 1 training worker(s) are busy"
    )

    moved = api.post(f"/api/admin/queue/runs/{third}/move-to-top")
    assert moved.status_code == 200 and moved.json()["queue"]["priority"] == 1
    view = api.get("/api/admin/queue").json()
    assert [q["id"] for q in view["queued"]] == [first, third, second]
    assert [q["position"] for q in view["queued"]] == [None, 1, 2]
    assert view["workers"][0]["name"] == "w1" and view["workers"][0]["runs"] == [first]
    assert view["workers"][0]["gpus"][0]["held_by"] is None, "a CPU run holds no GPU"
    usage = {u["email"]: u for u in view["usage"]}
    assert usage[ADMIN_EMAIL]["runs_held"] == 1 and usage[ADMIN_EMAIL]["runs_queued"] == 2

    # The slot frees: the higher-priority run goes first, then the order follows.
    lease = _claim(first, "w1")
    assert lease is not None
    with session_scope() as session:
        assert lifecycle.finish(session, lease, lifecycle.RunStatus.succeeded)
    assert _run(api, third)["queue"]["assigned_worker"] == "w1"
    assert _run(api, second)["queue"]["position"] == 1


def test_a_message_that_outlived_its_assignment_claims_nothing(api: Any, dataset: dict[str, Any]) -> None:
    _worker("w1", [])
    run_id = _queued(api, dataset)
    assert _run(api, run_id)["queue"]["assigned_worker"] == "w1"
    _worker("w2", [])
    drained = api.post("/api/admin/workers/w1/drain")
    assert drained.status_code == 200 and drained.json()["drained"] is True
    assert _run(api, run_id)["queue"]["assigned_worker"] == "w2", "the drained worker's unstarted run moved"
    assert _claim(run_id, "w1") is None, "w1 still holds the first message; it must not run the job"
    assert _claim(run_id, "w2") is not None
    events = api.get(f"/api/runs/{run_id}/events").json()["items"]
    assert any("assignment withdrawn: its worker w1 is drained" in e["data"].get("message", "") for e in events)


def test_an_offline_workers_assignment_is_withdrawn(api: Any, dataset: dict[str, Any]) -> None:
    _worker("w1", [])
    run_id = _queued(api, dataset)
    with session_scope() as session:
        past = utcnow() - timedelta(hours=1)
        session.execute(update(Worker).where(Worker.name == "w1").values(last_heartbeat_at=past))
    with session_scope() as session:
        result = dispatch.run_pass(session, get_settings())
    assert result.withdrawn == [run_id] and result.assigned == []
    queue = _run(api, run_id)["queue"]
    assert queue["assigned_worker"] is None and queue["wait_reason"].startswith("waiting for a worker: none")
    assert api.get("/api/admin/workers").json()[0]["online"] is False


def test_quotas_hold_runs_back_and_admins_edit_them(api: Any, dataset: dict[str, Any]) -> None:
    _worker("w1", [], slots=4)
    quotas = api.get("/api/admin/quotas").json()
    user_id = next(q["user_id"] for q in quotas if q["email"] == ADMIN_EMAIL)
    response = api.put(f"/api/admin/quotas/{user_id}", json={"max_runs": 1, "max_gpus": None})
    assert response.status_code == 200 and response.json()["effective_max_runs"] == 1
    first, second = _queued(api, dataset), _queued(api, dataset)
    assert _run(api, first)["queue"]["assigned_worker"] == "w1"
    assert _run(api, second)["queue"]["wait_reason"] == "quota: user has 1 of 1 concurrent runs"
    api.put(f"/api/admin/quotas/{user_id}", json={"max_runs": None, "max_gpus": None})
    assert _run(api, second)["queue"]["assigned_worker"] == "w1", "lifting the quota places it at once"
    assert api.put("/api/admin/quotas/usr_nobody", json={}).status_code == 404
    assert api.put(f"/api/admin/quotas/{user_id}", json={"max_runs": -1}).status_code == 422


def test_admin_preemption_returns_the_run_to_the_queue(api: Any, dataset: dict[str, Any]) -> None:
    _worker("w1", [])
    run_id = _queued(api, dataset)
    refused = api.post(f"/api/admin/queue/runs/{run_id}/preempt")
    assert refused.status_code == 409 and "only a running run can be preempted" in refused.json()["detail"]
    lease = _claim(run_id, "w1")
    assert lease is not None
    preempted = api.post(f"/api/admin/queue/runs/{run_id}/preempt").json()
    assert preempted["status"] == "running" and preempted["pause_requested"] is True
    assert api.get("/api/admin/queue").json()["running"][0]["preempting"] is True
    with session_scope() as session:
        assert lifecycle.stop_reason(session, lease) == "paused"
        assert lifecycle.paused(session, lease)  # what the worker does after writing the checkpoint
    run = _run(api, run_id)
    assert run["status"] == "queued" and run["attempts"] == 0 and not run["pause_requested"]
    assert run["queue"]["assigned_worker"] == "w1", "placed again, to resume from its checkpoint"
    statuses = [e["data"] for e in api.get(f"/api/runs/{run_id}/events").json()["items"] if e["kind"] == "status"]
    assert statuses[-1]["status"] == "queued" and statuses[-1]["preempted"] is True
    assert _claim(run_id, "w1") is not None


def test_admin_actions_refuse_what_they_cannot_do(api: Any, dataset: dict[str, Any]) -> None:
    assert api.post("/api/admin/workers/ghost@nowhere/drain").status_code == 404
    assert api.post("/api/admin/queue/runs/run_missing/priority", json={"priority": 1}).status_code == 404
    run_id = _queued(api, dataset)
    assert api.post(f"/api/admin/queue/runs/{run_id}/priority", json={"priority": "high"}).status_code == 422
    assert api.post(f"/api/admin/queue/runs/{run_id}/cancel").json()["status"] == "cancelled"
    refused = api.post(f"/api/admin/queue/runs/{run_id}/priority", json={"priority": 3})
    assert refused.status_code == 409


@pytest.fixture
def auto_preempt() -> Iterator[None]:
    os.environ["TUNEWRIGHT_AUTO_PREEMPT_AFTER_SECONDS"] = "60"
    get_settings.cache_clear()
    yield
    del os.environ["TUNEWRIGHT_AUTO_PREEMPT_AFTER_SECONDS"]
    get_settings.cache_clear()


def test_a_long_waiting_higher_priority_run_preempts_a_lower_one(
    api: Any, dataset: dict[str, Any], auto_preempt: None
) -> None:
    _worker("w1", [])
    low = _queued(api, dataset)
    assert _claim(low, "w1") is not None
    high = _queued(api, dataset)
    api.post(f"/api/admin/queue/runs/{high}/priority", json={"priority": 5})
    assert not _run(api, low)["pause_requested"], "it has not waited long enough yet"
    with session_scope() as session:
        session.execute(update(Run).where(Run.id == high).values(queued_at=utcnow() - timedelta(minutes=5)))
    with session_scope() as session:
        assert dispatch.run_pass(session, get_settings()).preempted == [low]
    assert _run(api, low)["pause_requested"] is True
    logs = [e["data"].get("message", "") for e in api.get(f"/api/runs/{low}/events").json()["items"]]
    assert any(f"preempted by higher-priority run {high}" in m for m in logs)


def test_a_project_quota_holds_back_all_its_members_runs_together(api: Any, analyst: Any) -> None:
    _worker("w1", [], slots=4)
    project = api.post("/api/projects", json={"name": "Capped"}).json()
    upload = {"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())}
    dataset = api.post("/api/datasets", files=upload, data={"project_id": project["id"]}).json()
    assert dataset["project_id"] == project["id"]
    response = api.put(f"/api/admin/project-quotas/{project['id']}", json={"max_runs": 1, "max_gpus": None})
    assert response.status_code == 200 and response.json()["effective_max_runs"] == 1
    listed = {q["project_id"]: q for q in api.get("/api/admin/project-quotas").json()}
    assert listed[project["id"]]["max_runs"] == 1 and listed[project["id"]]["name"] == "Capped"

    first, second = _queued(api, dataset), _queued(api, dataset)
    assert _run(api, first)["queue"]["assigned_worker"] == "w1"
    assert _run(api, second)["queue"]["wait_reason"] == "quota: project Capped has 1 of 1 concurrent runs"
    # Runs of another project are not held back by it.
    elsewhere = api.post("/api/datasets", files=upload).json()
    assert _run(api, _queued(api, elsewhere))["queue"]["assigned_worker"] == "w1"

    api.put(f"/api/admin/project-quotas/{project['id']}", json={"max_runs": None, "max_gpus": None})
    assert _run(api, second)["queue"]["assigned_worker"] == "w1", "lifting the quota places it at once"
    assert api.put("/api/admin/project-quotas/prj_nobody", json={}).status_code == 404
    assert analyst.put(f"/api/admin/project-quotas/{project['id']}", json={}).status_code == 403
    (event, *_) = api.get("/api/admin/audit", params={"action": "queue.project_quota"}).json()["items"]
    assert event["target_id"] == project["id"] and event["detail"] == {"max_gpus": None, "max_runs": None}


def test_the_queue_view_shows_the_evaluations_and_exports_that_take_gpu_workers(
    api: Any, dataset: dict[str, Any]
) -> None:
    from backend.checkpoints import service as checkpoints
    from backend.evals import lifecycle as evaluations
    from tests.backend.evals.conftest import FIXTURES, upload

    run = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat", "name": "legal-sft"}).json()
    with session_scope() as session:
        checkpoint_id = checkpoints.record(session, run["id"], 10, "/tmp/tunewright-checkpoint-10", {}).id
    questions = upload(api, FIXTURES / "mixed_subjects.jsonl")
    evaluation = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [questions["id"]]}).json()
    export = api.post(f"/api/checkpoints/{checkpoint_id}/exports", json={"kind": "merged"}).json()
    with session_scope() as session:
        token, _ = evaluations.claim(session, evaluation["id"], "gpu-box-1", 60) or (None, None)
        assert token is not None and evaluations.progress(session, evaluation["id"], token, 0.25)

    jobs = api.get("/api/admin/queue").json()["gpu_jobs"]
    assert [(j["kind"], j["id"], j["status"]) for j in jobs] == [
        ("evaluation", evaluation["id"], "running"),
        ("export", export["id"], "queued"),
    ]
    running, waiting = jobs
    assert running["what"] == "tiny-chat on 1 eval set (on-demand)" and running["run_id"] is None
    assert (running["worker"], running["attempts"], running["progress_pct"]) == ("gpu-box-1", 1, 25.0)
    assert running["owner_email"] == ADMIN_EMAIL and running["started_at"] is not None
    assert waiting["what"] == "merged bf16 export of run legal-sft, checkpoint step 10"
    assert (waiting["run_id"], waiting["worker"], waiting["attempts"], waiting["progress_pct"]) == (
        run["id"],
        None,
        0,
        None,
    )

    with session_scope() as session:
        assert evaluations.fail(session, evaluation["id"], token, "stopped for the test")
    assert [j["id"] for j in api.get("/api/admin/queue").json()["gpu_jobs"]] == [export["id"]]
