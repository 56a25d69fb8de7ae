"""Cleaning requested through the API and computed by a real CPU worker process into a new dataset version."""

from __future__ import annotations

import json
from typing import Any

from tests.support import wait_for


def _chat(question: str, answer: str) -> str:
    return json.dumps({"messages": [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]})


def test_a_worker_cleans_a_version_in_tokens(api: Any, start_worker: Any) -> None:
    start_worker("cleaner")
    answer = "The settlement cycle for listed equities is two business days after the trade date in most markets."
    lines = [
        _chat("What is the settlement cycle?", answer),
        _chat("What is the settlement cycle?", answer),  # exact duplicate of 0
        _chat("Call me", "My number is +1 415 555 0134."),  # PII
        _chat("Hi", "Ok"),  # short, but within the bounds
        _chat("What is a clearing house?", "A central counterparty that stands between buyer and seller."),
    ]
    dataset = api.post("/api/datasets", files={"file": ("trades.jsonl", "\n".join(lines).encode())}).json()
    body = {"exact_dedup": True, "drop_pii": True, "max_length": 4096, "length_unit": "tokens", "model": "tiny-chat"}
    response = api.post(f"/api/datasets/{dataset['id']}/clean", json=body)
    assert response.status_code == 202, response.text
    queued = response.json()

    def finished() -> dict[str, Any] | None:
        version = api.get(f"/api/dataset-versions/{queued['id']}").json()
        return version if version["status"] in ("succeeded", "failed") else None

    version = wait_for(finished, timeout=180, interval=0.5, what="the cleaning to finish")
    assert version["status"] == "succeeded", version["error"]
    filters = {f["name"]: f for f in version["result"]["filters"]}
    assert filters["max_length"]["dropped"] == 0  # every record fits 4096 tokens
    assert filters["pii"]["dropped_indices"] == [2] and filters["exact_duplicate"]["dropped_indices"] == [1]
    assert version["record_count"] == 3 and version["parent_id"] is not None and len(version["sha256"]) == 64
    listed = api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"]
    assert [v["number"] for v in listed] == [2, 1] and listed[0]["parent_id"] == listed[1]["id"]

    tight = {"max_length": 1, "length_unit": "tokens", "model": "tiny-chat", "parent_version_id": version["id"]}
    queued = api.post(f"/api/datasets/{dataset['id']}/clean", json=tight).json()
    emptied = wait_for(finished, timeout=180, interval=0.5, what="the second cleaning to finish")
    assert emptied["status"] == "succeeded" and emptied["parent_id"] == version["id"]
    assert emptied["result"]["filters"][0]["dropped_indices"] == [0, 1, 2]  # every record is over one token
    assert emptied["record_count"] == 0


def test_a_worker_materialises_a_mixture(api: Any, start_worker: Any) -> None:
    start_worker("mixer")
    versions = []
    for name, count in (("domain", 6), ("general", 40)):
        lines = [_chat(f"{name} question {i}?", f"{name} answer {i}.") for i in range(count)]
        dataset = api.post("/api/datasets", files={"file": (f"{name}.jsonl", "\n".join(lines).encode())}).json()
        versions.append(api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"][0]["id"])
    body = {
        "name": "mix",
        "seed": 1,
        "sources": [
            {"dataset_version_id": versions[0], "ratio": 2, "sampling": "up"},
            {"dataset_version_id": versions[1], "target_tokens": 10},
        ],
    }
    created = api.post("/api/mixtures", json=body)
    assert created.status_code == 202, created.text
    mixture = created.json()
    planned = [s["records_out"] for s in mixture["plan"]["sources"]]
    assert planned[0] == 6  # an up-sampled ratio source alone sets the scale: all of it, once

    def finished() -> dict[str, Any] | None:
        found = api.get(f"/api/mixtures/{mixture['id']}").json()
        return found if found["status"] in ("succeeded", "failed") else None

    done = wait_for(finished, timeout=180, interval=0.5, what="the mixture to be materialised")
    assert done["status"] == "succeeded", done["error"]
    made = api.get(f"/api/datasets/{done['dataset_id']}").json()
    assert made["record_count"] == sum(planned)
    records = api.get(f"/api/datasets/{made['id']}/records", params={"limit": 200}).json()["items"]
    questions = [r["record"]["messages"][0]["content"] for r in records]
    assert questions[:6] == [f"domain question {i}?" for i in range(6)]
    assert all(q.startswith("general question") for q in questions[6:])
