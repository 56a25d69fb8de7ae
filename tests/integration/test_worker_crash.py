"""A worker killed with SIGKILL mid-run: the lease expires, the reaper re-queues the run, a new worker resumes it
from the last checkpoint, and at no moment do two executions of the run overlap."""

from __future__ import annotations

from typing import Any

from tests.support import event_kinds, wait_for


def test_killed_worker_run_resumes_from_its_checkpoint_on_a_new_worker(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, all_events: Any
) -> None:
    doomed = start_worker("doomed")
    run = submit(max_steps=60, save_steps=10)

    def checkpointed_and_moving() -> bool:
        events = all_events(run["id"])
        return (
            bool(event_kinds(events, "checkpoint"))
            and max((e["data"]["step"] for e in event_kinds(events, "metric")), default=0) > 12
        )

    wait_for(checkpointed_and_moving, 180, interval=0.1, what="a checkpoint and a few more steps")
    doomed.kill()
    killed_at = max(e["id"] for e in all_events(run["id"]))

    start_worker("rescuer")
    done = wait_status(run["id"], {"succeeded", "failed"}, timeout=240)
    assert done["status"] == "succeeded", done["error"]
    assert done["attempts"] == 2

    events = all_events(run["id"])
    statuses = [(e["id"], e["data"]["status"], e["data"].get("attempt")) for e in event_kinds(events, "status")]
    assert [s[1] for s in statuses] == ["validating", "queued", "running", "queued", "running", "succeeded"]
    requeued_id = statuses[3][0]
    assert requeued_id > killed_at, "the run was re-queued only after the first worker died"
    assert [s[2] for s in statuses if s[1] == "running"] == [1, 2]

    first_execution = [e for e in event_kinds(events, "metric") if e["id"] < requeued_id]
    second_execution = [e for e in event_kinds(events, "metric") if e["id"] > requeued_id]
    assert first_execution and second_execution
    last_checkpoint_before = max(e["step"] for e in event_kinds(events, "checkpoint") if e["id"] < requeued_id)
    assert second_execution[0]["data"]["step"] == last_checkpoint_before + 1, "resumed right after the checkpoint"
    assert [e["data"]["step"] for e in second_execution] == list(range(last_checkpoint_before + 1, 61))
    resumed = [
        e for e in event_kinds(events, "log") if e["id"] > requeued_id and "resum" in e["data"]["message"].lower()
    ]
    assert resumed, "the engine says it resumed"
