"""Every accepted dataset format, grouped by the internal kind it becomes.

Kinds (stored as `Dataset.format`): `messages` (a conversation), `preference` (prompt + chosen + rejected),
`kto` (a conversation + a desirable/undesirable label), `text` (raw text for continued pretraining), and the eval
kinds `multiple_choice` (a question, its choices and the right one) and `prompts` (open-ended prompts to judge).
"""

from __future__ import annotations

from typing import Literal, get_args

from backend.datasets.formats.alpaca import ALPACA
from backend.datasets.formats.base import Format, Kind, RecordError
from backend.datasets.formats.kto import KTO
from backend.datasets.formats.messages import OPENAI
from backend.datasets.formats.multiple_choice import MULTIPLE_CHOICE
from backend.datasets.formats.preference import ALPACA_PAIRS, FLAT_PAIRS, OPENAI_DPO, SHAREGPT_PAIRS
from backend.datasets.formats.prompts import PROMPTS
from backend.datasets.formats.sharegpt import SHAREGPT
from backend.datasets.formats.text import DOCX, MARKDOWN, PDF, TEXT, TXT

Requested = Literal["auto", "openai", "alpaca", "sharegpt", "preference", "kto", "text", "multiple_choice", "prompts"]
REQUESTED: tuple[str, ...] = get_args(Requested)
KINDS: tuple[str, ...] = get_args(Kind)

# Record formats, in the order detection prefers them on a tie (their signatures are disjoint, so ties are rare).
RECORD_FORMATS: tuple[Format, ...] = (
    OPENAI,
    SHAREGPT,
    ALPACA,
    KTO,
    OPENAI_DPO,
    SHAREGPT_PAIRS,
    FLAT_PAIRS,
    ALPACA_PAIRS,
    TEXT,
    MULTIPLE_CHOICE,
    PROMPTS,
)
FILE_FORMATS: tuple[Format, ...] = (TXT, MARKDOWN, PDF, DOCX)
ALL_FORMATS = RECORD_FORMATS + FILE_FORMATS
BY_NAME = {f.name: f for f in ALL_FORMATS}
KNOWN_FIELDS = frozenset(field for f in RECORD_FORMATS for field in f.fields)


def candidates(requested: str) -> tuple[Format, ...]:
    """The record formats an upload's `format` value allows."""
    if requested == "auto":
        return RECORD_FORMATS
    return tuple(f for f in RECORD_FORMATS if f.family == requested)


__all__ = [
    "ALL_FORMATS",
    "BY_NAME",
    "FILE_FORMATS",
    "KINDS",
    "KNOWN_FIELDS",
    "MARKDOWN",
    "RECORD_FORMATS",
    "REQUESTED",
    "TXT",
    "Format",
    "Kind",
    "RecordError",
    "Requested",
    "candidates",
]
