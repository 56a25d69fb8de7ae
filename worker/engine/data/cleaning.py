"""Cleaning: a new set of records from an old one, with the data report's own detectors deciding what goes.

Two streaming passes over the source. The first keeps a few facts per record (length, a text hash, a MinHash
signature, whether a per-record filter drops it); the second copies the kept lines byte for byte into the new
file, hashing them. Filters apply in a fixed order — length, garbage, PII, exact duplicates, near duplicates — and
a record dropped by one is not counted by the later ones, so the counts add up and the same input and options
always give the same output (no randomness; the first record of each duplicate group is the one kept).
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Literal

import numpy as np

from worker.engine.data.profiling.dedup import (
    NUM_PERM,
    SHINGLE_WORDS,
    MinHasher,
    equal_key_groups,
    exact_key,
    near_duplicate_groups,
    shingle_hashes,
)
from worker.engine.data.profiling.pii import find_pii
from worker.engine.data.profiling.quality import QualityThresholds, score
from worker.engine.data.profiling.texts import normalise, record_pieces
from worker.engine.data.records import iter_jsonl

FILTERS = ("min_length", "max_length", "garbage", "pii", "exact_duplicate", "near_duplicate")
BATCH = 256
Lengths = Callable[[Sequence[Mapping[str, Any]]], list[int]]
Progress = Callable[[float], None]


@dataclass(frozen=True)
class CleaningOptions:
    exact_dedup: bool = False
    near_dedup_threshold: float | None = None  # estimated Jaccard of word 5-gram shingles; None: no near dedup
    min_length: int | None = None
    max_length: int | None = None
    length_unit: Literal["characters", "tokens"] = "characters"
    garbage_threshold: float | None = None  # the repeated-trigram ratio above which a record is garbage
    drop_pii: bool = False
    listed: int = 20  # dropped record indices listed per filter


@dataclass
class CleaningResult:
    records_before: int
    records_after: int
    sha256: str
    size_bytes: int
    filters: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {"records_before": self.records_before, "records_after": self.records_after, "filters": self.filters}


def character_lengths(kind: str) -> Lengths:
    """Characters of the record's own text (every turn's content, or the document), without role names."""
    return lambda records: [sum(len(text) for _, text in record_pieces(r, kind)) for r in records]


def _text(record: Mapping[str, Any], kind: str) -> str:
    return "\n".join(text for _, text in record_pieces(record, kind))


class _Pass:
    """The first pass: why each record is dropped by a per-record filter (or not), and its fingerprints."""

    def __init__(self, kind: str, options: CleaningOptions, lengths: Lengths) -> None:
        self.kind, self.options, self.lengths = kind, options, lengths
        self.reason: list[int] = []  # index into FILTERS, or -1 for kept so far
        self.keys = array("q")
        self.hasher = MinHasher(NUM_PERM)
        self.signatures: list[np.ndarray[Any, Any]] = []
        self.quality = QualityThresholds(repeated_ngram_ratio=options.garbage_threshold or 0.0)

    def add(self, records: list[dict[str, Any]]) -> None:
        options = self.options
        needs_length = options.min_length is not None or options.max_length is not None
        lengths = self.lengths(records) if needs_length else [0] * len(records)
        for record, length in zip(records, lengths, strict=True):
            text = _text(record, self.kind)
            normalised = normalise(text)
            self.keys.append(exact_key(normalised))
            if options.near_dedup_threshold is not None:
                shingles = shingle_hashes(normalised, SHINGLE_WORDS)
                empty = np.zeros(NUM_PERM, dtype=np.uint16)
                self.signatures.append(self.hasher.signature(shingles) if shingles.size else empty)
            self.reason.append(self._reason(text, length))

    def _reason(self, text: str, length: int) -> int:
        options = self.options
        if options.min_length is not None and length < options.min_length:
            return FILTERS.index("min_length")
        if options.max_length is not None and length > options.max_length:
            return FILTERS.index("max_length")
        if options.garbage_threshold is not None:
            scores, trigrams = score(text)
            if scores.flags(self.quality, trigrams):
                return FILTERS.index("garbage")
        if options.drop_pii and find_pii(text):
            return FILTERS.index("pii")
        return -1


def _mark_duplicates(scan: _Pass, reasons: np.ndarray[Any, Any]) -> None:
    """Among the records still kept, every exact (then near) duplicate of an earlier kept record is dropped."""
    options = scan.options
    if options.exact_dedup:
        kept = np.flatnonzero(reasons == -1)
        keys = np.frombuffer(scan.keys, dtype=np.int64)[kept] if kept.size else np.zeros(0, np.int64)
        for group in equal_key_groups(keys):
            reasons[kept[group[1:]]] = FILTERS.index("exact_duplicate")
    if options.near_dedup_threshold is not None:
        kept = np.flatnonzero(reasons == -1)
        if kept.size > 1:
            signatures = np.stack([scan.signatures[i] for i in kept])
            groups, _ = near_duplicate_groups(signatures, options.near_dedup_threshold)
            for members in groups:
                reasons[kept[members[1:]]] = FILTERS.index("near_duplicate")


def _summary(reasons: np.ndarray[Any, Any], options: CleaningOptions) -> list[dict[str, Any]]:
    applied = {
        "min_length": options.min_length is not None,
        "max_length": options.max_length is not None,
        "garbage": options.garbage_threshold is not None,
        "pii": options.drop_pii,
        "exact_duplicate": options.exact_dedup,
        "near_duplicate": options.near_dedup_threshold is not None,
    }
    remaining = int(reasons.size)
    filters = []
    for position, name in enumerate(FILTERS):
        if not applied[name]:
            continue
        dropped = np.flatnonzero(reasons == position)
        filters.append(
            {
                "name": name,
                "before": remaining,
                "after": remaining - int(dropped.size),
                "dropped": int(dropped.size),
                "dropped_indices": [int(i) for i in dropped[: options.listed]],
            }
        )
        remaining -= int(dropped.size)
    return filters


def clean(
    source: Path,
    kind: str,
    options: CleaningOptions,
    destination: Path,
    *,
    lengths: Lengths | None = None,
    expected_records: int = 0,
    progress: Progress = lambda _: None,
) -> CleaningResult:
    """Write the records of `source` that pass every chosen filter to `destination`, in their original order and
    bytes; the counts per filter and the first dropped indices come back with the new file's hash."""
    scan = _Pass(kind, options, lengths or character_lengths(kind))
    records = iter_jsonl(source)
    seen = 0
    while batch := list(islice(records, BATCH)):
        scan.add([record for _, record in batch])
        seen += len(batch)
        progress(0.8 * seen / max(expected_records, seen, 1))
    reasons = np.asarray(scan.reason, dtype=np.int64)
    _mark_duplicates(scan, reasons)
    keep = reasons == -1
    digest, size, written, position = hashlib.sha256(), 0, 0, 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    with source.open("rb") as reader, destination.open("wb") as writer:
        for line in reader:
            if not line.strip():
                continue  # blank lines are not records (iter_jsonl skips them too)
            if keep[position]:
                if not line.endswith(b"\n"):
                    line += b"\n"
                digest.update(line)
                writer.write(line)
                size, written = size + len(line), written + 1
            position += 1
    progress(1.0)
    return CleaningResult(int(reasons.size), written, digest.hexdigest(), size, _summary(reasons, options))
