"""A corpus of bad uploads: each one gets a clear 4xx (never a 500) and leaves no dataset row and no file behind."""

from __future__ import annotations

import gzip
import io
import json
import random
import zipfile
from pathlib import Path
from typing import Any

import pytest

CHAT = {"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}
ALPACA = {"instruction": "Say hi.", "input": "", "output": "Hi!"}
SHAREGPT = {"conversations": [{"from": "human", "value": "hi"}, {"from": "gpt", "value": "hello"}]}


def _lines(*records: Any) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=False).encode() + b"\n" for r in records)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("data.jsonl", _lines(CHAT))
    return out.getvalue()


LATIN1 = '{"text": "Crème brûlée au café"}\n'.encode("latin-1")
GARBAGE = random.Random(7).randbytes(8192)
NO_NUL_GARBAGE = bytes(b for b in random.Random(8).randbytes(8192) if b)
TRUNCATED = json.dumps([ALPACA] * 3, indent=2).encode()[:-40]
# One line past the real 16 MiB line limit (the upload limit is far larger), after a good record.
HUGE_LINE = _lines(CHAT) + b'{"text": "' + b"x" * (17 * 1024 * 1024) + b'"}\n'

# name → (file name, content, form fields, status, words the detail must contain, field)
CORPUS: dict[str, tuple[str, bytes, dict[str, str], int, str, str]] = {
    "truncated json": ("alpaca.json", TRUNCATED, {}, 422, "not valid JSON", "file"),
    "json garbage after the array": (
        "alpaca.json",
        json.dumps([ALPACA]).encode() + b" junk",
        {},
        422,
        "after the closing",
        "file",
    ),
    "wrong types": (
        "a.jsonl",
        _lines(ALPACA, {"instruction": 5, "output": "x"}),
        {},
        422,
        "line 2, field instruction",
        "file",
    ),
    "wrong label type": ("k.jsonl", _lines({**CHAT, "label": "maybe"}), {}, 422, "field label", "file"),
    "messages not a list": ("c.jsonl", _lines(CHAT, {"messages": "hi"}), {}, 422, "line 2, field messages", "file"),
    "missing field": (
        "a.jsonl",
        _lines(ALPACA, {"instruction": "x", "output": None}),
        {},
        422,
        "field output: missing",
        "file",
    ),
    "unrecognised records": ("q.jsonl", _lines({"question": "q", "answer": "a"}), {}, 422, "not recognised", "file"),
    "mixed formats": ("mixed.jsonl", _lines(ALPACA, ALPACA, SHAREGPT, ALPACA), {}, 422, "line 3", "file"),
    "scalar lines": ("n.jsonl", b"1\n2\n", {}, 422, "JSON object", "file"),
    "binary garbage": ("data.jsonl", GARBAGE, {}, 422, "", "file"),
    "garbage without NUL bytes": ("data.jsonl", NO_NUL_GARBAGE, {}, 422, "neither UTF-8 nor GB18030", "file"),
    "binary with NUL bytes": ("data.csv", b"a,b\n\x00\x01\x02", {}, 422, "binary", "file"),
    "empty file": ("empty.jsonl", b"", {}, 422, "empty", "file"),
    "only blank lines": ("blank.jsonl", b"\n \n\n", {}, 422, "no records", "file"),
    "empty text file": ("blank.txt", b"\n\n   \n", {}, 422, "no records", "file"),
    "empty json array": ("none.json", b"[]", {}, 422, "no records", "file"),
    "latin-1 bytes": ("fr.jsonl", LATIN1, {}, 422, "neither UTF-8 nor GB18030", "file"),
    "utf-16": ("u16.jsonl", '{"text": "x"}'.encode("utf-16"), {}, 422, "UTF-16", "file"),
    "one huge line": ("huge.jsonl", HUGE_LINE, {}, 422, "line 2: is longer than 16 MiB", "file"),
    "gzip bomb": ("bomb.jsonl.gz", gzip.compress(b"\0" * (32 * 1024 * 1024)), {}, 422, "not unpacked", "file"),
    "gzip bomb renamed .jsonl": ("bomb.jsonl", gzip.compress(b"\0" * (32 * 1024 * 1024)), {}, 422, "gzip", "file"),
    "zip archive": ("data.zip", _zip(), {}, 422, "not unpacked", "file"),
    "truncated pdf": ("paper.pdf", b"%PDF-1.7\n...", {}, 422, "paper.pdf: the PDF cannot be read", "file"),
    "zip named docx": ("memo.docx", _zip(), {}, 422, "memo.docx is not a Word document", "file"),
    "xlsx": ("sheet.xlsx", _zip(), {}, 422, "XLSX files are not supported yet", "file"),
    "unknown extension": ("data.yaml", b"a: 1\n", {}, 422, "unsupported file type", "file"),
    "path-like name, bad content": ("../../etc/passwd.jsonl", b"root:x:0:0\n", {}, 422, "passwd.jsonl line 1", "file"),
    "absolute path name": ("/etc/passwd.jsonl", b"root:x:0:0\n", {}, 422, "passwd.jsonl line 1", "file"),
    "windows path name": ("C:\\Users\\..\\evil.jsonl", b"{oops\n", {}, 422, "evil.jsonl line 1", "file"),
    "dot-dot name": ("..", _lines(CHAT), {}, 422, "unsupported file type", "file"),
    "csv unknown column in mapping": (
        "qa.csv",
        b"question,answer\nq,a\n",
        {"columns": '{"instruction": "prompt", "output": "answer"}'},
        422,
        "no column 'prompt'",
        "columns",
    ),
    "csv unknown field in mapping": (
        "qa.csv",
        b"question,answer\nq,a\n",
        {"columns": '{"query": "question"}'},
        422,
        "'query' is not a field",
        "columns",
    ),
    "columns not json": (
        "qa.csv",
        b"question,answer\nq,a\n",
        {"columns": "instruction=question"},
        422,
        "JSON object",
        "columns",
    ),
    "csv ragged row": ("qa.csv", b"instruction,output\nq,a\nq2,a2,extra\n", {}, 422, "line 3", "file"),
    "csv without header": ("qa.csv", b"\n\n", {}, 422, "header", "file"),
    "csv duplicate header": ("qa.csv", b"output,output\na,b\n", {}, 422, "twice", "file"),
    "broken parquet": ("t.parquet", b"PAR1 not really", {}, 422, "not a readable Parquet file", "file"),
    "wrong override": ("a.jsonl", _lines(ALPACA), {"format": "kto"}, 422, "format=kto", "format"),
    "override on text": ("a.txt", b"prose\n", {"format": "alpaca"}, 422, "format=text", "format"),
}


