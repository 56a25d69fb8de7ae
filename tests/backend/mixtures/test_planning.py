"""The token budget and the materialisation of a mixture, on numbers and files with known answers."""

from __future__ import annotations

from pathlib import Path

from backend.mixtures.planning import SourceIn, plan
from worker.engine.data.mixing import materialise, repeats


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
    written, _, sha = materialise([(a, 4, 8), (b, 10, 3)], 7, tmp_path / "m.jsonl")
    lines = (tmp_path / "m.jsonl").read_text().splitlines()
    assert written == 11 and lines[:8] == [line for line in a.read_text().splitlines() for _ in range(2)]
    assert len(set(lines[8:])) == 3 and all('"b' in line for line in lines[8:])
    assert materialise([(a, 4, 8), (b, 10, 3)], 7, tmp_path / "again.jsonl")[2] == sha
