"""Each format's normalisation, detection, text chunking and encoding detection, without the API."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from backend.core.errors import InvalidInput
from backend.datasets.formats import BY_NAME, RECORD_FORMATS, RecordError
from backend.datasets.formats.detect import detect
from backend.datasets.formats.text import chunk_lines
from backend.datasets.readers import detect_encoding


def _norm(name: str, record: dict[str, Any]) -> dict[str, Any]:
    fmt = BY_NAME[name]
    assert fmt.matches(record), f"{name} should recognise {record}"
    assert [f.name for f in RECORD_FORMATS if f.matches(record)] == [name], "signatures must be disjoint"
    return fmt.normalise(record)


def test_alpaca_with_system_history_and_input() -> None:
    out = _norm(
        "alpaca",
        {
            "instruction": "Translate",
            "input": "bonjour",
            "output": "hello",
            "system": "Be brief.",
            "history": [["hi", "hey"]],
        },
    )
    assert out == {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "hi"},
            {"role": "assistant", "content": "hey"},
            {"role": "user", "content": "Translate\nbonjour"},
            {"role": "assistant", "content": "hello"},
        ]
    }
    # CSV cells hold history as JSON text.
    assert (
        _norm("alpaca", {"instruction": "q", "output": "a", "history": '[["x", "y"]]'})["messages"][1]["content"] == "y"
    )


def test_sharegpt_tool_calls_and_observations() -> None:
    out = _norm(
        "sharegpt",
        {
            "conversations": [
                {"from": "human", "value": "weather in Oslo?"},
                {"from": "function_call", "value": '{"name": "get_weather", "arguments": {"city": "Oslo"}}'},
                {"from": "observation", "value": '{"c": 4}'},
                {"from": "gpt", "value": "4 °C"},
            ],
            "system": "You can call tools.",
            "tools": '[{"name": "get_weather", "parameters": {"type": "object"}}]',
        },
    )
    system, user, call, observation, answer = out["messages"]
    assert system == {"role": "system", "content": "You can call tools."} and user["role"] == "user"
    assert call == {
        "role": "assistant",
        "content": "",
        "tool_calls": [{"type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Oslo"}'}}],
    }
    assert observation == {"role": "tool", "content": '{"c": 4}'} and answer["role"] == "assistant"
    assert out["tools"] == [{"type": "function", "function": {"name": "get_weather", "parameters": {"type": "object"}}}]


def test_openai_keeps_tool_calls_tools_and_weights() -> None:
    out = _norm(
        "openai",
        {
            "messages": [
                {"role": "developer", "content": "sys"},
                {
                    "role": "user",
                    "content": [{"type": "text", "text": "a"}, {"type": "text", "text": "b"}],
                    "weight": 0,
                },
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
                },
                {"role": "tool", "content": "42", "tool_call_id": "c1"},
                {"role": "assistant", "content": "done", "loss_weight": 0.0},
            ],
            "tools": [{"type": "function", "function": {"name": "f"}}],
        },
    )
    assert [m["role"] for m in out["messages"]] == ["system", "user", "assistant", "tool", "assistant"]
    assert out["messages"][1] == {"role": "user", "content": "ab"}  # weight only on assistant messages
    assert out["messages"][2]["tool_calls"][0]["id"] == "c1" and out["messages"][2]["content"] == ""
    assert out["messages"][3]["tool_call_id"] == "c1" and out["messages"][4]["weight"] == 0
    assert out["tools"] == [{"type": "function", "function": {"name": "f"}}]


def test_preference_pairs_in_every_shape() -> None:
    prompt = [{"role": "user", "content": "2+2?"}]
    good, bad = [{"role": "assistant", "content": "4"}], [{"role": "assistant", "content": "5"}]
    expected = {"prompt": prompt, "chosen": good, "rejected": bad}
    assert (
        _norm("openai_dpo", {"input": {"messages": prompt}, "preferred_output": good, "non_preferred_output": bad})
        == expected
    )
    sharegpt = {"conversations": [{"from": "human", "value": "2+2?"}], "chosen": {"from": "gpt", "value": "4"}}
    assert _norm("sharegpt_pairs", {**sharegpt, "rejected": {"from": "gpt", "value": "5"}}) == expected
    assert _norm("flat_pairs", {"prompt": "2+2?", "chosen": "4", "rejected": "5"}) == expected
    assert _norm("flat_pairs", {"prompt": prompt, "chosen": good, "rejected": bad}) == expected
    assert _norm("alpaca_pairs", {"instruction": "2+2?", "input": "", "chosen": "4", "rejected": "5"}) == expected
    with pytest.raises(RecordError, match="identical"):
        _norm("flat_pairs", {"prompt": "q", "chosen": "a", "rejected": "a"})


def test_kto_in_both_shapes() -> None:
    msgs = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
    assert _norm("kto", {"messages": msgs, "label": False}) == {"messages": msgs, "label": False}
    assert _norm("kto", {"prompt": "q", "completion": "a", "label": "true"}) == {"messages": msgs, "label": True}
    with pytest.raises(RecordError) as err:
        _norm("kto", {"messages": msgs, "label": "maybe"})
    assert err.value.field == "label"


@pytest.mark.parametrize(
    ("name", "record", "field", "words"),
    [
        ("alpaca", {"instruction": 5, "output": "x"}, "instruction", "must be a string"),
        ("alpaca", {"instruction": "x", "output": " "}, "output", "empty"),
        ("alpaca", {"instruction": "x", "output": "y", "history": [["only one"]]}, "history[0]", "pair"),
        ("sharegpt", {"conversations": [{"from": "bot", "value": "x"}]}, "conversations[0].from", "not one of"),
        ("sharegpt", {"conversations": [{"from": "observation", "value": "x"}]}, "conversations[0].from", "follow"),
        ("sharegpt", {"conversations": [{"from": "human", "value": "x"}]}, "conversations", "gpt"),
        (
            "sharegpt",
            {"conversations": [{"from": "function_call", "value": "call it"}]},
            "conversations[0].value",
            "JSON",
        ),
        ("openai", {"messages": "hi"}, "messages", "non-empty list"),
        ("openai", {"messages": [{"role": "assistant", "content": "a"}], "tools": 3}, "tools", "list"),
        ("openai_dpo", {"input": "q", "preferred_output": [], "non_preferred_output": []}, "input", "object"),
        ("text", {"text": ""}, "text", "empty"),
        ("text", {"text": "x", "source": 1}, "source", "string"),
    ],
)
def test_record_errors_name_the_field(name: str, record: dict[str, Any], field: str, words: str) -> None:
    with pytest.raises(RecordError) as err:
        _norm(name, record)
    assert err.value.field == field and words in err.value.message


def test_detection_picks_the_matching_format_and_rates_it() -> None:
    alpaca = {"instruction": "q", "output": "a"}
    found = detect([(1, alpaca), (2, {**alpaca, "id": 7})], "auto", "f.jsonl", "line")
    assert found.format.name == "alpaca" and found.sampled == 2
    assert found.confidence == pytest.approx((1 + (1 - 0.5 / 3)) / 2, abs=1e-3)  # `id` is ignored
    with pytest.raises(InvalidInput) as wrong:
        detect([(1, alpaca)], "sharegpt", "f.jsonl", "line")
    assert wrong.value.field == "format" and "format=alpaca" in wrong.value.detail
    with pytest.raises(InvalidInput) as unknown:
        detect([(3, {"question": "q"})], "auto", "f.jsonl", "line")
    assert unknown.value.field == "file" and "line 3 has question" in unknown.value.detail


def _collapse(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_text_is_chunked_on_paragraph_boundaries_and_loses_nothing() -> None:
    paragraphs = [" ".join([f"Paragraph {i}.", *["Some words here."] * (10 + 7 * i)]) for i in range(12)]
    text = "\n\n".join(paragraphs) + "\n" + "x" * 4500 + "\n"  # and one unbroken run of characters
    records = list(chunk_lines(text.splitlines(keepends=True), "doc.txt", markdown=False, limit=500))
    assert all(len(r["text"]) <= 500 for r in records)
    assert _collapse("".join(r["text"] for r in records)) == _collapse(text)
    # Paragraphs 0-2 fit (together or alone), so the cuts fall between them; longer ones end at sentence ends.
    assert records[0]["text"] == f"{paragraphs[0]}\n\n{paragraphs[1]}"
    assert records[0]["section"] == "lines 1-3" and records[1]["text"] == paragraphs[2]
    assert all(r["text"].endswith((".", "x")) for r in records)
    assert all(r["source"] == "doc.txt" for r in records)


def test_markdown_headings_start_records_and_name_sections() -> None:
    md = "# Guide\nIntro.\n\n## Install\nRun it.\n```\n# not a heading\n```\n## Use\nCall it.\n"
    records = list(chunk_lines(md.splitlines(keepends=True), "README.md", markdown=True))
    assert [(r["section"], r["text"].splitlines()[0]) for r in records] == [
        ("Guide", "# Guide"),
        ("Guide > Install", "## Install"),
        ("Guide > Use", "## Use"),
    ]


def test_encodings_are_detected(tmp_path: Path) -> None:
    text = json.dumps({"text": "中文数据集"}, ensure_ascii=False)
    cases = {"utf-8": text.encode(), "utf-8-sig": b"\xef\xbb\xbf" + text.encode(), "gb18030": text.encode("gb18030")}
    for expected, data in cases.items():
        (tmp_path / "f").write_bytes(data)
        assert detect_encoding(tmp_path / "f") == (expected, None)
    (tmp_path / "f").write_bytes(b'{"text": "ok"}\n{"text": "caf\xe9"}\n')
    assert detect_encoding(tmp_path / "f") == ("", (2, 28))  # line 2, byte 28: the é