def _stored(data_dir: Path) -> set[Path]:
    root = data_dir / "artifacts"
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.mark.parametrize("case", sorted(CORPUS))
def test_bad_upload_is_a_clear_4xx_and_leaves_nothing(api: Any, data_dir: Path, case: str) -> None:
    name, content, form, status, words, field = CORPUS[case]
    before = _stored(data_dir)
    response = api.post("/api/datasets", files={"file": (name, content)}, data=form)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["error"] == "InvalidInput" and body["field"] == field
    assert words in body["detail"], body["detail"]
    assert "/tmp" not in response.text and ".staging" not in response.text  # no server paths
    for problem in body.get("problems", []):
        assert set(problem) >= {"file", "line", "field", "message"} and ".." not in problem["file"]
    assert api.get("/api/datasets").json()["items"] == []
    assert _stored(data_dir) == before
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []


def test_a_nul_byte_in_the_file_name_is_dropped(api: Any, data_dir: Path) -> None:
    # Clients percent-encode a NUL in the multipart file name; send the raw byte as a hostile client would.
    body = (
        b'--b\r\nContent-Disposition: form-data; name="file"; filename="../evil\x00.jsonl"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n{oops\n\r\n--b--\r\n"
    )
    response = api.post("/api/datasets", content=body, headers={"content-type": "multipart/form-data; boundary=b"})
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("evil.jsonl line 1: not valid JSON")
    assert api.get("/api/datasets").json()["items"] == []
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []


def test_mixed_formats_name_the_first_record_that_does_not_fit(api: Any) -> None:
    content = _lines(*[ALPACA] * 300, SHAREGPT, ALPACA, SHAREGPT)  # past the detection sample
    body = api.post("/api/datasets", files={"file": ("mixed.jsonl", content)}).json()
    assert body["detail"].startswith(
        "mixed.jsonl line 301, field instruction: missing — this record looks like ShareGPT"
    )
    assert "one file must hold one format" in body["detail"] and body["problem_count"] == 2
    assert [p["line"] for p in body["problems"]] == [301, 303]


def test_a_line_over_the_line_limit(api: Any, monkeypatch: Any, data_dir: Path) -> None:
    from backend.datasets import readers

    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 4096)
    huge = {"messages": [{"role": "user", "content": "q" * 10_000}, {"role": "assistant", "content": "a"}]}
    for name, content in (("huge.jsonl", _lines(CHAT, huge)), ("huge.csv", b"text\n" + b"x" * 10_000 + b"\n")):
        response = api.post("/api/datasets", files={"file": (name, content)})
        assert response.status_code == 422 and "longer than 0.00390625 MiB" in response.json()["detail"]
        assert response.json()["problems"][0]["line"] == 2
    assert api.get("/api/datasets").json()["items"] == []
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []


def test_a_line_over_the_upload_limit(api: Any, monkeypatch: Any, data_dir: Path) -> None:
    from backend.core.settings import get_settings

    monkeypatch.setattr(get_settings(), "max_upload_mb", 1)
    line = json.dumps({"text": "x" * (2 * 1024 * 1024)}).encode()
    response = api.post("/api/datasets", files={"file": ("huge.jsonl", line)})
    assert response.status_code == 413 and response.json()["field"] == "file"
    assert api.get("/api/datasets").json()["items"] == []
    assert list((data_dir / "artifacts" / ".staging").iterdir()) == []
