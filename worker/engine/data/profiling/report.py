"""The data report of one dataset (and its overlap with a second one), computed in one streaming pass.

Per record only small fixed-size facts are kept — token counts, a 64-bit text hash and a MinHash signature —
so memory grows by a few hundred bytes per record and the texts are never held. Examples shown in the report
are read back in a second pass by index, with PII masked.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from worker.engine.data.profiling.dedup import (
    DEFAULT_THRESHOLD,
    NUM_PERM,
    SHINGLE_WORDS,
    MinHasher,
    SignatureStore,
    cross_matches,
    equal_key_groups,
    exact_key,
    near_duplicate_groups,
    shingle_hashes,
)
from worker.engine.data.profiling.language import detect_language
from worker.engine.data.profiling.pii import PII_TYPES, find_pii, mask_pii
from worker.engine.data.profiling.quality import REASONS, QualityThresholds, score
from worker.engine.data.profiling.stats import distribution
from worker.engine.data.profiling.texts import joined, normalise, record_pieces
from worker.engine.data.profiling.tokens import TokenCounter
from worker.engine.data.records import iter_jsonl

Progress = Callable[[float], None]
PREVIEW_CHARS = 240
GROUP_INDICES = 20  # record indices listed per duplicate group


@dataclass(frozen=True)
class ReportOptions:
    max_length: int  # records longer than this many tokens are over-long (the model's context by default)
    near_duplicate_threshold: float = DEFAULT_THRESHOLD
    quality: QualityThresholds = field(default_factory=QualityThresholds)
    num_perm: int = NUM_PERM
    max_listed: int = 100  # record indices listed per finding (the count is always complete)
    max_examples: int = 5
    batch_size: int = 256


class Listed:
    """A count with the first `limit` record indices behind it."""

    def __init__(self, limit: int) -> None:
        self.limit, self.count, self.indices = limit, 0, list[int]()

    def add(self, index: int) -> None:
        self.count += 1
        if len(self.indices) < self.limit:
            self.indices.append(index)

    def as_dict(self) -> dict[str, Any]:
        return {"count": self.count, "indices": self.indices}


@dataclass
class Fingerprints:
    """What duplicate and contamination checks need of a dataset: a text hash per record, MinHash per text."""

    keys: array[int]
    key_indices: array[int]  # the record index of each key (empty records have none)
    signatures: SignatureStore

    @classmethod
    def empty(cls, num_perm: int) -> Fingerprints:
        return cls(array("q"), array("q"), SignatureStore(num_perm))

    def add(self, index: int, normalised: str, hasher: MinHasher) -> None:
        self.keys.append(exact_key(normalised))
        self.key_indices.append(index)
        shingles = shingle_hashes(normalised, SHINGLE_WORDS)
        if shingles.size:
            self.signatures.add(index, hasher.signature(shingles))

    def exact_groups(self) -> list[np.ndarray[Any, Any]]:
        """Record indices of each group of records with the same normalised text."""
        keys = np.frombuffer(self.keys, dtype=np.int64) if len(self.keys) else np.zeros(0, np.int64)
        indices = np.frombuffer(self.key_indices, dtype=np.int64) if len(self.keys) else np.zeros(0, np.int64)
        return [indices[group] for group in equal_key_groups(keys)]

    def distinct_rows(self, exact_groups: list[np.ndarray[Any, Any]]) -> np.ndarray[Any, Any]:
        """Signature rows of records that are not a later copy of an exact duplicate."""
        later = np.concatenate([g[1:] for g in exact_groups]) if exact_groups else np.zeros(0, np.int64)
        return np.flatnonzero(~np.isin(self.signatures.indices, later))


def _batches(path: Path, size: int) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    records = iter_jsonl(path)
    while batch := list(islice(records, size)):
        yield batch


def read_previews(path: Path, kind: str, indices: set[int]) -> dict[int, str]:
    """Short, PII-masked previews of the records at `indices` (one streaming pass)."""
    previews: dict[int, str] = {}
    if not indices:
        return previews
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index in indices:
                text = joined(record_pieces(json.loads(line), kind))
                previews[index] = mask_pii(text[:PREVIEW_CHARS] + ("…" if len(text) > PREVIEW_CHARS else ""))
                if len(previews) == len(indices):
                    break
    return previews


class DatasetProfiler:
    """Accumulates the report of one dataset, a batch of records at a time."""

    def __init__(self, kind: str, counter: TokenCounter, options: ReportOptions, hasher: MinHasher) -> None:
        self.kind, self.counter, self.options, self.hasher = kind, counter, options, hasher
        listed = options.max_listed
        self.records = 0
        self.turns = array("I")
        self.role_tokens: dict[str, array[int]] = {}
        self.total_tokens = array("I")
        self.languages: Counter[str] = Counter()
        self.fingerprints = Fingerprints.empty(options.num_perm)
        self.empty, self.over_long, self.template_errors = Listed(listed), Listed(listed), Listed(listed)
        self.first_template_error: str | None = None
        self.flagged = Listed(listed)
        self.by_reason = {reason: Listed(listed) for reason in REASONS}
        self.pii_records = Listed(listed)
        self.pii_matches: Counter[str] = Counter()
        self.pii_by_type = {kind: Listed(listed) for kind in PII_TYPES}
        self.pii_examples: dict[str, list[dict[str, Any]]] = {kind: [] for kind in PII_TYPES}

    def add_batch(self, batch: list[tuple[int, dict[str, Any]]]) -> None:
        counts = self.counter.count([record for _, record in batch])
        for (index, record), tokens in zip(batch, counts, strict=True):
            self._add(index, record, tokens.roles, tokens.total, tokens.error)

    def _add(self, index: int, record: Mapping[str, Any], roles: dict[str, int], total: int, error: str | None) -> None:
        self.records += 1
        pieces = record_pieces(record, self.kind)
        if self.kind != "text":
            self.turns.append(len(pieces))
        for role, count in roles.items():
            self.role_tokens.setdefault(role, array("I")).append(count)
        self.total_tokens.append(total)
        if error is not None:
            self.template_errors.add(index)
            self.first_template_error = self.first_template_error or f"record {index}: {error}"
        if total > self.options.max_length:
            self.over_long.add(index)
        if not any(text.strip() for _, text in pieces):
            self.empty.add(index)
            self.languages["und"] += 1
            return
        text = "\n".join(t for _, t in pieces)
        self.languages[detect_language(text)] += 1
        self.fingerprints.add(index, normalise(text), self.hasher)
        scores, trigrams = score(text)
        reasons = scores.flags(self.options.quality, trigrams)
        for reason in reasons:
            self.by_reason[reason].add(index)
        if reasons:
            self.flagged.add(index)
        found = find_pii(text)
        if found:
            self.pii_records.add(index)
        for kind in {k for k, _ in found}:
            self.pii_by_type[kind].add(index)
        for kind, masked in found:
            self.pii_matches[kind] += 1
            if len(self.pii_examples[kind]) < self.options.max_examples:
                self.pii_examples[kind].append({"index": index, "value": masked})

    def summary(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "records": self.records,
            "turns": distribution(self.turns) if self.kind != "text" else None,
            "tokens": {
                "total": distribution(self.total_tokens),
                "roles": {role: distribution(lengths) for role, lengths in sorted(self.role_tokens.items())},
            },
            "max_length": self.options.max_length,
            "languages": [{"language": lang, "records": n} for lang, n in self.languages.most_common()],
            "quality": {
                "thresholds": asdict(self.options.quality),
                "flagged": self.flagged.as_dict(),
                "by_reason": {reason: listed.as_dict() for reason, listed in self.by_reason.items()},
            },
            "empty": self.empty.as_dict(),
            "over_long": self.over_long.as_dict(),
            "template_errors": {**self.template_errors.as_dict(), "first": self.first_template_error},
            "pii": {
                "records": self.pii_records.as_dict(),
                "by_type": {
                    kind: {"matches": self.pii_matches[kind], **listed.as_dict(), "examples": self.pii_examples[kind]}
                    for kind, listed in self.pii_by_type.items()
                },
            },
        }


def duplicate_sections(fingerprints: Fingerprints, options: ReportOptions) -> tuple[dict[str, Any], dict[str, Any]]:
    """(exact, near) duplicate sections; near duplicates are looked for among distinct texts only."""
    exact_groups = fingerprints.exact_groups()
    exact = {
        "groups": len(exact_groups),
        "duplicate_records": sum(len(g) - 1 for g in exact_groups),
        "examples": [
            {"indices": [int(i) for i in g[:GROUP_INDICES]], "size": len(g)}
            for g in exact_groups[: options.max_examples]
        ],
    }
    rows = fingerprints.distinct_rows(exact_groups)
    signatures = fingerprints.signatures.signatures[rows]
    groups, similarity = near_duplicate_groups(signatures, options.near_duplicate_threshold)
    record_of_row = fingerprints.signatures.indices[rows]
    examples = []
    for group in groups[: options.max_examples]:
        members = set(group)
        values = [v for (a, b), v in similarity.items() if a in members and b in members]
        examples.append(
            {
                "indices": [int(record_of_row[r]) for r in group[:GROUP_INDICES]],
                "size": len(group),
                "similarity": round(min(values), 3),
            }
        )
    near = {
        "threshold": options.near_duplicate_threshold,
        "shingle_words": SHINGLE_WORDS,
        "num_perm": options.num_perm,
        "groups": len(groups),
        "duplicate_records": sum(len(g) - 1 for g in groups),
        "examples": examples,
    }
    return exact, near


def contamination_section(
    main: Fingerprints, other: Fingerprints, records: int, options: ReportOptions
) -> dict[str, Any]:
    """Records of the main dataset that also occur in the other one: exactly, or as near duplicates."""
    other_keys = np.frombuffer(other.keys, dtype=np.int64) if len(other.keys) else np.zeros(0, np.int64)
    main_keys = np.frombuffer(main.keys, dtype=np.int64) if len(main.keys) else np.zeros(0, np.int64)
    main_indices = np.frombuffer(main.key_indices, dtype=np.int64) if len(main.keys) else np.zeros(0, np.int64)
    hit = np.isin(main_keys, other_keys)
    exact = Listed(options.max_listed)
    examples: list[dict[str, Any]] = []
    other_index = (
        dict(zip(other_keys.tolist(), np.frombuffer(other.key_indices, dtype=np.int64).tolist(), strict=True))
        if hit.any()
        else {}
    )
    for key, index in zip(main_keys[hit].tolist(), main_indices[hit].tolist(), strict=True):
        exact.add(index)
        if len(examples) < options.max_examples:
            examples.append({"index": index, "compare_index": other_index[key], "similarity": 1.0})
    exact_set = set(main_indices[hit].tolist())
    matches = cross_matches(main.signatures.signatures, other.signatures.signatures, options.near_duplicate_threshold)
    near = Listed(options.max_listed)
    near_examples: list[dict[str, Any]] = []
    for row in sorted(matches):
        index = int(main.signatures.indices[row])
        if index in exact_set:
            continue
        near.add(index)
        other_row, value = matches[row]
        if len(near_examples) < options.max_examples:
            near_examples.append(
                {
                    "index": index,
                    "compare_index": int(other.signatures.indices[other_row]),
                    "similarity": round(value, 3),
                }
            )
    return {
        "compare_records": records,
        "exact": exact.as_dict(),
        "near": near.as_dict(),
        "threshold": options.near_duplicate_threshold,
        "examples": examples + near_examples,
    }


def _fingerprint(
    path: Path, kind: str, options: ReportOptions, hasher: MinHasher, progress: Progress
) -> tuple[Fingerprints, int]:
    fingerprints = Fingerprints.empty(options.num_perm)
    records = 0
    for index, record in iter_jsonl(path):
        records += 1
        text = "\n".join(t for _, t in record_pieces(record, kind))
        if text.strip():
            fingerprints.add(index, normalise(text), hasher)
        if records % 1000 == 0:
            progress(records)
    return fingerprints, records


def build_report(
    path: Path,
    kind: str,
    counter: TokenCounter,
    options: ReportOptions,
    *,
    compare: tuple[Path, str] | None = None,
    expected_records: tuple[int, int] = (0, 0),
    progress: Progress = lambda _: None,
) -> dict[str, Any]:
    """The report of the dataset at `path` (normalised JSONL of `kind`), with its overlap with `compare`.

    `expected_records` (main, compare) only scales the progress reported (0 to 1).
    """
    hasher = MinHasher(options.num_perm)
    profiler = DatasetProfiler(kind, counter, options, hasher)
    expected = max(1, expected_records[0] + expected_records[1])
    for batch in _batches(path, options.batch_size):
        profiler.add_batch(batch)
        progress(0.9 * profiler.records / expected)
    report = profiler.summary()
    report["exact_duplicates"], report["near_duplicates"] = duplicate_sections(profiler.fingerprints, options)
    report["contamination"] = None
    other_previews: dict[int, str] = {}
    if compare is not None:
        done = profiler.records
        other, count = _fingerprint(
            compare[0], compare[1], options, hasher, lambda n: progress(0.9 * (done + n) / expected)
        )
        report["contamination"] = contamination_section(profiler.fingerprints, other, count, options)
        wanted = {e["compare_index"] for e in report["contamination"]["examples"]}
        other_previews = read_previews(compare[0], compare[1], wanted)
    progress(0.95)
    _attach_previews(report, read_previews(path, kind, _example_indices(report)), other_previews)
    return report


def _example_indices(report: dict[str, Any]) -> set[int]:
    wanted = set()
    for section in ("exact_duplicates", "near_duplicates"):
        for example in report[section]["examples"]:
            wanted.update(example["indices"][:2])
    if report["contamination"] is not None:
        wanted.update(e["index"] for e in report["contamination"]["examples"])
    return wanted


def _attach_previews(report: dict[str, Any], previews: dict[int, str], other_previews: dict[int, str]) -> None:
    for section in ("exact_duplicates", "near_duplicates"):
        for example in report[section]["examples"]:
            example["previews"] = [previews.get(i, "") for i in example["indices"][:2]]
    if report["contamination"] is not None:
        for example in report["contamination"]["examples"]:
            example["preview"] = previews.get(example["index"], "")
            example["compare_preview"] = other_previews.get(example["compare_index"], "")
