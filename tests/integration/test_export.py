"""Exports through the whole stack: API → Redis → a real Celery worker → engine → DB, then a streamed download."""

from __future__ import annotations

import io
import json
import tarfile
import time
from pathlib import Path
from typing import Any

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from backend.core.queue import EXPORT_CHECKPOINT, send_now
from tests.support import wait_for


def wait_export(api: Any, export_id: str, timeout: float = 180) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        export = api.get(f"/api/exports/{export_id}").json()
        return export if export["status"] in ("succeeded", "failed") else None

    return wait_for(done, timeout, interval=0.3, what=f"export {export_id} to finish")


def download(api: Any, export_id: str, into: Path) -> tuple[Any, list[str]]:
    with api.stream("GET", f"/api/exports/{export_id}/download") as response:
        assert response.status_code == 200, response.read()
        data = b"".join(response.iter_bytes())
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        names = archive.getnames()
        archive.extractall(into, filter="data")
    return response, names


def test_a_checkpoint_exports_as_adapter_and_merged_model_and_downloads_as_a_streamed_archive(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, dataset: dict[str, Any], tmp_path: Path
) -> None:
    worker = start_worker("exporter")
    run = submit(max_steps=10, save_steps=10)
    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])
    checkpoint = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"][0]

    exports = {}
    for kind in ("adapter", "merged"):
        response = api.post(f"/api/checkpoints/{checkpoint['id']}/exports", json={"kind": kind, "dtype": "bf16"})
        assert response.status_code == 202, response.text
        assert response.json()["status"] == "queued" and response.json()["id"].startswith("exp_")
        exports[kind] = response.json()
    again = api.post(f"/api/checkpoints/{checkpoint['id']}/exports", json={"kind": "merged", "dtype": "bf16"})
    assert again.json()["id"] == exports["merged"]["id"], "the same export is not queued twice"

    merged = wait_export(api, exports["merged"]["id"])
    assert merged["status"] == "succeeded", (merged["error"], worker.log()[-3000:])
    parity = merged["parity"]
    assert parity["passed"] is True and parity["dtype"] == "bf16" and parity["tokens_compared"] > 0
    assert parity["max_abs_logit_diff"] <= parity["tolerance"] and merged["size_bytes"] > 0
    adapter = wait_export(api, exports["adapter"]["id"])
    assert adapter["status"] == "succeeded" and adapter["parity"] is None
    listed = api.get(f"/api/checkpoints/{checkpoint['id']}/exports").json()["items"]
    assert {e["id"] for e in listed} == {exports["adapter"]["id"], exports["merged"]["id"]}

    response, names = download(api, merged["id"], tmp_path / "merged")
    prefix = f"{merged['id']}-merged-bf16"
    assert response.headers["content-type"] == "application/x-tar"
    assert response.headers["content-disposition"] == f'attachment; filename="{prefix}.tar"'
    assert "content-length" not in response.headers, "streamed, not built first"
    folder = tmp_path / "merged" / prefix
    assert {"model.safetensors", "config.json", "tokenizer_config.json", "generation_config.json"} <= {
        Path(n).name for n in names
    }
    assert not [n for n in names if n.endswith((".bin", ".pt"))]
    assert sum(p.stat().st_size for p in folder.iterdir()) == merged["size_bytes"]
    record = json.loads((folder / "reproducibility.json").read_text())
    assert record["run_id"] == run["id"] and record["checkpoint_id"] == checkpoint["id"]
    assert record["checkpoint_step"] == checkpoint["step"] == 10
    assert record["dataset"]["id"] == dataset["id"] and record["dataset"]["sha256"] == dataset["sha256"]
    assert record["resolved_spec"] == done["resolved_spec"]
    assert record["libraries"]["torch"] and record["libraries"]["transformers"] and record["libraries"]["peft"]
    assert record["parity"] == parity and record["export"] == {"kind": "merged", "dtype": "bf16"}
    assert record["template"]["chat_template"] == AutoTokenizer.from_pretrained(folder).chat_template
    model = AutoModelForCausalLM.from_pretrained(folder)
    assert {p.dtype for p in model.parameters()} == {torch.bfloat16}

    _, adapter_names = download(api, adapter["id"], tmp_path / "adapter")
    assert {"adapter_model.safetensors", "adapter_config.json", "reproducibility.json"} <= {
        Path(n).name for n in adapter_names
    }

    # A redelivered message finds nothing to claim: the export is not redone.
    send_now(EXPORT_CHECKPOINT, merged["id"])
    time.sleep(3)
    after = api.get(f"/api/exports/{merged['id']}").json()
    assert after["status"] == "succeeded" and after["finished_at"] == merged["finished_at"]
    assert worker.log().count(f"export {merged['id']}: nothing to claim") == 1
