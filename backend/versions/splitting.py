"""A seeded train/eval split of a records file, streamed: only the chosen eval positions are held in memory."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Written:
    path: Path
    records: int
    size_bytes: int
    sha256: str


def eval_positions(records: int, eval_count: int, seed: int) -> set[int]:
    """Which record positions go to eval: the same (records, eval_count, seed) always gives the same set."""
    return set(random.Random(seed).sample(range(records), eval_count))


def split_file(source: Path, chosen: set[int], train_path: Path, eval_path: Path) -> tuple[Written, Written]:
    """Copy each record line, byte for byte and in order, to the eval file when its position is chosen, else to
    the train file; together they hold every record exactly once."""
    sides = {
        False: (train_path, hashlib.sha256(), [0, 0]),
        True: (eval_path, hashlib.sha256(), [0, 0]),
    }
    with source.open("rb") as reader, train_path.open("wb") as train, eval_path.open("wb") as held_out:
        writers = {False: train, True: held_out}
        position = 0
        for line in reader:
            if not line.strip():
                continue
            if not line.endswith(b"\n"):
                line += b"\n"
            side = position in chosen
            _, digest, counts = sides[side]
            digest.update(line)
            writers[side].write(line)
            counts[0], counts[1] = counts[0] + 1, counts[1] + len(line)
            position += 1
    train_written, eval_written = (
        Written(path, counts[0], counts[1], digest.hexdigest()) for path, digest, counts in (sides[False], sides[True])
    )
    return train_written, eval_written
