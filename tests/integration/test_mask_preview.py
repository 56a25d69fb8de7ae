"""The loss-mask preview, rendered by a real worker with the model's own chat template."""

from __future__ import annotations

import json
from typing import Any

from tests.support import SAMPLE_CHAT


def _index_of(predicate: Any) -> int:
    for index, line in enumerate(SAMPLE_CHAT.read_text().splitlines()):
        if predicate(json.loads(line)["messages"]):
            return index
    raise AssertionError("no such record in the sample")


def test_preview_marks_exactly_the_assistant_turns(api: Any, start_worker: Any, dataset: dict[str, Any]) -> None:
    start_worker("previewer")
    index = _index_of(lambda m: m[0]["role"] == "user" and len(m) == 2)
    record = json.loads(SAMPLE_CHAT.read_text().splitlines()[index])
    response = api.get(f"/api/datasets/{dataset['id']}/records/{index}/mask-preview", params={"model": "tiny-chat"})
    assert response.status_code == 200, response.text
    preview = response.json()
    text = "".join(t["text"] for t in preview["tokens"])
    trained = "".join(t["text"] for t in preview["tokens"] if t["trained"])
    assert preview["default_system_prompt"] and preview["default_system_prompt"] in text  # inserted: record had none
    assert record["messages"][0]["content"] in text
    assert trained.strip() == record["messages"][1]["content"] + "<|im_end|>"
    assert preview["trained_tokens"] == sum(t["trained"] for t in preview["tokens"]) < preview["total_tokens"]
    assert "<|im_start|>" in preview["template"]

    everything = api.get(
        f"/api/datasets/{dataset['id']}/records/{index}/mask-preview", params={"model": "tiny-chat", "loss_on": "all"}
    ).json()
    assert everything["trained_tokens"] == everything["total_tokens"]

    base = api.get(f"/api/datasets/{dataset['id']}/records/{index}/mask-preview", params={"model": "tiny-base"}).json()
    assert "family's (tiny-chat)" in base["template_reason"] and base["trained_tokens"] > 0
    assert base["template"] == preview["template"], "a base model trains, and previews, with its family's template"


def test_preview_errors_are_clear(api: Any, start_worker: Any, dataset: dict[str, Any], monkeypatch: Any) -> None:
    url = f"/api/datasets/{dataset['id']}/records"
    family = api.get(f"{url}/0/mask-preview", params={"model": "tiny"})
    assert family.status_code == 422 and "tiny-chat" in family.json()["detail"]
    assert api.get(f"{url}/0/mask-preview", params={"model": "gpt-99"}).status_code == 422
    missing = api.get(f"{url}/{dataset['record_count']}/mask-preview")
    assert missing.status_code == 404 and "no record" in missing.json()["detail"]
    assert api.get("/api/datasets/ds_nope/records/0/mask-preview").status_code == 404

    from backend.datasets import service

    monkeypatch.setattr(service, "PREVIEW_TIMEOUT_SECONDS", 1)  # no worker is running yet
    unanswered = api.get(f"{url}/0/mask-preview")
    assert unanswered.status_code == 503 and "No CPU worker answered" in unanswered.json()["detail"]


def test_a_versions_record_previews_as_a_run_on_that_version_trains_it(
    api: Any, start_worker: Any, dataset: dict[str, Any]
) -> None:
    """A held-out split's record #1 is some record of the upload; the preview renders that one, not the upload's #1."""
    start_worker("previewer")
    held_out = api.post(f"/api/datasets/{dataset['id']}/split", json={"eval_count": 3, "seed": 7}).json()["eval"]
    first = api.get(f"/api/dataset-versions/{held_out['id']}/records", params={"limit": 1}).json()["items"][0]
    upload_first = api.get(f"/api/datasets/{dataset['id']}/records", params={"limit": 1}).json()["items"][0]
    assert first["record"] != upload_first["record"]  # seed 7 holds out other records than the upload's first
    url = f"/api/dataset-versions/{held_out['id']}/records/0/mask-preview"
    preview = api.get(url, params={"model": "tiny-chat"})
    assert preview.status_code == 200, preview.text
    body = preview.json()
    assert body["dataset_version_id"] == held_out["id"] and body["dataset_id"] == dataset["id"]
    text = "".join(t["text"] for t in body["tokens"])
    assert all(m["content"] in text for m in first["record"]["messages"] if isinstance(m["content"], str))
    assert not all(m["content"] in text for m in upload_first["record"]["messages"] if isinstance(m["content"], str))

    missing = api.get(f"/api/dataset-versions/{held_out['id']}/records/3/mask-preview")
    assert missing.status_code == 404 and "no record #4" in missing.json()["detail"]
    assert api.get("/api/dataset-versions/dsv_nope/records/0/mask-preview").status_code == 404
