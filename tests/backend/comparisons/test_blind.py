"""Which answer a rater sees as A, and how a rater's A/B/tie maps back onto the pair's stored order."""

from __future__ import annotations

from backend.comparisons import blind
from backend.models import ComparisonPair


def _pair(pair_id: str) -> ComparisonPair:
    return ComparisonPair(id=pair_id, comparison_id="cmp_1", position=0, prompt_index=0, first="base", second="tuned")


def test_the_order_is_fixed_per_pair_and_rater_and_varies_across_them() -> None:
    draws = {(f"pair_{i}", rater): blind.first_shown_as_a(f"pair_{i}", rater) for i in range(50) for rater in "xy"}
    assert all(blind.first_shown_as_a(p, r) == shown for (p, r), shown in draws.items())
    assert 10 < sum(draws.values()) < 90  # about half the pairs show the first candidate as A
    assert any(draws[(f"pair_{i}", "x")] != draws[(f"pair_{i}", "y")] for i in range(50))


def test_a_choice_maps_onto_the_candidate_shown_as_that_letter() -> None:
    for i in range(20):
        pair = _pair(f"pair_{i}")
        a = blind.shown_as_a(pair, "x")
        b = pair.second if a == pair.first else pair.first
        assert {"first": pair.first, "second": pair.second}[blind.outcome_of("a", pair.id, "x")] == a
        assert {"first": pair.first, "second": pair.second}[blind.outcome_of("b", pair.id, "x")] == b
        assert blind.outcome_of("tie", pair.id, "x") == "tie"
