"""Exact duplicates (hash of the normalised text) and near duplicates (MinHash + LSH on word shingles).

Only a small fixed-size signature per record is kept (`num_perm` 16-bit values: 128 bytes), so millions of records
fit in memory; the texts themselves are never held. Near-duplicate candidates share at least one LSH band and are
confirmed by their estimated Jaccard similarity (the share of equal signature values).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.8
NUM_PERM = 64
CROSS_CANDIDATES = 8
_SEED = 20261122
_MIX = np.uint64(0x9E3779B97F4A7C15)


def exact_key(normalised: str) -> int:
    """A 64-bit hash of the normalised text (as a signed int, to sit in an int64 array)."""
    return int.from_bytes(hashlib.blake2b(normalised.encode("utf-8"), digest_size=8).digest(), "little", signed=True)


def equal_key_groups(keys: npt.NDArray[np.int64]) -> list[npt.NDArray[np.int64]]:
    """Positions in `keys` of every value that occurs more than once, each group ascending."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], ordered.size]
    return [order[s:e] for s, e in zip(starts, ends, strict=True) if e - s > 1]


def shingle_hashes(normalised: str, words: int = SHINGLE_WORDS) -> npt.NDArray[np.uint64]:
    """64-bit hashes of every run of `words` consecutive words; a shorter text is one shingle."""
    tokens = normalised.split()
    if not tokens:
        return np.zeros(0, dtype=np.uint64)
    hashed = np.fromiter((zlib.crc32(t.encode("utf-8")) for t in tokens), dtype=np.uint64, count=len(tokens))
    width = min(words, len(tokens))
    combined = np.zeros(len(tokens) - width + 1, dtype=np.uint64)
    for offset in range(width):  # a polynomial hash of the window, wrapping at 2**64
        combined = combined * _MIX + hashed[offset : offset + combined.size]
    return combined


@dataclass(frozen=True)
class MinHasher:
    num_perm: int = NUM_PERM
    multipliers: npt.NDArray[np.uint64] = field(init=False)
    offsets: npt.NDArray[np.uint64] = field(init=False)

    def __post_init__(self) -> None:
        rng = np.random.default_rng(_SEED)
        # Multiply-shift hashing: odd 64-bit multipliers, the top 32 bits of (a*x + b) are the permuted value.
        multipliers = rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
        object.__setattr__(self, "multipliers", multipliers)
        object.__setattr__(self, "offsets", rng.integers(0, 2**63, size=self.num_perm, dtype=np.uint64))

    def signature(self, shingles: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint16]:
        """The low 16 bits of each 32-bit minimum (b-bit MinHash): two different minima look equal with
        probability 2**-16, a negligible bias, for half the memory."""
        permuted = (shingles[:, None] * self.multipliers[None, :] + self.offsets[None, :]) >> np.uint64(32)
        lowest: npt.NDArray[np.uint64] = permuted.min(axis=0)
        return (lowest & np.uint64(0xFFFF)).astype(np.uint16)


def estimated_jaccard(a: npt.NDArray[np.uint16], b: npt.NDArray[np.uint16]) -> float:
    return float(np.mean(a == b))


