"""Accepting a file in part: its valid records become the dataset, its bad ones are kept aside and listed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

CHAT = {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
BAD_ROLE = '{"messages": [{"role": "robot", "content": "x"}, {"role": "assistant", "content": "a"}]}'
BROKEN = '{"messages": [oops'


def _chat(i: int) -> str:
    return json.dumps({"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]})


# Lines 1-5: good, bad role, good, broken JSON, good.
FILE = "\n".join([_chat(1), BAD_ROLE, _chat(3), BROKEN, _chat(5)]).encode() + b"\n"


def _stored(data_dir: Path) -> set[Path]:
    root = data_dir / "artifacts"
    return {p for p in root.rglob("*") if p.is_file() and ".staging" not in p.parts}


def _upload(api: Any, content: bytes, name: str = "chat.jsonl", **form: str) -> Any:
    return api.post("/api/datasets", files={"file": (name, content)}, data=form)


def _nothing_kept(api: Any, data_dir: Path, before: set[Path]) -> None:
    assert api.get("/api/datasets").json()["items"] == []
    assert _stored(data_dir) == before
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []


def test_reject_is_the_default_and_says_what_quarantine_would_keep(api: Any, data_dir: Path) -> None:
    before = _stored(data_dir)
    for form in ({}, {"on_invalid": "reject"}):
        response = _upload(api, FILE, **form)
        assert response.status_code == 422, response.text
        body = response.json()
        assert body["problem_count"] == 2 and [p["line"] for p in body["problems"]] == [2, 4]
        assert body["valid_count"] == 3 and body["quarantinable"] is True
        assert "on_invalid=quarantine to keep its 3 valid record(s) and set the 2 bad one(s) aside" in body["detail"]
    _nothing_kept(api, data_dir, before)


def test_quarantine_keeps_the_valid_records_and_lists_the_bad_ones(api: Any, data_dir: Path) -> None:
    response = _upload(api, FILE, on_invalid="quarantine")
    assert response.status_code == 201, response.text
    dataset = response.json()
    assert (dataset["record_count"], dataset["quarantined_count"]) == (3, 2)
    records = api.get(f"/api/datasets/{dataset['id']}/records").json()["items"]
    assert [r["record"]["messages"][0]["content"] for r in records] == ["q1", "q3", "q5"]

    listed = api.get(f"/api/datasets/{dataset['id']}/quarantine").json()
    assert listed["total"] == 2 and listed["next_offset"] is None
    role, broken = listed["items"]
    assert (role["index"], role["file"], role["line"], role["unit"], role["raw"]) == (
        0,
        "chat.jsonl",
        2,
        "line",
        BAD_ROLE,
    )
    assert role["field"] == "messages[0].role" and "robot" in role["message"]
    assert (broken["line"], broken["field"], broken["raw"]) == (4, "", BROKEN)
    assert "not valid JSON" in broken["message"]
    # `number` counts from 1 for people; `index` stays the 0-based position `offset` takes.
    assert [(i["index"], i["number"]) for i in listed["items"]] == [(0, 1), (1, 2)]

    page = api.get(f"/api/datasets/{dataset['id']}/quarantine", params={"offset": 1, "limit": 1}).json()
    assert [i["line"] for i in page["items"]] == [4] and page["next_offset"] is None
    assert [i["number"] for i in page["items"]] == [2]
    first = api.get(f"/api/datasets/{dataset['id']}/quarantine", params={"limit": 1}).json()
    assert [i["line"] for i in first["items"]] == [2] and first["next_offset"] == 1

    folder = data_dir / "artifacts" / "datasets" / dataset["id"]
    assert sorted(p.name for p in folder.iterdir()) == ["quarantine.jsonl", "records.jsonl"]


def test_every_bad_record_is_kept_not_only_the_listed_ones(api: Any) -> None:
    lines = [_chat(0)] + [f'{{"messages": {i}}}' for i in range(30)]
    dataset = _upload(api, "\n".join(lines).encode(), on_invalid="quarantine").json()
    assert (dataset["record_count"], dataset["quarantined_count"]) == (1, 30)
    listed = api.get(f"/api/datasets/{dataset['id']}/quarantine", params={"limit": 100}).json()
    assert [i["raw"] for i in listed["items"]] == lines[1:]


def test_csv_rows_are_quarantined_as_read(api: Any) -> None:
    content = b"instruction,output\nq1,a1\nq2,a2,extra\nq3,\n"
    dataset = _upload(api, content, "qa.csv", on_invalid="quarantine").json()
    assert (dataset["record_count"], dataset["quarantined_count"]) == (1, 2)
    ragged, empty = api.get(f"/api/datasets/{dataset['id']}/quarantine").json()["items"]
    assert (ragged["line"], json.loads(ragged["raw"])) == (3, ["q2", "a2", "extra"])
    assert (empty["line"], empty["field"], json.loads(empty["raw"])) == (
        4,
        "output",
        {"instruction": "q3", "output": ""},
    )


def test_a_dataset_without_bad_records_has_an_empty_quarantine(api: Any) -> None:
    dataset = _upload(api, (_chat(1) + "\n").encode(), on_invalid="quarantine").json()
    assert dataset["quarantined_count"] == 0
    assert api.get(f"/api/datasets/{dataset['id']}/quarantine").json() == {"items": [], "total": 0, "next_offset": None}
    assert api.get("/api/datasets/ds_nope/quarantine").status_code == 404


def test_a_file_with_no_valid_record_is_refused_even_in_quarantine_mode(api: Any, data_dir: Path) -> None:
    before = _stored(data_dir)
    response = _upload(api, f"{BAD_ROLE}\n{BROKEN}\n".encode(), on_invalid="quarantine")
    assert response.status_code == 422
    body = response.json()
    assert body["valid_count"] == 0 and body["quarantinable"] is False and body["problem_count"] == 2
    assert "no record of chat.jsonl is valid, so there is nothing to train on" in body["detail"]
    _nothing_kept(api, data_dir, before)


def test_a_file_that_cannot_be_read_in_full_is_refused_even_in_quarantine_mode(api: Any, data_dir: Path) -> None:
    before = _stored(data_dir)
    truncated = (json.dumps([CHAT, CHAT, CHAT], indent=2)[:-30]).encode()
    latin1 = (_chat(1) + '\n{"text": "Crème brûlée au café"}\n').encode("latin-1")
    for name, content, words in (
        ("chat.json", truncated, "not valid JSON"),
        ("fr.jsonl", latin1, "neither UTF-8 nor GB18030"),
    ):
        response = _upload(api, content, name, on_invalid="quarantine")
        assert response.status_code == 422, response.text
        body = response.json()
        assert words in body["detail"] and "cannot be accepted in part" in body["detail"]
        assert body["quarantinable"] is False and body["valid_count"] == 0
    _nothing_kept(api, data_dir, before)


def test_an_unknown_on_invalid_is_a_clear_422(api: Any) -> None:
    response = _upload(api, FILE, on_invalid="drop")
    assert response.status_code == 422
    assert response.json()["field"] == "on_invalid" and "'reject' or 'quarantine'" in response.json()["detail"]


def test_a_store_failure_while_keeping_the_files_leaves_nothing_half_written(
    api: Any, data_dir: Path, monkeypatch: Any
) -> None:
    from backend.core.storage import LocalStorage

    before = _stored(data_dir)
    real_import = LocalStorage.import_file

    def disk_full_on_the_quarantine(self: LocalStorage, key: str, source: Path) -> None:
        if key.endswith("/quarantine.jsonl"):
            raise OSError(28, "No space left on device")
        real_import(self, key, source)

    monkeypatch.setattr(LocalStorage, "import_file", disk_full_on_the_quarantine)
    with pytest.raises(OSError, match="No space left"):
        _upload(api, FILE, on_invalid="quarantine")
    _nothing_kept(api, data_dir, before)


def test_parquet_rows_are_quarantined_by_row_number(api: Any) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.table({"instruction": ["q1", "q2", "q3"], "output": ["a1", None, "a3"], "score": [1.5, 2.5, 3.5]})
    out = pa.BufferOutputStream()
    pq.write_table(table, out)
    dataset = _upload(api, out.getvalue().to_pybytes(), "qa.parquet", on_invalid="quarantine").json()
    assert (dataset["record_count"], dataset["quarantined_count"]) == (2, 1)
    [bad] = api.get(f"/api/datasets/{dataset['id']}/quarantine").json()["items"]
    assert (bad["line"], bad["unit"], bad["field"]) == (2, "row", "output")
    assert json.loads(bad["raw"]) == {"instruction": "q2", "output": None, "score": 2.5}
