"""The token budget and the materialisation of a mixture, on numbers and files with known answers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backend.mixtures.planning import SourceIn, available_tokens, plan, rendered, takes
from worker.engine.data.conversation_text import plain_text
from worker.engine.data.mixing import MixSource, materialise, repeats
from worker.engine.errors import DataError


def test_domain_general_one_to_five_takes_all_domain_and_five_times_its_tokens_of_general() -> None:
    domain = SourceIn(records=100, tokens=10_000, ratio=1, target_tokens=None, sampling="down")
    general = SourceIn(records=10_000, tokens=1_000_000, ratio=5, target_tokens=None, sampling="down")
    first, second = plan([domain, general])
    assert (first.tokens, first.records, first.factor) == (10_000, 100, 1.0)
    assert second.tokens == 50_000 and second.records == 500 and not second.capped


def test_up_sampling_repeats_and_down_sampling_is_capped() -> None:
    small_up = SourceIn(records=10, tokens=1_000, ratio=None, target_tokens=3_000, sampling="up")
    small_down = SourceIn(records=10, tokens=1_000, ratio=None, target_tokens=3_000, sampling="down")
    up, down = plan([small_up, small_down])
    assert up.records == 30 and up.factor == 3.0 and not up.capped
    assert down.records == 10 and down.tokens == 1_000 and down.capped


def test_repeats_are_seeded_and_add_up() -> None:
    counts = repeats(10, 25, seed=3, source=0)
    assert counts.sum() == 25 and set(counts.tolist()) <= {2, 3}
    assert (counts == repeats(10, 25, seed=3, source=0)).all()
    assert not (counts == repeats(10, 25, seed=4, source=0)).all()


def test_materialise_writes_each_source_in_order(tmp_path: Path) -> None:
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("".join(f'{{"text": "a{i}"}}\n' for i in range(4)))
    b.write_text("".join(f'{{"text": "b{i}"}}\n' for i in range(10)))
    written, _, sha = materialise([MixSource(a, 4, 8), MixSource(b, 10, 3)], 7, tmp_path / "m.jsonl")
    lines = (tmp_path / "m.jsonl").read_text().splitlines()
    assert written == 11 and lines[:8] == [line for line in a.read_text().splitlines() for _ in range(2)]
    assert len(set(lines[8:])) == 3 and all('"b' in line for line in lines[8:])
    assert materialise([MixSource(a, 4, 8), MixSource(b, 10, 3)], 7, tmp_path / "again.jsonl")[2] == sha


def test_a_text_mixture_takes_conversations_and_nothing_else_crosses_kinds() -> None:
    assert takes("text", "text") and takes("text", "messages") and rendered("text", "messages")
    assert not rendered("text", "text") and not rendered("messages", "messages")
    for kind, source in (("text", "preference"), ("text", "kto"), ("messages", "text"), ("preference", "messages")):
        assert not takes(kind, source), (kind, source)


REPORT = {
    "records": 10,
    "tokens": {"total": {"total": 500}, "roles": {"user": {"total": 120}, "assistant": {"total": 180}}},
}


def test_rendered_sources_are_estimated_from_the_report_and_say_so() -> None:
    assert available_tokens(10, 4000, REPORT, "tiny-chat", None) == (500, "report")
    assert available_tokens(10, 4000, None, None, {"style": "plain", "model": None}) == (1000, "chars/4")
    # plain: only the messages' own text is written, so the content tokens count
    assert available_tokens(10, 4000, REPORT, "tiny-chat", {"style": "plain", "model": None}) == (300, "rendered")
    # the report's own model renders exactly as the mixture will; another model's template is about as long
    assert available_tokens(4, 4000, REPORT, "tiny-chat", {"style": "chat_template", "model": "tiny-chat"}) == (
        200,
        "report",
    )
    assert available_tokens(10, 4000, REPORT, "tiny-chat", {"style": "chat_template", "model": "tiny-base"})[1] == (
        "rendered"
    )


def _chat(question: str, answer: str, **extra: Any) -> str:
    messages = [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]
    return json.dumps({"messages": messages, **extra})


def test_a_conversation_source_is_written_as_plain_text_documents_deterministically(tmp_path: Path) -> None:
    text, chats = tmp_path / "text.jsonl", tmp_path / "chats.jsonl"
    text.write_text("".join(json.dumps({"text": f"doc {i}"}) + "\n" for i in range(3)))
    chats.write_text("\n".join(_chat(f"q{i}?", f"a{i}.") for i in range(6)) + "\n")
    sources = [MixSource(text, 3, 3), MixSource(chats, 6, 4, "source 2", plain_text)]
    written, _, sha = materialise(sources, 3, tmp_path / "m.jsonl")
    records = [json.loads(line) for line in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert written == 7 and records[:3] == [{"text": f"doc {i}"} for i in range(3)]
    converted = [r["text"] for r in records[3:]]
    assert len(set(converted)) == 4 and all(t.startswith("q") and t.count("\n\n") == 1 for t in converted)
    assert {t.split("?")[0] for t in converted} < {f"q{i}" for i in range(6)}
    assert materialise(sources, 3, tmp_path / "again.jsonl")[2] == sha
    assert materialise(sources, 4, tmp_path / "other.jsonl")[2] != sha


def test_plain_layout_is_each_message_in_order_with_a_blank_line_between() -> None:
    record = {
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "What is T+2?"},
            {"role": "assistant", "content": "Settlement two days after the trade."},
            {"role": "user", "content": [{"type": "text", "text": "And T+1?"}]},
            {"role": "assistant", "content": "One day.", "weight": 0},
        ]
    }
    assert (
        plain_text(record)
        == "Be brief.\n\nWhat is T+2?\n\nSettlement two days after the trade.\n\nAnd T+1?\n\nOne day."
    )


def test_a_conversation_that_cannot_be_rendered_fails_the_mixture_naming_source_and_record(tmp_path: Path) -> None:
    chats = tmp_path / "chats.jsonl"
    chats.write_text(_chat("q", "a") + "\n" + json.dumps({"messages": [{"role": "user", "content": 3}]}) + "\n")
    with pytest.raises(DataError) as failed:
        materialise([MixSource(chats, 2, 2, "source 1 (Chats v1)", plain_text)], 1, tmp_path / "m.jsonl")
    assert failed.value.record == 1
    assert str(failed.value).startswith("source 1 (Chats v1), record #2 (index 1): message 0: content must be")
