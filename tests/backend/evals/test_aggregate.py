"""Win rates, Wilson intervals and Bradley-Terry rankings against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from backend.evals.aggregate import Comparison, bradley_terry, wilson_interval, win_rate


def _games(first: str, second: str, first_wins: int, second_wins: int, ties: int = 0) -> list[Comparison]:
    return (
        [Comparison(first, second, "first")] * first_wins
        + [Comparison(first, second, "second")] * second_wins
        + [Comparison(first, second, "tie")] * ties
    )


def test_ties_count_half() -> None:
    rate = win_rate(wins=6, losses=2, ties=2)
    assert rate.rate == 0.7 and rate.comparisons == 10


def test_wilson_interval_by_hand() -> None:
    # p = 7/10, z = 1.96: denominator 1 + 3.8416/10 = 1.38416; centre (0.7 + 0.19208) / 1.38416 = 0.644492;
    # half 1.96 * sqrt(0.021 + 0.009604) / 1.38416 = 1.96 * 0.174940 / 1.38416 = 0.247718.
    low, high = wilson_interval(7, 10, z=1.96)
    assert low == pytest.approx(0.644492 - 0.247718, abs=1e-5)
    assert high == pytest.approx(0.644492 + 0.247718, abs=1e-5)
    assert (low, high) == pytest.approx((0.396774, 0.892210), abs=1e-5)


def test_wilson_interval_at_the_edges_stays_in_range() -> None:
    # 0 of 5: low 0, high z²/(n + z²) = 3.8416 / 8.8416 = 0.434492.
    low, high = wilson_interval(0, 5, z=1.96)
    assert low == 0.0 and high == pytest.approx(0.434492, abs=1e-5)
    assert win_rate(5, 0, 0).high == 1.0
    with pytest.raises(ValueError, match="at least one"):
        wilson_interval(0, 0)


def test_two_candidates_strength_ratio_is_their_win_odds() -> None:
    ranked = bradley_terry(_games("a", "b", 3, 1))
    assert [r.candidate for r in ranked] == ["a", "b"]
    a, b = ranked
    # MLE: p_a / (p_a + p_b) = 3/4 → p_a / p_b = 3; geometric mean 1 → p_a = sqrt(3).
    assert a.strength == pytest.approx(math.sqrt(3)) and b.strength == pytest.approx(1 / math.sqrt(3))
    assert a.elo - b.elo == pytest.approx(400 * math.log10(3))  # 190.85
    assert a.elo == pytest.approx(1000 + 200 * math.log10(3))


def test_a_chain_of_pairs_multiplies_the_odds() -> None:
    # a beats b 2:1 and b beats c 2:1, no a-c games: the likelihood splits per pair, so p_a : p_b : p_c = 4 : 2 : 1.
    ranked = bradley_terry(_games("a", "b", 2, 1) + _games("b", "c", 2, 1))
    strengths = {r.candidate: r.strength for r in ranked}
    assert strengths["a"] / strengths["b"] == pytest.approx(2) and strengths["b"] / strengths["c"] == pytest.approx(2)
    elo = {r.candidate: r.elo for r in ranked}
    assert elo["a"] - elo["c"] == pytest.approx(400 * math.log10(4))  # 240.82
    assert elo["b"] == pytest.approx(1000)  # the geometric mean of 4, 2, 1 is 2


def test_a_cycle_ranks_everyone_equal_and_ties_split() -> None:
    ranked = bradley_terry(_games("a", "b", 2, 1) + _games("b", "c", 2, 1) + _games("c", "a", 2, 1))
    assert [r.strength for r in ranked] == pytest.approx([1, 1, 1])
    only_ties = bradley_terry(_games("x", "y", 0, 0, ties=4))
    assert [r.wins for r in only_ties] == [2.0, 2.0] and [r.elo for r in only_ties] == pytest.approx([1000, 1000])


def test_the_fit_satisfies_the_likelihood_equations() -> None:
    comparisons = _games("a", "b", 5, 2, 1) + _games("b", "c", 3, 3) + _games("a", "c", 4, 1) + _games("c", "d", 2, 2)
    comparisons += _games("a", "d", 1, 1)
    ranked = {r.candidate: r for r in bradley_terry(comparisons)}
    pairs: dict[tuple[str, str], int] = {}
    for c in comparisons:
        key = (c.first, c.second)
        pairs[key] = pairs.get(key, 0) + 1
    for name, r in ranked.items():
        expected = sum(
            count * ranked[name].strength / (ranked[name].strength + ranked[other].strength)
            for (x, y), count in pairs.items()
            if name in (x, y)
            for other in [y if x == name else x]
        )
        assert r.wins == pytest.approx(expected, abs=1e-8)
    assert next(iter(ranked)) == "a"


def test_a_candidate_without_a_win_has_no_elo_and_disconnected_ones_are_refused() -> None:
    ranked = bradley_terry(_games("a", "b", 3, 0))
    assert ranked[1].strength == 0 and ranked[1].elo is None
    with pytest.raises(ValueError, match="never compared"):
        bradley_terry(_games("a", "b", 1, 1) + _games("c", "d", 1, 1))
    with pytest.raises(ValueError, match="itself"):
        bradley_terry([Comparison("a", "a", "tie")])
