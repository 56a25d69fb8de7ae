"""Repetition and garbage scores of one record's text, and the thresholds that flag it.

- repeated n-gram ratio: the share of word trigrams that repeat an earlier trigram of the same text
  (degenerate "the the the …" loops and copy-pasted blocks score high);
- symbol ratio: the share of characters that are neither letters, digits, `_`, whitespace nor common punctuation
  (mojibake, control characters, binary noise, markup debris);
- longest run: the longest run of one repeated character ("!!!!!!!!", "________").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PUNCTUATION = set(".,;:!?'\"()[]{}-–—/…%&*#@+=<>_`$€£¥·、，。！？；：“”‘’（）《》【】")
REASONS = ("repetition", "symbols", "character_run")
MIN_RUN = 4


@dataclass(frozen=True)
class QualityThresholds:
    repeated_ngram_ratio: float = 0.5
    symbol_ratio: float = 0.3
    character_run: int = 30
    min_trigrams: int = 10  # shorter texts have too few trigrams for the ratio to mean anything


@dataclass(frozen=True)
class QualityScores:
    repeated_ngram_ratio: float
    symbol_ratio: float
    longest_run: int

    def flags(self, thresholds: QualityThresholds, trigrams: int) -> list[str]:
        reasons = []
        if trigrams >= thresholds.min_trigrams and self.repeated_ngram_ratio > thresholds.repeated_ngram_ratio:
            reasons.append("repetition")
        if self.symbol_ratio > thresholds.symbol_ratio:
            reasons.append("symbols")
        if self.longest_run >= thresholds.character_run:
            reasons.append("character_run")
        return reasons


def repeated_ngram_ratio(words: list[str], n: int = 3) -> float:
    grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
    return 1 - len(set(grams)) / len(grams) if grams else 0.0


# Regular expressions keep the per-character work in C: a 1 GB dataset has a billion characters.
_SYMBOL = re.compile("[^\\w\\s" + re.escape("".join(sorted(_PUNCTUATION))) + "]")
_RUN = re.compile(rf"(\S)\1{{{MIN_RUN - 1},}}")


def symbol_ratio(text: str) -> float:
    return len(_SYMBOL.findall(text)) / len(text) if text else 0.0


def longest_run(text: str) -> int:
    """The longest run of one repeated non-space character, counted from MIN_RUN (shorter runs such as "www" or
    "..." are ordinary text); 0 when there is none."""
    return max((m.end() - m.start() for m in _RUN.finditer(text)), default=0)


def score(text: str) -> tuple[QualityScores, int]:
    """The scores of the text, and how many word trigrams it has."""
    words = text.split()
    return QualityScores(repeated_ngram_ratio(words), symbol_ratio(text), longest_run(text)), max(0, len(words) - 2)
