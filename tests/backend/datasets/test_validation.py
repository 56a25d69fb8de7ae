from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from backend.datasets.ingest import IngestResult, ingest, stage_upload
from backend.datasets.validation import normalise_record
from tests.support import SAMPLE_CHAT, SHARED_FIXTURES


def _validate(tmp_path: Path, content: bytes, name: str = "data.jsonl") -> tuple[IngestResult, Path]:
    source, out = tmp_path / "upload", tmp_path / "out.jsonl"
    source.write_bytes(content)
    return ingest(source, name, out), out


def test_good_records_are_normalised_and_counted(tmp_path: Path) -> None:
    lines = [
        {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]},
        {
            "messages": [
                {"role": "user", "content": [{"type": "text", "text": "a"}, {"type": "text", "value": "b"}]},
                {"role": "assistant", "content": "c", "weight": 0},
                {"role": "user", "content": "d"},
                {"role": "assistant", "content": "e"},
            ]
        },
    ]
    result, out = _validate(tmp_path, b"\xef\xbb\xbf" + "\n".join(json.dumps(x) for x in lines).encode() + b"\n\n")
    assert result.problems == []
    assert result.record_count == 2
    assert (result.kind, result.source_format, result.encoding) == ("messages", "openai", "utf-8-sig")
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert written[1]["messages"][0] == {"role": "user", "content": "ab"}
    assert written[1]["messages"][1] == {"role": "assistant", "content": "c", "weight": 0}
    assert len(result.sha256) == 64


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        (b"{not json", "", "not valid JSON"),
        (b"[1, 2]", "", "JSON object"),
        (b'{"text": "x"}', "messages", "looks like Text records"),  # another format in the same file
        (b'{"messages": []}', "messages", "non-empty"),
        (b'{"messages": [{"role": "bot", "content": "x"}]}', "messages[0].role", "'bot' is not one of"),
        (b'{"messages": [{"role": "user"}]}', "messages[0].content", "missing"),
        (b'{"messages": [{"role": "user", "content": "only a question"}]}', "messages", "at least one assistant"),
        (
            b'{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a", "weight": 2}]}',
            "messages[1].weight",
            "0 or 1",
        ),
        (b'{"messages": [{"role": "user", "content": [{"type": "image_url"}]}]}', "messages[0].content[0]", "text"),
    ],
)
def test_each_problem_names_line_and_field(tmp_path: Path, line: bytes, field: str, words: str) -> None:
    good = b'{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}'
    result, _ = _validate(tmp_path, good + b"\n" + line + b"\n")
    assert result.record_count == 1
    [problem] = result.problems
    assert (problem.file, problem.line, problem.field) == ("data.jsonl", 2, field)
    assert words in problem.message
    assert problem.sentence().startswith("data.jsonl line 2")


def test_invalid_utf8_is_reported_not_crashed(tmp_path: Path) -> None:
    good = b'{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}\n'
    result, _ = _validate(tmp_path, good + b'{"messages": "\xff\xfe"}\n')
    [problem] = result.problems
    assert problem.line == 2 and "UTF-8" in problem.message and "GB18030" in problem.message


def test_problem_list_is_bounded_but_counted(tmp_path: Path) -> None:
    result, _ = _validate(tmp_path, b"nope\n" * 100)
    assert len(result.problems) == 20 and result.problem_count == 100


def test_size_limit_stops_reading(tmp_path: Path) -> None:
    with pytest.raises(OverflowError):
        stage_upload(io.BytesIO(b'{"messages": []}\n' * 1000), tmp_path / "staged", max_bytes=100)


def test_bundled_sample_dataset_is_valid(tmp_path: Path) -> None:
    result, _ = _validate(tmp_path, SAMPLE_CHAT.read_bytes())
    assert result.problems == [] and result.record_count >= 100


def test_real_content_parts_with_loss_weight_fixture(tmp_path: Path) -> None:
    path = SHARED_FIXTURES / "datasets" / "v1_sft_demo.jsonl"
    if not path.exists():
        pytest.skip("../shared/fixtures is not present")
    result, out = _validate(tmp_path, path.read_bytes())
    assert result.problems == []
    assert result.record_count == sum(1 for line in path.read_text().splitlines() if line.strip())
    first = json.loads(out.read_text().splitlines()[0])
    # loss_weight becomes weight, on assistant messages only (the only ones a run ever trains on).
    assert [(m["role"], m.get("weight")) for m in first["messages"]] == [("user", None), ("assistant", 1)]
    assert first["messages"][1]["content"].startswith("Hello! I am")


def test_normalise_rejects_non_binary_weight() -> None:
    with pytest.raises(ValueError, match="0 or 1"):
        normalise_record({"messages": [{"role": "assistant", "content": "a", "weight": 0.5}]})
