"""The whole report of small constructed datasets, with the tiny demo tokenizer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from transformers import PreTrainedTokenizerBase

from worker.engine.data.chat import prepare_messages
from worker.engine.data.profiling.report import ReportOptions, build_report
from worker.engine.data.profiling.tokens import TokenCounter

Writer = Callable[[list[dict[str, Any]], str], Path]
SYSTEM = "You are a helpful assistant."


def _chat(user: str, assistant: str, system: str | None = None) -> dict[str, Any]:
    messages = [{"role": "system", "content": system}] if system else []
    return {"messages": [*messages, {"role": "user", "content": user}, {"role": "assistant", "content": assistant}]}


def _story(n: int, topic: str) -> str:
    return " ".join(f"the {topic} pass village{i} and bridge{i} before lake{i}." for i in range(n))


def _count(tokenizer: PreTrainedTokenizerBase, text: str) -> int:
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


def test_token_counts_per_role_match_the_tokenizer(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    records = [
        _chat("What is two plus two?", "Four.", system="Answer briefly."),
        _chat("Name a colour.", "Blue is a colour."),
    ]
    template = str(chat_tokenizer.chat_template)
    counts = TokenCounter(chat_tokenizer, "messages", chat_template=template, default_system_prompt=SYSTEM).count(
        records
    )
    for record, count in zip(records, counts, strict=True):
        for role in ("system", "user", "assistant"):
            expected = sum(_count(chat_tokenizer, m["content"]) for m in record["messages"] if m["role"] == role)
            assert count.roles.get(role, 0) == expected
        messages, _ = prepare_messages(record, default_system_prompt=SYSTEM)  # what training renders
        rendered = chat_tokenizer.apply_chat_template(messages, chat_template=template, tokenize=False)
        assert count.total == _count(chat_tokenizer, str(rendered)) > sum(count.roles.values())
    assert "system" not in counts[1].roles  # the default system prompt counts in the total only


def test_report_of_a_constructed_dataset(chat_tokenizer: PreTrainedTokenizerBase, write_jsonl: Writer) -> None:
    long_answer = _story(40, "rivers")
    records = [
        _chat("Hello there, how are you today?", "I am fine, thank you for asking."),  # 0
        _chat("hello there,  HOW are you today?", "I am fine, thank you for asking."),  # 1: exact dup of 0
        _chat("Tell me about rivers.", long_answer),  # 2: over-long
        _chat("Tell me about rivers!", long_answer[:-20]),  # 3: near dup of 2
        _chat("", " "),  # 4: empty
        _chat("Write my email to bob.smith@example.org", "Sure, writing to bob.smith@example.org now."),  # 5: PII x2
        _chat("Repeat", " ".join(["buy now"] * 30)),  # 6: repetition
        _chat("Was ist die Hauptstadt von Deutschland und wo ist sie?", "Die Hauptstadt ist Berlin, und sie ist groß."),
    ]
    path = write_jsonl(records, "train.jsonl")
    eval_path = write_jsonl(
        [records[7], _chat("Tell me about rivers.", long_answer[:-10]), _chat("New?", "Yes.")], "e.jsonl"
    )
    counter = TokenCounter(
        chat_tokenizer, "messages", chat_template=str(chat_tokenizer.chat_template), default_system_prompt=SYSTEM
    )
    seen: list[float] = []
    report = build_report(
        path,
        "messages",
        counter,
        ReportOptions(max_length=200),
        compare=(eval_path, "messages"),
        expected_records=(8, 3),
        progress=seen.append,
    )
    assert report["records"] == 8 and report["turns"]["total"] == 16
    assert seen == sorted(seen) and 0 < seen[-1] <= 1
    user_tokens = report["tokens"]["roles"]["user"]
    assert user_tokens["records"] == 8
    assert user_tokens["total"] == sum(_count(chat_tokenizer, r["messages"][0]["content"]) for r in records)
    assert report["over_long"]["indices"] == [2, 3]
    assert report["empty"] == {"count": 1, "indices": [4]}
    assert report["exact_duplicates"]["groups"] == 1
    assert report["exact_duplicates"]["examples"][0]["indices"] == [0, 1]
    assert "hello there" in report["exact_duplicates"]["examples"][0]["previews"][0].lower()
    assert report["near_duplicates"]["examples"][0]["indices"] == [2, 3]
    assert report["near_duplicates"]["duplicate_records"] == 1
    pii = report["pii"]["by_type"]["email"]
    assert pii["matches"] == 2 and pii["indices"] == [5] and pii["examples"][0]["value"] == "b***@***.org"
    assert "bob.smith" not in str(report)  # never echoed, not even in previews
    assert report["quality"]["by_reason"]["repetition"]["indices"] == [6]
    languages = {row["language"]: row["records"] for row in report["languages"]}
    assert languages["de"] == 1 and languages["en"] >= 5 and languages["und"] == 1
    contamination = report["contamination"]
    assert contamination["compare_records"] == 3
    assert contamination["exact"]["indices"] == [7]
    assert contamination["near"]["indices"] == [2, 3]
    exact_example = contamination["examples"][0]
    assert exact_example["compare_index"] == 0 and "Berlin" in exact_example["compare_preview"]


def test_text_dataset_counts_documents(chat_tokenizer: PreTrainedTokenizerBase, write_jsonl: Writer) -> None:
    docs = [{"text": _story(3, "forests")}, {"text": ""}, {"text": _story(2, "mountains")}]
    path = write_jsonl(docs, "text.jsonl")
    report = build_report(path, "text", TokenCounter(chat_tokenizer, "text"), ReportOptions(max_length=10_000))
    assert report["turns"] is None and report["contamination"] is None
    document = report["tokens"]["roles"]["document"]
    assert document["records"] == 3 and document["max"] == _count(chat_tokenizer, docs[0]["text"])
    assert report["empty"]["indices"] == [1]
