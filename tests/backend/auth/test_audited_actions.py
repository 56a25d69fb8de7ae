"""Sensitive actions beyond accounts land in the audit log: run control, the admin queue, the model allow-list and
deleting data — each with who did it and what it touched."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support import ADMIN_EMAIL, SAMPLE_CHAT


def _events(api: Any, action: str) -> list[dict[str, Any]]:
    return list(api.get("/api/admin/audit", params={"action": action, "limit": 200}).json()["items"])


def test_run_control_and_queue_actions_are_audited(api: Any, training_worker: str) -> None:
    dataset = api.post("/api/datasets", files={"file": ("chats.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    run = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"}).json()
    assert api.post(f"/api/runs/{run['id']}/cancel").status_code == 200
    (cancel,) = _events(api, "run.cancel")
    assert (cancel["target_type"], cancel["target_id"], cancel["actor_email"]) == ("run", run["id"], ADMIN_EMAIL)
    assert cancel["detail"]["status"] == "cancelled"

    assert api.post(f"/api/admin/workers/{training_worker}/drain").status_code == 200
    assert api.post(f"/api/admin/workers/{training_worker}/undrain").status_code == 200
    assert [e["action"] for e in _events(api, "queue.")] == ["queue.undrain", "queue.drain"]  # newest first
    user_id = api.get("/api/auth/me").json()["user"]["id"]
    assert api.put(f"/api/admin/quotas/{user_id}", json={"max_runs": 3, "max_gpus": None}).status_code == 200
    (quota,) = _events(api, "queue.quota")
    assert quota["target_id"] == user_id and quota["detail"] == {"max_gpus": None, "max_runs": 3}
    api.put(f"/api/admin/quotas/{user_id}", json={"max_runs": None, "max_gpus": None})

    # A refused action leaves no trace: nothing happened.
    assert api.post(f"/api/runs/{run['id']}/cancel").status_code == 409
    assert len(_events(api, "run.cancel")) == 1


def test_allow_list_changes_and_deleted_data_are_audited(api: Any, tmp_path: Path) -> None:
    root = tmp_path / "models"
    root.mkdir()
    added = api.post("/api/admin/model-sources", json={"kind": "local", "value": str(root)})
    assert added.status_code == 201, added.text
    assert api.delete(f"/api/admin/model-sources/{added.json()['id']}").status_code == 204
    actions = [(e["action"], e["target_id"]) for e in _events(api, "model_source.")]
    assert actions == [("model_source.removed", added.json()["id"]), ("model_source.added", added.json()["id"])]

    dataset = api.post("/api/datasets", files={"file": ("chats.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    assert api.delete(f"/v1/files/{dataset['id']}").json()["deleted"] is True  # OpenAI clients delete files
    (deleted,) = _events(api, "dataset.deleted")
    assert deleted["target_id"] == dataset["id"] and deleted["detail"]["name"] == dataset["name"]
