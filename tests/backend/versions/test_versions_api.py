"""Dataset versions through the API: version 1 at upload, seeded splits, lineage, cleaning computed by the task
itself (in process, on the real database and storage), runs on a version, and bad parameters as 422s."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from tests.support import SAMPLE_CHAT


@pytest.fixture
def dataset(api: Any) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _records(api: Any, version_id: str) -> list[str]:
    lines: list[str] = []
    offset: int | None = 0
    while offset is not None:
        page = api.get(f"/api/dataset-versions/{version_id}/records", params={"offset": offset, "limit": 200}).json()
        lines += [json.dumps(item["record"], sort_keys=True) for item in page["items"]]
        offset = page["next_offset"]
    return lines


def test_an_upload_is_version_one_with_the_records_hash(api: Any, dataset: dict[str, Any]) -> None:
    versions = api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"]
    assert len(versions) == 1
    (first,) = versions
    assert first["id"].startswith("dsv_") and first["number"] == 1 and first["operation"] == "upload"
    assert first["parent_id"] is None and first["status"] == "succeeded"
    assert first["sha256"] == dataset["sha256"] == hashlib.sha256(_normalised(api, dataset)).hexdigest()
    assert first["record_count"] == first["records_before"] == dataset["record_count"]
    assert len(_records(api, first["id"])) == dataset["record_count"]


def _normalised(api: Any, dataset: dict[str, Any]) -> bytes:
    lines = []
    offset: int | None = 0
    while offset is not None:
        page = api.get(f"/api/datasets/{dataset['id']}/records", params={"offset": offset, "limit": 200}).json()
        lines += [json.dumps(item["record"], ensure_ascii=False) + "\n" for item in page["items"]]
        offset = page["next_offset"]
    return "".join(lines).encode()


def test_a_split_is_disjoint_covering_and_the_same_for_a_seed(api: Any) -> None:
    lines = [json.dumps({"text": f"Clause {i} of the standard."}) for i in range(40)]
    dataset = api.post("/api/datasets", files={"file": ("clauses.jsonl", "\n".join(lines).encode())}).json()
    url = f"/api/datasets/{dataset['id']}/split"
    first = api.post(url, json={"eval_fraction": 0.25, "seed": 7})
    assert first.status_code == 201, first.text
    train, held_out = first.json()["train"], first.json()["eval"]
    total = dataset["record_count"]
    assert held_out["record_count"] == round(total * 0.25) and train["record_count"] == total - round(total * 0.25)
    assert (train["role"], held_out["role"]) == ("train", "eval")
    (upload,) = [v for v in api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"] if v["number"] == 1]
    assert train["parent_id"] == held_out["parent_id"] == upload["id"]  # lineage
    assert train["operation"] == "split" and train["parameters"]["seed"] == 7
    train_lines, eval_lines = _records(api, train["id"]), _records(api, held_out["id"])
    everything = _records(api, upload["id"])
    assert len(set(everything)) == 40  # distinct records, so set algebra speaks of positions
    assert set(train_lines) | set(eval_lines) == set(everything) and not set(train_lines) & set(eval_lines)
    assert train_lines == [line for line in everything if line in set(train_lines)]  # original order kept

    again = api.post(url, json={"eval_fraction": 0.25, "seed": 7, "parent_version_id": upload["id"]}).json()
    assert again["eval"]["sha256"] == held_out["sha256"] and again["train"]["sha256"] == train["sha256"]
    assert again["eval"]["number"] == 5  # a new version all the same: versions are never rewritten
    other = api.post(url, json={"eval_count": held_out["record_count"], "seed": 8, "parent_version_id": upload["id"]})
    assert other.json()["eval"]["sha256"] != held_out["sha256"]


def test_bad_parameters_are_422(api: Any, dataset: dict[str, Any]) -> None:
    base = f"/api/datasets/{dataset['id']}"
    cases = [
        ("split", {"seed": 1}),
        ("split", {"eval_fraction": 0.1, "eval_count": 3}),
        ("split", {"eval_fraction": 1.5}),
        ("split", {"eval_count": dataset["record_count"]}),
        ("split", {"eval_count": 1, "parent_version_id": "dsv_missing"}),
        ("clean", {}),
        ("clean", {"min_length": 50, "max_length": 10}),
        ("clean", {"near_dedup_threshold": 0.2}),
        ("clean", {"max_length": 100, "length_unit": "tokens"}),
        ("clean", {"exact_dedup": True, "surprise": 1}),
        ("clean", {"max_length": 100, "length_unit": "tokens", "model": "tiny"}),
    ]
    for action, body in cases:
        response = api.post(f"{base}/{action}", json=body)
        assert response.status_code == 422, (action, body, response.text)
        assert response.json()["detail"], (action, body)
    assert api.post("/api/datasets/ds_missing/split", json={"eval_count": 1}).status_code == 404
    assert api.get("/api/dataset-versions/dsv_missing").status_code == 404


def test_cleaning_writes_a_new_version_with_counts(api: Any, tmp_path: Any) -> None:
    from worker.tasks.cleaning import clean_version

    def chat(q: str, a: str) -> str:
        return json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]})

    lines = [
        chat("What is margin?", "Collateral held against a position."),
        chat("What is margin?", "Collateral held against a position."),
        chat("Contact?", "Mail ops@bank.example.org today."),
        chat("What is a repo?", "A sale with an agreement to buy back."),
    ]
    uploaded = api.post("/api/datasets", files={"file": ("c.jsonl", "\n".join(lines).encode())}).json()
    queued = api.post(f"/api/datasets/{uploaded['id']}/clean", json={"exact_dedup": True, "drop_pii": True})
    assert queued.status_code == 202, queued.text
    version = queued.json()
    assert version["status"] == "queued" and version["number"] == 2 and version["operation"] == "clean"
    assert version["records_before"] == 4 and version["sha256"] is None

    assert clean_version(version["id"]) == "succeeded"
    assert clean_version(version["id"]) == "not-queued"  # a second delivery changes nothing
    done = api.get(f"/api/dataset-versions/{version['id']}").json()
    assert done["status"] == "succeeded" and done["record_count"] == 2 and done["progress"] == 1.0
    filters = {f["name"]: f for f in done["result"]["filters"]}
    assert filters["pii"]["dropped_indices"] == [2] and filters["exact_duplicate"]["dropped_indices"] == [1]
    assert [json.loads(r)["messages"][0]["content"] for r in _records(api, done["id"])] == [
        "What is margin?",
        "What is a repo?",
    ]
    newest = api.post("/api/runs", json={"dataset_id": uploaded["id"], "model": "tiny-chat"})
    assert newest.status_code == 201, newest.text
    spec = newest.json()["resolved_spec"]
    assert spec["dataset_version_id"] == done["id"] and spec["dataset_sha256"] == done["sha256"]
    assert spec["dataset_records"] == 2
    assert newest.json()["dataset_version_id"] == done["id"]
    assert api.get(f"/api/runs/{newest.json()['id']}").json()["dataset_version_id"] == done["id"]


def test_a_run_names_a_version_and_eval_splits_are_not_the_newest(api: Any, dataset: dict[str, Any]) -> None:
    split = api.post(f"/api/datasets/{dataset['id']}/split", json={"eval_count": 4, "seed": 3}).json()
    plain = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"})
    assert plain.status_code == 201, plain.text
    assert plain.json()["resolved_spec"]["dataset_version_id"] == split["train"]["id"]
    assert plain.json()["resolved_spec"]["dataset_records"] == dataset["record_count"] - 4
    body = {"dataset_id": dataset["id"], "dataset_version_id": split["eval"]["id"], "model": "tiny-chat"}
    named = api.post("/api/runs", json=body)
    assert named.status_code == 201, named.text
    spec = named.json()["resolved_spec"]
    assert spec["dataset_version_id"] == split["eval"]["id"] and spec["dataset_sha256"] == split["eval"]["sha256"]
    assert spec["dataset_records"] == 4
    wrong = api.post("/api/runs", json={**body, "dataset_version_id": "dsv_other"})
    assert wrong.status_code == 422 and wrong.json()["field"] == "dataset_version_id"


def test_version_records_page_and_search_with_numbers(api: Any) -> None:
    lines = [json.dumps({"text": f"Clause {i} on {'margin' if i % 3 == 0 else 'settlement'}."}) for i in range(12)]
    dataset = api.post("/api/datasets", files={"file": ("clauses.jsonl", "\n".join(lines).encode())}).json()
    train = api.post(f"/api/datasets/{dataset['id']}/split", json={"eval_count": 2, "seed": 5}).json()["train"]
    url = f"/api/dataset-versions/{train['id']}/records"
    everything = _records(api, train["id"])
    assert len(everything) == 10

    page = api.get(url, params={"offset": 3, "limit": 4}).json()
    assert [(i["index"], i["number"]) for i in page["items"]] == [(3, 4), (4, 5), (5, 6), (6, 7)]
    assert [json.dumps(i["record"], sort_keys=True) for i in page["items"]] == everything[3:7]
    assert page["total"] == 10 and page["next_offset"] == 7 and page["q"] is None

    margin = [i for i, r in enumerate(everything) if "margin" in json.loads(r)["text"]]
    assert 0 < len(margin) < 10
    found = api.get(url, params={"q": "MARGIN"}).json()  # ignores case
    assert [i["index"] for i in found["items"]] == margin and found["q"] == "MARGIN"
    assert all(i["number"] == i["index"] + 1 for i in found["items"])
    assert found["total"] == 10 and found["next_offset"] is None
    first = api.get(url, params={"q": "margin", "limit": 1}).json()
    assert [i["index"] for i in first["items"]] == margin[:1] and first["next_offset"] == margin[0] + 1
    resumed = api.get(url, params={"q": "margin", "offset": first["next_offset"]}).json()
    assert [i["index"] for i in resumed["items"]] == margin[1:]
    assert api.get(url, params={"q": "nowhere"}).json()["items"] == []
    assert len(api.get(url, params={"q": "   ", "limit": 50}).json()["items"]) == 10  # a blank search is no search

    too_long = api.get(url, params={"q": "x" * 201})
    assert too_long.status_code == 422 and "q" in too_long.text


def test_a_version_number_taken_at_the_same_moment_goes_to_the_next(
    api: Any, dataset: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.versions import repository

    # Another request saved a version between reading the highest number and inserting: the first read is stale.
    real, reads = repository.next_number, []

    def stale_once(session: Any, dataset_id: str) -> int:
        reads.append(dataset_id)
        return 1 if len(reads) == 1 else real(session, dataset_id)

    monkeypatch.setattr(repository, "next_number", stale_once)
    response = api.post(f"/api/datasets/{dataset['id']}/split", json={"eval_count": 2, "seed": 3})
    assert response.status_code == 201, response.text
    versions = api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"]
    assert sorted(v["number"] for v in versions) == [1, 2, 3] and len(reads) == 3
