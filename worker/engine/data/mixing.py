"""Materialise a mixture: each source's records, down-sampled (a seeded subset) or up-sampled (whole repeats plus a
seeded subset), written in source order, byte for byte. The same seed and plan give the same file."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np


def repeats(records: int, take: int, seed: int, source: int) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    """How many times each record of a source is written so that `take` records are, for this seed."""
    full, rest = divmod(take, records) if records else (0, 0)
    counts = np.full(records, full, dtype=np.int64)
    if rest:
        rng = np.random.default_rng([seed, source])
        counts[rng.choice(records, size=rest, replace=False)] += 1
    return counts


def materialise(
    sources: list[tuple[Path, int, int]],
    seed: int,
    destination: Path,
    progress: Callable[[float], None] = lambda _: None,
) -> tuple[int, int, str]:
    """(records written, bytes, sha256) of the mixture written to `destination`."""
    digest, size, written = hashlib.sha256(), 0, 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("wb") as out:
        for position, (path, records, take) in enumerate(sources):
            counts = repeats(records, take, seed, position)
            index = 0
            with path.open("rb") as reader:
                for line in reader:
                    if not line.strip():
                        continue
                    if not line.endswith(b"\n"):
                        line += b"\n"
                    for _ in range(int(counts[index])):
                        out.write(line)
                        digest.update(line)
                        size, written = size + len(line), written + 1
                    index += 1
            progress((position + 1) / len(sources))
    return written, size, digest.hexdigest()
