"""The pure checks of the data report, on constructed inputs whose answers are known."""

from __future__ import annotations

from array import array

import numpy as np
import pytest

from worker.engine.data.profiling.dedup import (
    MinHasher,
    band_layout,
    cross_matches,
    equal_key_groups,
    estimated_jaccard,
    exact_key,
    near_duplicate_groups,
    shingle_hashes,
)
from worker.engine.data.profiling.language import detect_language
from worker.engine.data.profiling.pii import cn_resident_id_valid, find_pii, iban_valid, luhn_valid, mask, mask_pii
from worker.engine.data.profiling.quality import (
    QualityThresholds,
    longest_run,
    repeated_ngram_ratio,
    score,
    symbol_ratio,
)
from worker.engine.data.profiling.stats import distribution, histogram, percentile
from worker.engine.data.profiling.texts import normalise

WORDS = [f"w{i}" for i in range(400)]


def _text(words: list[str]) -> str:
    return " ".join(words)


def _jaccard(a: str, b: str) -> float:
    sa, sb = set(shingle_hashes(a).tolist()), set(shingle_hashes(b).tolist())
    return len(sa & sb) / len(sa | sb)


# --- statistics ---


def test_percentiles_match_numpy_linear_interpolation() -> None:
    values = np.array([5, 1, 9, 3, 7, 100, 2], dtype=np.uint32)
    for q in (0, 50, 90, 99, 100):
        assert percentile(values, q) == pytest.approx(float(np.percentile(values, q)))
    assert percentile(np.array([1, 2, 3, 4], dtype=np.uint32), 50) == 2.5  # (4 - 1) * 0.5 = 1.5 → 2 + 0.5


def test_histogram_puts_every_value_in_one_bin() -> None:
    values = np.array([0, 1, 2, 3, 59, 60], dtype=np.uint32)
    result = histogram(values, bins=30)
    assert result["edges"][:3] == [0, 3, 6] and len(result["edges"]) == len(result["counts"]) + 1
    assert result["counts"][0] == 3 and result["counts"][1] == 1  # 0, 1, 2 | 3
    assert result["edges"][-1] == 63 and result["counts"][-2:] == [1, 1]  # 59 in [57, 60), 60 in [60, 63)
    assert sum(result["counts"]) == values.size


def test_distribution_summary() -> None:
    summary = distribution(array("I", [10, 20, 30, 40]))
    assert summary["records"] == 4 and summary["total"] == 100 and summary["max"] == 40 and summary["mean"] == 25
    assert summary["p50"] == 25 and summary["p90"] == pytest.approx(37)
    empty = distribution(array("I"))
    assert empty["records"] == 0 and empty["p99"] == 0 and empty["histogram"]["counts"] == []


# --- duplicates ---


def test_exact_duplicates_ignore_case_and_whitespace() -> None:
    texts = ["Hello  World", "something else", "hello world\n", "HELLO WORLD", "another"]
    keys = np.array([exact_key(normalise(t)) for t in texts], dtype=np.int64)
    groups = [g.tolist() for g in equal_key_groups(keys)]
    assert groups == [[0, 2, 3]]


def test_minhash_estimates_jaccard() -> None:
    base = WORDS[:200]
    # 20 of 200 words replaced at the end: 180 of 200 five-word shingles kept, so J = 176 / (196 + 20) ≈ 0.81.
    variant = base[:180] + [f"x{i}" for i in range(20)]
    truth = _jaccard(_text(base), _text(variant))
    hasher = MinHasher(256)
    estimate = estimated_jaccard(
        hasher.signature(shingle_hashes(_text(base))), hasher.signature(shingle_hashes(_text(variant)))
    )
    assert truth == pytest.approx(176 / 216)
    assert abs(estimate - truth) < 0.08  # standard error sqrt(J(1-J)/256) ≈ 0.024


def test_band_layout_midpoint_is_near_the_threshold() -> None:
    bands, rows = band_layout(64, 0.8)
    assert bands * rows == 64 and abs((1 / bands) ** (1 / rows) - 0.8) < 0.06


def test_near_duplicate_groups_find_planted_pairs_only() -> None:
    hasher = MinHasher()
    originals = [[f"d{d}w{i}" for i in range(120)] for d in range(6)]
    texts = [_text(words) for words in originals]
    texts.append(_text([*originals[0][:-3], "new", "tail", "words"]))  # J ≈ 0.95 with text 0
    texts.append(_text(originals[2][:60] + [f"z{i}" for i in range(60)]))  # J ≈ 0.32 with text 2: not a near dup
    signatures = np.stack([hasher.signature(shingle_hashes(t)) for t in texts])
    groups, similarity = near_duplicate_groups(signatures, 0.8)
    assert groups == [[0, 6]]
    assert similarity[(0, 6)] >= 0.8


