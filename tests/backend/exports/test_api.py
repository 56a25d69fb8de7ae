"""The export API without a worker: what is queued, what is refused (4xx in the error shape) and the archive."""

from __future__ import annotations

import io
import json
import tarfile
from pathlib import Path
from typing import Any

import pytest

from backend.exports.archive import tar_stream


@pytest.fixture
def checkpoint_of(api: Any, dataset: dict[str, Any], tmp_path: Path) -> Any:
    """A run submitted through the API with a checkpoint row (as the trainer records it) for it."""
    from backend.checkpoints import service as checkpoints
    from backend.core.db import session_scope

    def make(method: str = "lora") -> dict[str, Any]:
        response = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat", "method": method})
        assert response.status_code == 201, response.text
        with session_scope() as session:
            row = checkpoints.record(session, response.json()["id"], 10, str(tmp_path / "checkpoint-10"), {})
            return {"id": row.id, "run_id": row.run_id}

    return make


def test_create_queues_one_export_on_the_gpu_queue_and_reuses_it(
    api: Any, checkpoint_of: Any, queued_messages: Any
) -> None:
    checkpoint = checkpoint_of()
    response = api.post(f"/api/checkpoints/{checkpoint['id']}/exports", json={"kind": "merged"})
    assert response.status_code == 202, response.text
    export = response.json()
    assert export["id"].startswith("exp_") and export["status"] == "queued" and export["dtype"] == "bf16"
    assert export["checkpoint_id"] == checkpoint["id"] and export["parity"] is None
    assert queued_messages() == 1
    again = api.post(f"/api/checkpoints/{checkpoint['id']}/exports", json={"kind": "merged", "dtype": "bf16"})
    assert again.status_code == 202 and again.json()["id"] == export["id"] and queued_messages() == 1
    other = api.post(f"/api/checkpoints/{checkpoint['id']}/exports", json={"kind": "merged", "dtype": "fp16"})
    assert other.json()["id"] != export["id"] and queued_messages() == 2
    listed = api.get(f"/api/checkpoints/{checkpoint['id']}/exports").json()["items"]
    assert [e["id"] for e in listed] == [other.json()["id"], export["id"]]
    assert api.get(f"/api/exports/{export['id']}").json() == export


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "gguf"}, "kind"),
        ({}, "kind"),
        ({"kind": "merged", "dtype": "int8"}, "dtype"),
        ({"kind": "merged", "quantize": "gguf"}, "quantize"),
    ],
)
def test_bad_export_requests_are_422_naming_the_field(
    api: Any, checkpoint_of: Any, queued_messages: Any, body: dict[str, Any], field: str
) -> None:
    response = api.post(f"/api/checkpoints/{checkpoint_of()['id']}/exports", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "InvalidInput" and response.json()["field"] == field
    assert queued_messages() == 0


def test_a_whole_model_checkpoint_has_no_adapter_to_export(api: Any, checkpoint_of: Any, queued_messages: Any) -> None:
    checkpoint = checkpoint_of("full")
    response = api.post(f"/api/checkpoints/{checkpoint['id']}/exports", json={"kind": "adapter"})
    assert response.status_code == 422 and response.json()["field"] == "kind"
    assert "ask for kind 'merged'" in response.json()["detail"]
    assert api.get(f"/api/checkpoints/{checkpoint['id']}/exports").json()["items"] == [] and queued_messages() == 0


def test_unknown_ids_are_404_and_an_unfinished_export_is_409_to_download(api: Any, checkpoint_of: Any) -> None:
    for path in ("/api/checkpoints/ckpt_missing/exports", "/api/exports/exp_missing", "/api/exports/exp_x/download"):
        response = api.get(path)
        assert response.status_code == 404 and response.json()["error"] == "NotFound", path
    response = api.post("/api/checkpoints/ckpt_missing/exports", json={"kind": "merged"})
    assert response.status_code == 404 and response.json()["field"] == "checkpoint_id"

    export = api.post(f"/api/checkpoints/{checkpoint_of()['id']}/exports", json={"kind": "merged"}).json()
    response = api.get(f"/api/exports/{export['id']}/download")
    assert response.status_code == 409 and response.json()["error"] == "Conflict"
    assert "queued" in response.json()["detail"]


def test_the_tar_stream_untars_to_the_folder_in_chunks(tmp_path: Path) -> None:
    folder = tmp_path / "export"
    (folder / "sub").mkdir(parents=True)
    big = bytes(range(256)) * 9000  # over two read chunks, not a multiple of 512
    (folder / "model.safetensors").write_bytes(big)
    (folder / "reproducibility.json").write_text(json.dumps({"run_id": "run_1"}))
    (folder / "sub" / "empty.txt").write_bytes(b"")
    long_name = "n" * 150 + ".json"  # beyond the 100 characters of a plain tar header
    (folder / long_name).write_text("{}")

    chunks = list(tar_stream(folder, "exp_1-merged-bf16"))
    assert max(len(c) for c in chunks) <= 1024 * 1024 and len(chunks) > 4
    with tarfile.open(fileobj=io.BytesIO(b"".join(chunks)), mode="r:") as archive:
        archive.extractall(tmp_path / "out", filter="data")
    out = tmp_path / "out" / "exp_1-merged-bf16"
    assert (out / "model.safetensors").read_bytes() == big
    assert json.loads((out / "reproducibility.json").read_text()) == {"run_id": "run_1"}
    assert (out / "sub" / "empty.txt").read_bytes() == b"" and (out / long_name).read_text() == "{}"
