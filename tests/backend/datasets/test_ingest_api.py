"""Every accepted file type, format and encoding through the real upload API."""

from __future__ import annotations

import csv
import io
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from tests.support import SHARED_FIXTURES

FIXTURES = SHARED_FIXTURES / "datasets"
# file → (kind, source format); the record counts come from the files themselves.
EXPECTED = {
    "alpaca_en_demo.json": ("messages", "alpaca"),
    "alpaca_zh_demo.json": ("messages", "alpaca"),
    "identity.json": ("messages", "alpaca"),
    "glaive_toolcall_en_demo.json": ("messages", "sharegpt"),
    "dpo_en_demo.json": ("preference", "sharegpt_pairs"),
    "kto_en_demo.json": ("kto", "kto"),
    "v1_sft_demo.jsonl": ("messages", "openai"),
    "c4_demo.jsonl": ("text", "text"),
    "wiki_demo.txt": ("text", "txt"),
}
needs_fixtures = pytest.mark.skipif(not FIXTURES.exists(), reason="../shared/fixtures is not present")


def _upload(api: Any, name: str, content: bytes, **form: str) -> Any:
    return api.post("/api/datasets", files={"file": (name, content)}, data=form)


def _created(api: Any, name: str, content: bytes, **form: str) -> dict[str, Any]:
    response = _upload(api, name, content, **form)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _all_records(api: Any, dataset: dict[str, Any]) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    offset: int | None = 0
    while offset is not None:
        page = api.get(f"/api/datasets/{dataset['id']}/records", params={"offset": offset, "limit": 200}).json()
        records += [item["record"] for item in page["items"]]
        offset = page["next_offset"]
    return records


def _expected_count(path: Path) -> int:
    if path.suffix == ".json":
        return len(json.loads(path.read_text(encoding="utf-8")))
    return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())


@needs_fixtures
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_shared_fixture_ingests_to_its_kind(api: Any, name: str) -> None:
    path = FIXTURES / name
    dataset = _created(api, name, path.read_bytes())
    kind, source_format = EXPECTED[name]
    assert (dataset["format"], dataset["source_format"]) == (kind, source_format)
    assert dataset["encoding"] == "utf-8" and dataset["detection_confidence"] == 1.0
    records = _all_records(api, dataset)
    assert len(records) == dataset["record_count"]
    if path.suffix == ".txt":  # one document, cut into records of at most 2000 characters, nothing lost
        text = path.read_text(encoding="utf-8")
        assert len(records) >= math.ceil(len(text.strip()) / 2000)
        assert all(len(r["text"]) <= 2000 and r["source"] == name and r["section"] for r in records)
        assert re.sub(r"\s+", "", "".join(r["text"] for r in records)) == re.sub(r"\s+", "", text)
        return
    assert dataset["record_count"] == _expected_count(path)
    first = records[0]
    if kind == "preference":
        assert first["prompt"][-1]["role"] == "user" and first["chosen"][0]["role"] == "assistant"
    elif kind == "kto":
        assert isinstance(first["label"], bool) and first["messages"][-1]["role"] == "assistant"
    elif kind == "text":
        assert first["text"].strip()
    else:
        assert any(m["role"] == "assistant" for m in first["messages"])
    if source_format == "sharegpt":  # tool calls and observations mapped, tools kept
        messages = [m for r in records for m in r["messages"]]
        assert any("tool_calls" in m for m in messages) and any(m["role"] == "tool" for m in messages)
        assert any("tools" in r for r in records)


@needs_fixtures
def test_any_other_shared_fixture_ingests_too(api: Any) -> None:
    for path in sorted(p for p in FIXTURES.iterdir() if p.name not in EXPECTED):
        dataset = _created(api, path.name, path.read_bytes())
        assert dataset["format"] in ("messages", "preference", "kto", "text")


CHINESE = [{"instruction": "把这句话翻译成英文：你好，世界。", "input": "", "output": "Hello, world."}]


def test_gb18030_and_bom_files_ingest(api: Any) -> None:
    text = json.dumps(CHINESE[0], ensure_ascii=False) + "\n"
    gb = _created(api, "zh.jsonl", text.encode("gb18030"))
    assert (gb["encoding"], gb["source_format"]) == ("gb18030", "alpaca")
    assert _all_records(api, gb)[0]["messages"][0]["content"] == CHINESE[0]["instruction"]
    bom = _created(api, "zh.json", b"\xef\xbb\xbf" + json.dumps(CHINESE, ensure_ascii=False).encode())
    assert bom["encoding"] == "utf-8-sig" and _all_records(api, bom) == _all_records(api, gb)
    csv_bom = _created(api, "zh.csv", "\ufeffinstruction,output\n你好,hello\n".encode())
    assert csv_bom["encoding"] == "utf-8-sig" and csv_bom["source_format"] == "alpaca"


