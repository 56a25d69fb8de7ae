"""The token budget of a mixture: how many tokens (and records) each source contributes.

Ratio sources share one scale: the largest mixture in which no down-sampled source needs more tokens than it has
(if every ratio source may be up-sampled, the one scale at which none is down-sampled). A `target_tokens` source
gets its target. A down-sampled source is capped at what it has; an up-sampled one repeats records to reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Sampling = Literal["down", "up"]


@dataclass(frozen=True)
class SourceIn:
    records: int
    tokens: int  # available, estimated
    ratio: float | None
    target_tokens: int | None
    sampling: Sampling


@dataclass(frozen=True)
class SourceOut:
    target_tokens: int  # what the recipe asks of it
    tokens: int  # what it contributes (after capping)
    records: int  # records written (repeats included)
    factor: float  # records / available records; > 1 means up-sampled
    capped: bool  # asked for more than it has, but may not be up-sampled


def plan(sources: list[SourceIn]) -> list[SourceOut]:
    ratio = [s for s in sources if s.ratio is not None]
    scale = 0.0
    if ratio:
        down = [s.tokens / (s.ratio or 1) for s in ratio if s.sampling == "down"]
        scale = min(down) if down else max(s.tokens / (s.ratio or 1) for s in ratio)
    planned = []
    for source in sources:
        target = source.target_tokens if source.target_tokens is not None else (source.ratio or 0) * scale
        factor = target / source.tokens if source.tokens else 0.0
        capped = source.sampling == "down" and factor > 1
        factor = min(factor, 1.0) if source.sampling == "down" else factor
        records = max(1, round(factor * source.records)) if factor > 0 and source.records else 0
        planned.append(SourceOut(round(target), round(factor * source.tokens), records, factor, capped))
    return planned
