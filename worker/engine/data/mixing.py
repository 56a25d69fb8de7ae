"""Materialise a mixture: each source's records, down-sampled (a seeded subset) or up-sampled (whole repeats plus a
seeded subset), written in source order. Records are copied byte for byte, except a conversation source of a text
mixture, whose records are each rendered into one `{"text": ...}` document (conversation_text.py). The same seed
and plan give the same file."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from worker.engine.data.conversation_text import ToText
from worker.engine.errors import DataError


@dataclass(frozen=True)
class MixSource:
    path: Path
    records: int  # records of the file
    take: int  # records to write, repeats included
    name: str = ""  # how errors name the source
    to_text: ToText | None = None  # renders each record as a text document; None copies records as they are


def repeats(records: int, take: int, seed: int, source: int) -> np.ndarray[tuple[int], np.dtype[np.int64]]:
    """How many times each record of a source is written so that `take` records are, for this seed."""
    full, rest = divmod(take, records) if records else (0, 0)
    counts = np.full(records, full, dtype=np.int64)
    if rest:
        rng = np.random.default_rng([seed, source])
        counts[rng.choice(records, size=rest, replace=False)] += 1
    return counts


def _as_document(line: bytes, source: MixSource, index: int) -> bytes:
    assert source.to_text is not None
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise DataError("each line must be a JSON object", record=index)
        text = source.to_text(record, index)
    except json.JSONDecodeError as exc:
        raise DataError(f"not valid JSON ({exc.msg})", record=index, source=source.name) from exc
    except DataError as exc:
        raise DataError(exc.reason, record=index, source=source.name) from exc
    return json.dumps({"text": text}, ensure_ascii=False).encode() + b"\n"


def materialise(
    sources: list[MixSource],
    seed: int,
    destination: Path,
    progress: Callable[[float], None] = lambda _: None,
) -> tuple[int, int, str]:
    """(records written, bytes, sha256) of the mixture written to `destination`. A record that cannot be rendered
    fails the whole mixture (DataError naming the source and record); only records written are rendered."""
    digest, size, written = hashlib.sha256(), 0, 0
    destination.parent.mkdir(parents=True, exist_ok=True)
    with destination.open("wb") as out:
        for position, source in enumerate(sources):
            counts = repeats(source.records, source.take, seed, position)
            record = 0
            with source.path.open("rb") as reader:
                for index, line in enumerate(reader):  # index: line - 1, as every record message counts
                    if not line.strip():
                        continue
                    count = int(counts[record])
                    record += 1
                    if not count:
                        continue
                    if source.to_text is not None:
                        line = _as_document(line, source, index)
                    elif not line.endswith(b"\n"):
                        line += b"\n"
                    for _ in range(count):
                        out.write(line)
                        digest.update(line)
                        size, written = size + len(line), written + 1
            progress((position + 1) / len(sources))
    return written, size, digest.hexdigest()
