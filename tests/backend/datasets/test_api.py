from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support import SAMPLE_CHAT

GOOD = b'{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}\n'


def _stored_files(data_dir: Path) -> list[Path]:
    root = data_dir / "artifacts" / "datasets"
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_upload_list_get_and_read_records(api: Any) -> None:
    response = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    dataset = response.json()
    assert dataset["id"].startswith("ds_") and dataset["name"] == "sample_chat"
    assert dataset["record_count"] == sum(1 for line in SAMPLE_CHAT.read_text().splitlines() if line.strip())

    listed = api.get("/api/datasets").json()
    assert [d["id"] for d in listed["items"]] == [dataset["id"]] and listed["next_cursor"] is None
    assert api.get(f"/api/datasets/{dataset['id']}").json() == dataset

    page = api.get(f"/api/datasets/{dataset['id']}/records", params={"offset": 5, "limit": 3}).json()
    assert [item["index"] for item in page["items"]] == [5, 6, 7]
    assert page["next_offset"] == 8 and page["total"] == dataset["record_count"]
    assert page["items"][0]["record"]["messages"][-1]["role"] == "assistant"
    last = api.get(f"/api/datasets/{dataset['id']}/records", params={"offset": dataset["record_count"] - 1}).json()
    assert len(last["items"]) == 1 and last["next_offset"] is None


def test_list_paginates_with_a_cursor(api: Any) -> None:
    ids = [api.post("/api/datasets", files={"file": (f"d{i}.jsonl", GOOD)}).json()["id"] for i in range(3)]
    first = api.get("/api/datasets", params={"limit": 2}).json()
    assert [d["id"] for d in first["items"]] == ids[::-1][:2]
    second = api.get("/api/datasets", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [d["id"] for d in second["items"]] == [ids[0]] and second["next_cursor"] is None


def test_bad_records_are_listed_and_nothing_is_stored(api: Any, data_dir: Path) -> None:
    content = GOOD + b'{"messages": [{"role": "robot", "content": "x"}]}\n' + b"{oops\n"
    before = _stored_files(data_dir)
    response = api.post("/api/datasets", files={"file": ("train.jsonl", content)})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "InvalidInput" and body["field"] == "file"
    assert body["detail"].startswith("train.jsonl line 2, field messages[0].role")
    assert [(p["line"], p["field"]) for p in body["problems"]] == [(2, "messages[0].role"), (3, "")]
    assert api.get("/api/datasets").json()["items"] == []
    assert _stored_files(data_dir) == before
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []


def test_wrong_kind_of_file_and_empty_file(api: Any) -> None:
    wrong = api.post("/api/datasets", files={"file": ("notes.pptx", b"slides")})
    assert wrong.status_code == 422 and "JSONL" in wrong.json()["detail"]
    empty = api.post("/api/datasets", files={"file": ("empty.jsonl", b"\n\n")})
    assert empty.status_code == 422 and "no records" in empty.json()["detail"]
    missing = api.post("/api/datasets", data={"name": "x"})
    assert missing.status_code == 422 and missing.json()["field"] == "file"


def test_path_in_file_name_never_reaches_the_file_system(api: Any, data_dir: Path) -> None:
    before = set(_stored_files(data_dir))
    response = api.post("/api/datasets", files={"file": ("../../etc/evil.jsonl", GOOD)})
    assert response.status_code == 201
    assert response.json()["filename"] == "evil.jsonl"
    [stored] = set(_stored_files(data_dir)) - before
    assert stored.is_relative_to(data_dir / "artifacts" / "datasets") and "evil" not in str(stored)


def test_oversize_upload_is_refused(api: Any, monkeypatch: Any, data_dir: Path) -> None:
    from backend.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "max_upload_mb", 1)
    before = _stored_files(data_dir)
    big = GOOD * (2 * 1024 * 1024 // len(GOOD))
    response = api.post("/api/datasets", files={"file": ("big.jsonl", big)})
    assert response.status_code == 413 and response.json()["error"] == "PayloadTooLarge"
    assert "1 MiB" in response.json()["detail"]
    assert _stored_files(data_dir) == before


def test_unknown_dataset_is_404_with_error_body(api: Any) -> None:
    response = api.get("/api/datasets/ds_nope")
    assert response.status_code == 404
    assert response.json() == {"error": "NotFound", "detail": "No dataset 'ds_nope'.", "field": "dataset_id"}
    assert api.get("/api/datasets/ds_nope/records").status_code == 404
    bad_query = api.get("/api/datasets", params={"limit": 0})
    assert bad_query.status_code == 422 and bad_query.json()["field"] == "limit"
