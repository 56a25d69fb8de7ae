"""Cleaning on constructed data whose answers are known: which records go, for which reason, and the same output
for the same input."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from worker.engine.data.cleaning import CleaningOptions, clean

PROSE = (
    "Tariff schedules for bonded warehouses list the duty on each class of goods together with the rules for "
    "deferral, the documents a broker must file and the penalties for late declarations in every customs district"
)


def _chat(user: str, answer: str) -> str:
    return json.dumps({"messages": [{"role": "user", "content": user}, {"role": "assistant", "content": answer}]})


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _corpus() -> list[str]:
    return [
        _chat("What is a bonded warehouse?", PROSE),  # 0 kept
        _chat("What is a bonded warehouse?", PROSE),  # 1 exact copy of 0
        _chat("what is a  BONDED warehouse?", PROSE),  # 2 the same after normalising case and spaces
        _chat("What is a bonded warehouse exactly?", PROSE + " and port"),  # 3 a near copy of 0
        _chat("Email me", "Write to jane.doe@example.com for the forms."),  # 4 PII
        _chat("Spam", "buy now " * 60),  # 5 garbage: repeated trigrams
        _chat("Hi", "Ok"),  # 6 too short
        _chat("Which documents does a broker file?", "An entry summary, the invoice and the bill of lading."),  # 7
    ]


def test_every_filter_drops_what_it_should_and_counts_add_up(tmp_path: Path) -> None:
    source = _write(tmp_path, _corpus())
    options = CleaningOptions(
        exact_dedup=True, near_dedup_threshold=0.7, min_length=10, garbage_threshold=0.5, drop_pii=True
    )
    result = clean(source, "messages", options, tmp_path / "out.jsonl")
    by_name = {f["name"]: f for f in result.filters}
    assert [f["name"] for f in result.filters] == ["min_length", "garbage", "pii", "exact_duplicate", "near_duplicate"]
    assert by_name["min_length"]["dropped_indices"] == [6]
    assert by_name["garbage"]["dropped_indices"] == [5]
    assert by_name["pii"]["dropped_indices"] == [4]
    assert by_name["exact_duplicate"]["dropped_indices"] == [1, 2]
    assert by_name["near_duplicate"]["dropped_indices"] == [3]
    for earlier, later in zip(result.filters, result.filters[1:], strict=False):
        assert earlier["after"] == later["before"]
    assert result.records_before == 8 and result.records_after == 2 == result.filters[-1]["after"]
    kept = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert kept == [_corpus()[0], _corpus()[7]]  # original order and bytes
    assert result.sha256 == hashlib.sha256((tmp_path / "out.jsonl").read_bytes()).hexdigest()


def test_length_bounds_in_characters_and_only_chosen_filters_apply(tmp_path: Path) -> None:
    source = _write(tmp_path, _corpus())
    result = clean(source, "messages", CleaningOptions(max_length=40), tmp_path / "out.jsonl")
    assert [f["name"] for f in result.filters] == ["max_length"]
    long_ones = [
        i for i, line in enumerate(_corpus()) if sum(len(m["content"]) for m in json.loads(line)["messages"]) > 40
    ]
    assert result.filters[0]["dropped_indices"] == long_ones
    assert result.records_after == 8 - len(long_ones)


def test_the_same_input_and_options_give_the_same_version(tmp_path: Path) -> None:
    source = _write(tmp_path, _corpus() * 3)
    options = CleaningOptions(exact_dedup=True, near_dedup_threshold=0.8)
    first = clean(source, "messages", options, tmp_path / "a.jsonl")
    second = clean(source, "messages", options, tmp_path / "b.jsonl")
    assert first.sha256 == second.sha256 and first.filters == second.filters
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_text_records_and_the_listed_limit(tmp_path: Path) -> None:
    lines = [json.dumps({"text": PROSE}) for _ in range(30)] + [json.dumps({"text": "A different document entirely."})]
    result = clean(_write(tmp_path, lines), "text", CleaningOptions(exact_dedup=True, listed=5), tmp_path / "o.jsonl")
    assert result.filters[0]["dropped"] == 29 and result.filters[0]["dropped_indices"] == [1, 2, 3, 4, 5]
    assert result.records_after == 2
