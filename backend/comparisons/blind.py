"""Which answer a rater sees as A: decided per pair and rater by a hash, so it looks random, hides which candidate
is which, and stays the same when the page is reloaded or the rating is sent."""

from __future__ import annotations

import hashlib

from backend.comparisons.schemas import Choice
from backend.models import ComparisonPair


def first_shown_as_a(pair_id: str, rater: str) -> bool:
    return hashlib.sha256(f"{pair_id}\x00{rater}".encode()).digest()[0] % 2 == 0


def shown_as_a(pair: ComparisonPair, rater: str) -> str:
    """The candidate whose answer this rater sees as A."""
    return pair.first if first_shown_as_a(pair.id, rater) else pair.second


def outcome_of(choice: Choice, pair_id: str, rater: str) -> str:
    """A rater's choice of A, B or tie as first, second or tie of the pair's stored order."""
    if choice == "tie":
        return "tie"
    a_is_first = first_shown_as_a(pair_id, rater)
    return "first" if (choice == "a") == a_is_first else "second"
