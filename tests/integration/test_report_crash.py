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
from tests.support import killed_midway_and_rescued

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

    def held_by_the_killed_worker(_: dict[str, Any]) -> None:
        attempts, holder = _lease(report_id)
        assert attempts == 1 and holder is not None and holder.startswith("doomed-profiler@")

    done, _, _ = killed_midway_and_rescued(
        report,
        ("doomed-profiler", "rescuing-profiler"),
        tmp_path,
        what="profiling",
        after_kill=held_by_the_killed_worker,
    )
    assert done["status"] == "succeeded", done["error"]
    assert done["progress"] == 1.0 and done["result"]["records"] == RECORDS
    attempts, holder = _lease(report_id)
    assert attempts == 2 and holder is not None and holder.startswith("rescuing-profiler@")
