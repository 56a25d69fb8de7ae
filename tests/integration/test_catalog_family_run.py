"""A family an admin adds from a local folder trains through the whole stack with a real worker, and keeps
working for its runs after it is retired."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.backend.catalog.conftest import (  # noqa: F401
    admin_api,
    allowed_root,
    catalog_restored,
    copy_model,
    models_dir,
)
from tests.support import SAMPLE_CHAT


def test_a_run_on_a_newly_added_family_trains(
    api: Any,
    catalog_restored: None,  # noqa: F811
    allowed_root: Path,  # noqa: F811
    copy_model: Any,  # noqa: F811
    start_worker: Any,
    wait_status: Any,
) -> None:
    chat = copy_model(allowed_root / "acme-chat", "chat")
    added = api.post(
        "/api/admin/models",
        json={"name": "acme", "license": "MIT", "chat_source": str(chat), "recommended": {"learning_rate": 5e-3}},
    )
    assert added.status_code == 201, added.text
    dataset = api.post("/api/datasets", files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())}).json()

    worker = start_worker("catalog-trainer")
    body = {"dataset_id": dataset["id"], "model": "acme", "hyperparameters": {"max_steps": 12, "save_steps": 12}}
    run = api.post("/api/runs", json=body)
    assert run.status_code == 201, run.text
    assert run.json()["resolved_spec"]["model"]["path"] == str(chat)
    done = wait_status(run.json()["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])
    assert done["model"] == "acme-chat" and done["progress"]["step"] == 12

    checkpoints = api.get("/api/checkpoints", params={"run_id": done["id"]}).json()["items"]
    assert [c["step"] for c in checkpoints] == [12]
    adapter = Path(checkpoints[0]["path"]) / "adapter_config.json"
    assert str(chat) in adapter.read_text()  # trained on the admin's folder, not on tiny

    assert api.post("/api/admin/models/acme/retire").status_code == 200
    assert api.get(f"/api/runs/{done['id']}").json()["status"] == "succeeded"
    assert [c["id"] for c in api.get("/api/checkpoints", params={"run_id": done["id"]}).json()["items"]] == [
        checkpoints[0]["id"]
    ]