def band_layout(num_perm: int, threshold: float) -> tuple[int, int]:
    """(bands, rows) with bands * rows = num_perm whose S-curve midpoint (1/b)**(1/r) is closest to threshold."""
    options = [(b, num_perm // b) for b in range(1, num_perm + 1) if num_perm % b == 0]
    return min(options, key=lambda br: abs((1 / br[0]) ** (1 / br[1]) - threshold))


def buckets(signatures: npt.NDArray[np.uint16], bands: int, rows: int) -> Iterator[npt.NDArray[np.intp]]:
    """Rows of `signatures` that share one band's values, for each band and each bucket of two or more rows."""
    for band in range(bands):
        chunk = np.ascontiguousarray(signatures[:, band * rows : (band + 1) * rows])
        keys = chunk.view(np.dtype((np.void, chunk.dtype.itemsize * rows))).ravel()
        order = np.argsort(keys, kind="stable")
        ordered = keys[order]
        starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
        ends = np.r_[starts[1:], ordered.size]
        for start, end in zip(starts, ends, strict=True):
            if end - start > 1:
                yield order[start:end]


def candidate_pairs(signatures: npt.NDArray[np.uint16], bands: int, rows: int) -> Iterator[tuple[int, int]]:
    """(i, j) rows that share a band; each bucket pairs its first member with each other one (enough for
    grouping: the groups are the connected components)."""
    for bucket in buckets(signatures, bands, rows):
        first = int(bucket[0])
        for other in bucket[1:]:
            yield first, int(other)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:  # path compression
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def near_duplicate_groups(
    signatures: npt.NDArray[np.uint16], threshold: float
) -> tuple[list[list[int]], dict[tuple[int, int], float]]:
    """Groups (row indices, ascending, by first member) of rows whose estimated Jaccard reaches threshold,
    and the similarity of each confirmed pair."""
    if len(signatures) < 2:
        return [], {}
    bands, rows = band_layout(signatures.shape[1], threshold)
    groups = _UnionFind()
    similarity: dict[tuple[int, int], float] = {}
    for a, b in candidate_pairs(signatures, bands, rows):
        pair = (min(a, b), max(a, b))
        if pair in similarity:
            continue
        value = estimated_jaccard(signatures[a], signatures[b])
        if value >= threshold:
            similarity[pair] = value
            groups.union(*pair)
    members: dict[int, list[int]] = {}
    for row in list(groups.parent):
        members.setdefault(groups.find(row), []).append(row)
    for root in list(members):
        if root not in members[root]:
            members[root].append(root)
    return sorted((sorted(m) for m in members.values()), key=lambda g: g[0]), similarity


class SignatureStore:
    """A growable (n, num_perm) uint16 array of signatures, with the record index of each row."""

    def __init__(self, num_perm: int) -> None:
        self._rows = np.zeros((1024, num_perm), dtype=np.uint16)
        self._indices = np.zeros(1024, dtype=np.int64)
        self.size = 0

    def add(self, index: int, signature: npt.NDArray[np.uint16]) -> None:
        if self.size == len(self._rows):
            self._rows = np.concatenate([self._rows, np.zeros_like(self._rows)])
            self._indices = np.concatenate([self._indices, np.zeros_like(self._indices)])
        self._rows[self.size] = signature
        self._indices[self.size] = index
        self.size += 1

    @property
    def signatures(self) -> npt.NDArray[np.uint16]:
        return self._rows[: self.size]

    @property
    def indices(self) -> npt.NDArray[np.int64]:
        return self._indices[: self.size]


def cross_matches(
    left: npt.NDArray[np.uint16], right: npt.NDArray[np.uint16], threshold: float
) -> dict[int, tuple[int, float]]:
    """For each row of `left` with a near duplicate in `right`: (its most similar right row, similarity).

    In a bucket every left row is compared with up to CROSS_CANDIDATES right rows, which bounds the work when
    many copies of one text share a bucket."""
    if not len(left) or not len(right):
        return {}
    bands, rows = band_layout(left.shape[1], threshold)
    best: dict[int, tuple[int, float]] = {}
    seen: set[tuple[int, int]] = set()
    for bucket in buckets(np.concatenate([left, right]), bands, rows):
        mine = bucket[bucket < len(left)]
        theirs = bucket[bucket >= len(left)][:CROSS_CANDIDATES] - len(left)
        for row in mine.tolist():
            for other in theirs.tolist():
                if (row, other) in seen:
                    continue
                seen.add((row, other))
                value = estimated_jaccard(left[row], right[other])
                if value >= threshold and value > best.get(row, (-1, -1.0))[1]:
                    best[row] = (other, value)
    return best