def _csv(rows: list[dict[str, Any]], delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_csv_by_column_names_by_mapping_and_json_cells(api: Any) -> None:
    rows = [
        {"Instruction": "2+2?", "input": "", "output": "4"},
        {"Instruction": "Capital of France?", "input": "", "output": "Paris"},
    ]
    by_name = _created(api, "qa.csv", _csv(rows))
    assert (by_name["source_format"], by_name["record_count"], by_name["detection_confidence"]) == ("alpaca", 2, 1.0)
    mapped_rows = [{"id": i, "question": r["Instruction"], "answer": r["output"]} for i, r in enumerate(rows)]
    mapping = json.dumps({"instruction": "question", "output": "answer"})
    mapped = _created(api, "qa.tsv", _csv(mapped_rows, "\t"), columns=mapping)
    assert mapped["source_format"] == "alpaca" and 0.8 < mapped["detection_confidence"] < 1  # `id` was dropped
    assert _all_records(api, mapped) == _all_records(api, by_name)
    conversations = json.dumps([{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}])
    sharegpt = _created(api, "chats.csv", _csv([{"conversations": conversations, "tools": ""}]))
    assert sharegpt["source_format"] == "sharegpt"
    kto = _created(api, "kto.csv", _csv([{"prompt": "q", "completion": "a", "label": "false"}]))
    assert kto["format"] == "kto" and _all_records(api, kto)[0]["label"] is False


def test_parquet_with_nested_messages_and_a_mapping(api: Any) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")

    def parquet(table: Any) -> bytes:
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return sink.getvalue()

    chats = [[{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}] for i in range(1200)]
    nested = _created(api, "chats.parquet", parquet(pa.table({"messages": chats})))
    assert (nested["format"], nested["source_format"], nested["record_count"]) == ("messages", "openai", 1200)
    assert _all_records(api, nested)[1199]["messages"][1]["content"] == "a1199"
    table = pa.table({"body": ["Clause 1. The tenant pays rent.", "Clause 2. The landlord repairs."]})
    text = _created(api, "contracts.parquet", parquet(table), columns=json.dumps({"text": "body"}))
    assert text["format"] == "text" and _all_records(api, text)[1] == {"text": "Clause 2. The landlord repairs."}
    unknown = _upload(api, "contracts.parquet", parquet(table), columns=json.dumps({"text": "content"}))
    assert unknown.status_code == 422 and unknown.json()["field"] == "columns" and "body" in unknown.json()["detail"]


def test_text_and_markdown_files(api: Any) -> None:
    md = "# Handbook\nWelcome.\n\n## Leave\nTwenty days a year.\n"
    dataset = _created(api, "handbook.md", md.encode(), format="text")
    assert (dataset["format"], dataset["source_format"]) == ("text", "markdown")
    assert [r["section"] for r in _all_records(api, dataset)] == ["Handbook", "Handbook > Leave"]
    plain = _created(api, "notes.txt", "第一段。\n\n第二段。\n".encode("gb18030"))
    assert plain["encoding"] == "gb18030" and _all_records(api, plain) == [
        {"text": "第一段。\n\n第二段。", "source": "notes.txt", "section": "lines 1-3"}
    ]


def test_format_override_and_a_wrong_override(api: Any) -> None:
    alpaca = json.dumps({"instruction": "q", "output": "a"}).encode() + b"\n"
    assert _created(api, "a.jsonl", alpaca, format="alpaca")["source_format"] == "alpaca"
    wrong = _upload(api, "a.jsonl", alpaca, format="sharegpt")
    assert wrong.status_code == 422 and wrong.json()["field"] == "format"
    assert "format=alpaca" in wrong.json()["detail"] and "line 1" in wrong.json()["detail"]
    pairs = json.dumps({"prompt": "q", "chosen": "a", "rejected": "b"}).encode()
    assert _created(api, "p.jsonl", pairs, format="preference")["source_format"] == "flat_pairs"
    text_as_chat = _upload(api, "notes.txt", b"Just prose.\n", format="openai")
    assert text_as_chat.status_code == 422 and text_as_chat.json()["field"] == "format"
    unknown = _upload(api, "a.jsonl", alpaca, format="yaml")
    assert unknown.status_code == 422 and unknown.json()["field"] == "format"
    assert api.get("/api/datasets").json()["items"].__len__() == 2


def test_formats_endpoint_lists_every_format_and_its_example_ingests(api: Any) -> None:
    listing = api.get("/api/datasets/formats").json()
    names = {f["name"] for f in listing["items"]}
    assert names >= {"openai", "alpaca", "sharegpt", "openai_dpo", "sharegpt_pairs", "flat_pairs", "kto", "text", "txt"}
    assert "Parquet" in listing["file_types"] and "gb18030" in listing["encodings"]
    for fmt in listing["items"]:
        if fmt["name"] in ("txt", "markdown", "pdf", "docx"):  # whole files, not records
            continue
        line = json.dumps(fmt["example"], ensure_ascii=False).encode() + b"\n"
        auto = _created(api, f"{fmt['name']}.jsonl", line)
        forced = _created(api, f"{fmt['name']}.jsonl", line, format=fmt["override"])
        assert auto["source_format"] == forced["source_format"] == fmt["name"]
        assert auto["format"] == fmt["kind"] and auto["detection_confidence"] == 1.0


def test_mask_preview_needs_a_conversation_dataset(api: Any) -> None:
    dataset = _created(api, "notes.txt", b"Plain text.\n")
    response = api.get(f"/api/datasets/{dataset['id']}/records/0/mask-preview")
    assert response.status_code == 422 and "conversations" in response.json()["detail"]


def test_names_lose_control_characters(api: Any) -> None:
    line = json.dumps({"text": "x"}).encode()
    response = api.post("/api/datasets", files={"file": ("notes.jsonl", line)}, data={"name": "my\x00 notes\x07"})
    assert response.status_code == 201, response.text  # PostgreSQL refuses NUL in text: it must not get there
    assert response.json()["name"] == "my notes"