def test_cross_matches_between_two_sets() -> None:
    hasher = MinHasher()
    train = [_text([f"t{d}w{i}" for i in range(80)]) for d in range(5)]
    evaluation = [train[3], _text([f"e{i}" for i in range(80)]), _text([*train[1].split()[:-1], "changed"])]
    left = np.stack([hasher.signature(shingle_hashes(t)) for t in train])
    right = np.stack([hasher.signature(shingle_hashes(t)) for t in evaluation])
    matches = cross_matches(left, right, 0.8)
    assert sorted(matches) == [1, 3]
    assert matches[3] == (0, 1.0) and matches[1][0] == 2


def test_short_texts_are_one_shingle() -> None:
    assert shingle_hashes("two words").size == 1 and shingle_hashes("").size == 0
    assert shingle_hashes(_text(WORDS[:7])).size == 3


# --- PII ---


def test_checksums() -> None:
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert iban_valid("DE89 3704 0044 0532 0130 00") and not iban_valid("DE88 3704 0044 0532 0130 00")
    assert cn_resident_id_valid("11010519491231002X") and not cn_resident_id_valid("110105194912310021")


def test_pii_found_by_type_and_masked() -> None:
    text = (
        "Mail jane.doe@example.com or call +1 415-555-0123. Card 4111 1111 1111 1111, not 4111 1111 1111 1112. "
        "IBAN DE89 3704 0044 0532 0130 00. ID 11010519491231002X. Server 192.168.10.42, version 1.2.3.4000."
    )
    found = find_pii(text)
    kinds = sorted(k for k, _ in found)
    assert kinds == ["cn_resident_id", "credit_card", "email", "iban", "ip_address", "phone"]
    values = dict(found)
    assert values["email"] == "j***@***.com"
    assert values["credit_card"] == "**** **** **** **11"
    assert "4111" not in values["credit_card"] and "example" not in values["email"]
    masked = mask_pii(text)
    for secret in ("jane.doe", "555-0123", "3704 0044", "11010519491231002X", "192.168.10.42"):
        assert secret not in masked
    assert "4111 1111 1111 1112" in masked  # fails the Luhn check: not a card


def test_chinese_mobile_number_and_plain_numbers() -> None:
    assert [k for k, _ in find_pii("请拨打13812345678联系")] == ["phone"]
    assert find_pii("The year 2024 had 365 days and 8760 hours.") == []
    assert mask("192.168.10.42") == "***.***.**.42"


# --- quality ---


def test_garbage_scores() -> None:
    assert repeated_ngram_ratio(["a", "b", "c", "a", "b", "c", "a", "b", "c"]) == pytest.approx(1 - 3 / 7)
    assert repeated_ngram_ratio(["one", "two"]) == 0
    assert symbol_ratio("ab\x00\x01") == 0.5 and symbol_ratio("Hello, world!") == 0
    assert longest_run("ok!!!!!!! fine ___") == 7 and longest_run("www ... ok") == 0
    thresholds = QualityThresholds()
    loop, trigrams = score(" ".join(["the cat sat"] * 20))
    assert loop.flags(thresholds, trigrams) == ["repetition"]
    noise, trigrams = score("\x00\x01\x02\x03 ok")
    assert noise.flags(thresholds, trigrams) == ["symbols"]
    run, trigrams = score("wait" + "." * 40)
    assert run.flags(thresholds, trigrams) == ["character_run"]
    clean, trigrams = score("A perfectly ordinary sentence about the weather in spring, nothing more.")
    assert clean.flags(thresholds, trigrams) == []


# --- languages ---


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("What is the capital of France and how do you get there?", "en"),
        ("Der Hund ist nicht in dem Haus, und die Katze auch nicht.", "de"),
        ("Le chat est sur la table et les enfants sont dans le jardin.", "fr"),
        ("请问中国的首都是哪里？", "zh"),
        ("日本の首都はどこですか？東京です。", "ja"),
        ("한국의 수도는 어디입니까?", "ko"),
        ("Какая столица России?", "ru"),
        ("12345 6789", "und"),
        ("Xylophonic quartz zebra", "latin-other"),
    ],
)
def test_language_detection(text: str, language: str) -> None:
    assert detect_language(text) == language
