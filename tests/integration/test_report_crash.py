"""A CPU worker killed with SIGKILL while it computes a data report: nothing else would ever finish the report (its
message is gone with the worker), but its lease expires, the reaper on a second worker queues it again and sends
it, and the second worker computes the whole report (attempts == 2); the killed worker's claim writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backend.core.db import session_scope
from backend.models import DatasetReport
from tests.support import WorkerProcess, wait_for

pytestmark = pytest.mark.integration

# Enough records that the first worker is surely still profiling when it is killed.
RECORDS = 20_000


def _records() -> bytes:
    lines = []
    for i in range(RECORDS):
        question = f"Record {i}: how is instrument {i * 7919 % 10007} settled under rule {i % 97}?"
        answer = f"Instrument {i * 7919 % 10007} settles on day {i % 5 + 1} through clearing house {i % 13}. " * 3
        messages = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
        lines.append(json.dumps({"messages": messages}))
    return "\n".join(lines).encode()


def _lease(report_id: str) -> tuple[int, str | None]:
    with session_scope() as session:
        row = session.get(DatasetReport, report_id)
        assert row is not None
        return row.attempts, row.worker


def test_a_report_whose_worker_was_killed_is_finished_by_another_worker(api: Any, tmp_path: Path) -> None:
    dataset = api.post("/api/datasets", files={"file": ("many.jsonl", _records())})
    assert dataset.status_code == 201, dataset.text
    created = api.post(f"/api/datasets/{dataset.json()['id']}/reports", json={"model": "tiny-chat"})
    assert created.status_code == 202, created.text
    report_id = created.json()["id"]

    def report() -> dict[str, Any]:
        return dict(api.get(f"/api/reports/{report_id}").json())

    doomed = WorkerProcess("doomed-profiler", tmp_path)
    rescuer = None
    try:
        wait_for(
            lambda: (r := report())["status"] == "running" and 0 < r["progress"] < 0.5,
            timeout=180,
            interval=0.05,
            what="the first worker to be profiling",
        )
        doomed.kill()
        attempts, holder = _lease(report_id)
        assert attempts == 1 and holder is not None and holder.startswith("doomed-profiler@")
        assert report()["status"] == "running", "killed mid-report: nothing finished it"

        rescuer = WorkerProcess("rescuing-profiler", tmp_path)
        done = wait_for(
            lambda: (r := report())["status"] in {"succeeded", "failed"} and r,
            timeout=300,
            interval=0.3,
            what="the second worker to finish the report",
        )
    finally:
        doomed.stop()
        if rescuer is not None:
            rescuer.stop()
    assert done["status"] == "succeeded", done["error"]
    assert done["progress"] == 1.0 and done["result"]["records"] == RECORDS
    attempts, holder = _lease(report_id)
    assert attempts == 2 and holder is not None and holder.startswith("rescuing-profiler@")
