"""The token budget of a mixture: how many tokens (and records) each source contributes, and which sources a
mixture of a kind takes.

Ratio sources share one scale: the largest mixture in which no down-sampled source needs more tokens than it has
(if every ratio source may be up-sampled, the one scale at which none is down-sampled). A `target_tokens` source
gets its target. A down-sampled source is capped at what it has; an up-sampled one repeats records to reach it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Sampling = Literal["down", "up"]
Estimate = Literal["report", "rendered", "chars/4"]
BYTES_PER_TOKEN = 4  # the fallback estimate without a data report
# Multi-task instruction pretraining: a text mixture also takes conversations, each rendered as one document.
RENDERED_INTO = {"text": ("messages",)}


def takes(kind: str, source_kind: str) -> bool:
    """Whether a mixture of `kind` can hold a source of `source_kind` (as is, or rendered)."""
    return source_kind == kind or source_kind in RENDERED_INTO.get(kind, ())


def rendered(kind: str, source_kind: str) -> bool:
    """Whether a source of `source_kind` becomes text in a mixture of `kind`."""
    return source_kind != kind and takes(kind, source_kind)


def available_tokens(
    records: int,
    size_bytes: int,
    report: dict[str, Any] | None,
    report_model: str | None,
    render_as: dict[str, Any] | None,
) -> tuple[int, Estimate]:
    """Tokens of a version's `records` as the mixture will hold them, and how that was estimated.

    From the newest data report when there is one: its tokens per record (the record as the report's model sees
    it, chat template included). A conversation rendered `plain` holds only its messages' own text, so its report
    content tokens count instead; one rendered with another model's template than the report's is about the
    same size. Without a report, bytes / 4 (the JSON around a conversation is roughly what a template adds).
    """
    if not report or not report.get("records"):
        return size_bytes // BYTES_PER_TOKEN, "chars/4"
    tokens = report["tokens"]
    per_record = tokens["total"]["total"] / report["records"]
    if render_as is None:
        return round(per_record * records), "report"
    if render_as["style"] == "plain":
        content = sum(role["total"] for role in tokens.get("roles", {}).values())
        per_record = (content or tokens["total"]["total"]) / report["records"]
        return round(per_record * records), "rendered"
    return round(per_record * records), "report" if render_as.get("model") == report_model else "rendered"


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
