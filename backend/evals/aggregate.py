"""Aggregating blind side-by-side ratings: win rates with 95 % confidence intervals, and a Bradley-Terry ranking.

Pure arithmetic (no ML, no database), so every number can be checked by hand.

- Win rate of A over B: (wins + ties / 2) / comparisons, ties counting half a win for each side.
- Its 95 % interval: the Wilson score interval for that proportion (z = 1.959964), which stays inside [0, 1] and
  behaves with few ratings or a rate near 0 or 1, unlike the normal approximation.
- Across more than two candidates: Bradley-Terry strengths p_i with P(i beats j) = p_i / (p_i + p_j), fitted by
  maximum likelihood with Hunter's MM algorithm (2004): p_i ← W_i / Σ_j n_ij / (p_i + p_j), W_i the wins of i (ties
  half) and n_ij the comparisons of i and j, rescaled to a geometric mean of 1 after each pass. Elo-style scores
  are 1000 + 400 · log10(p_i), so a 400-point gap means 10:1 odds. A candidate without a single win (or tie) has
  strength 0 and no Elo score; candidates that were never compared, directly or through others, have no common
  scale, and are refused.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Z95 = 1.959963984540054
ELO_BASE, ELO_SCALE = 1000.0, 400.0
Outcome = Literal["first", "second", "tie"]


@dataclass(frozen=True)
class WinRate:
    wins: int
    losses: int
    ties: int
    rate: float  # (wins + ties / 2) / comparisons
    low: float  # Wilson 95 % interval
    high: float

    @property
    def comparisons(self) -> int:
        return self.wins + self.losses + self.ties


@dataclass(frozen=True)
class Comparison:
    first: str
    second: str
    outcome: Outcome


@dataclass(frozen=True)
class Ranked:
    candidate: str
    strength: float  # Bradley-Terry p_i, geometric mean 1 over candidates with a win
    elo: float | None  # None for a candidate that never won nor tied
    wins: float  # ties count half
    comparisons: int


def wilson_interval(successes: float, n: int, z: float = Z95) -> tuple[float, float]:
    if n <= 0:
        raise ValueError("a confidence interval needs at least one comparison")
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def win_rate(wins: int, losses: int, ties: int, z: float = Z95) -> WinRate:
    n = wins + losses + ties
    successes = wins + ties / 2
    low, high = wilson_interval(successes, n, z)
    return WinRate(wins, losses, ties, successes / n, low, high)


def _connected(candidates: Sequence[str], pairs: dict[tuple[str, str], int]) -> bool:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in pairs:
        neighbours[a].add(b)
        neighbours[b].add(a)
    seen, todo = {candidates[0]}, [candidates[0]]
    while todo:
        for other in neighbours[todo.pop()] - seen:
            seen.add(other)
            todo.append(other)
    return len(seen) == len(candidates)


def bradley_terry(
    comparisons: Iterable[Comparison], *, max_iterations: int = 10_000, tolerance: float = 1e-12
) -> list[Ranked]:
    """Candidates ranked by Bradley-Terry strength, strongest first (ties in strength by name)."""
    wins: dict[str, float] = defaultdict(float)
    games: dict[tuple[str, str], int] = defaultdict(int)
    for c in comparisons:
        if c.first == c.second:
            raise ValueError(f"{c.first} cannot be compared with itself")
        wins[c.first] += {"first": 1.0, "second": 0.0, "tie": 0.5}[c.outcome]
        wins[c.second] += {"first": 0.0, "second": 1.0, "tie": 0.5}[c.outcome]
        games[(c.first, c.second) if c.first < c.second else (c.second, c.first)] += 1
    candidates = sorted(wins)
    if len(candidates) < 2:
        raise ValueError("a ranking needs comparisons between at least two candidates")
    if not _connected(candidates, games):
        raise ValueError("some candidates were never compared, directly or through others; rate more pairs")
    n: dict[str, dict[str, int]] = {c: {} for c in candidates}
    for (a, b), count in games.items():
        n[a][b] = n[b][a] = count
    strength = {c: 1.0 for c in candidates}
    for _ in range(max_iterations):
        updated = {
            i: wins[i] / sum(count / (strength[i] + strength[j]) for j, count in n[i].items()) for i in candidates
        }
        positive = [v for v in updated.values() if v > 0]
        scale = math.exp(sum(math.log(v) for v in positive) / len(positive))
        updated = {i: v / scale for i, v in updated.items()}
        change = max(abs(updated[i] - strength[i]) for i in candidates)
        strength = updated
        if change < tolerance:
            break
    ranked = [
        Ranked(
            c,
            strength[c],
            ELO_BASE + ELO_SCALE * math.log10(strength[c]) if strength[c] > 0 else None,
            wins[c],
            sum(n[c].values()),
        )
        for c in candidates
    ]
    return sorted(ranked, key=lambda r: (-r.strength, r.candidate))
