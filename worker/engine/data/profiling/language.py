"""Offline language identification: the dominant Unicode script, then stopwords for Latin-script languages.

Limits: it names the language of the record's text as a whole (a mixed record gets its dominant one); Chinese,
Japanese (kana present) and Korean are told apart by script only; Latin-script text is matched against the
stopwords of eight common languages and is `latin-other` when none fits (too short, or another language);
Cyrillic is `ru` unless Ukrainian-only letters appear. Text without letters is `und` (undetermined).
"""

from __future__ import annotations

import re
from collections import Counter

SAMPLE_CHARS = 2000
_WORD = re.compile(r"[^\W\d_]+")

STOPWORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        [
            "the",
            "and",
            "of",
            "to",
            "is",
            "in",
            "that",
            "it",
            "for",
            "you",
            "was",
            "with",
            "on",
            "are",
            "this",
            "be",
            "have",
            "not",
            "what",
            "how",
        ]
    ),
    "de": frozenset(
        [
            "der",
            "die",
            "und",
            "das",
            "ist",
            "nicht",
            "ich",
            "sie",
            "es",
            "mit",
            "ein",
            "eine",
            "zu",
            "den",
            "von",
            "auf",
            "für",
            "wie",
        ]
    ),
    "fr": frozenset(
        [
            "le",
            "la",
            "les",
            "et",
            "est",
            "des",
            "une",
            "un",
            "que",
            "pas",
            "pour",
            "dans",
            "du",
            "qui",
            "ce",
            "sur",
            "avec",
            "vous",
            "je",
        ]
    ),
    "es": frozenset(
        [
            "el",
            "la",
            "los",
            "las",
            "y",
            "es",
            "que",
            "de",
            "en",
            "un",
            "una",
            "por",
            "para",
            "con",
            "no",
            "se",
            "del",
            "lo",
            "como",
        ]
    ),
    "pt": frozenset(
        [
            "o",
            "a",
            "os",
            "as",
            "e",
            "é",
            "que",
            "de",
            "em",
            "um",
            "uma",
            "para",
            "com",
            "não",
            "do",
            "da",
            "se",
            "por",
            "como",
        ]
    ),
    "it": frozenset(
        [
            "il",
            "la",
            "le",
            "e",
            "è",
            "che",
            "di",
            "un",
            "una",
            "per",
            "con",
            "non",
            "del",
            "della",
            "sono",
            "gli",
            "lo",
            "come",
        ]
    ),
    "nl": frozenset(
        [
            "de",
            "het",
            "een",
            "en",
            "is",
            "van",
            "dat",
            "niet",
            "ik",
            "je",
            "op",
            "te",
            "met",
            "zijn",
            "voor",
            "wat",
            "hoe",
        ]
    ),
    "id": frozenset(
        ["yang", "dan", "di", "ini", "itu", "dengan", "untuk", "tidak", "dari", "ada", "akan", "saya", "apa"]
    ),
}

# (script, first code point, last code point); checked by range.
_SCRIPTS: tuple[tuple[str, int, int], ...] = (
    ("latin", 0x0041, 0x024F),
    ("greek", 0x0370, 0x03FF),
    ("cyrillic", 0x0400, 0x04FF),
    ("hebrew", 0x0590, 0x05FF),
    ("arabic", 0x0600, 0x06FF),
    ("devanagari", 0x0900, 0x097F),
    ("thai", 0x0E00, 0x0E7F),
    ("hangul", 0x1100, 0x11FF),
    ("kana", 0x3040, 0x30FF),
    ("han", 0x3400, 0x4DBF),
    ("han", 0x4E00, 0x9FFF),
    ("hangul", 0xAC00, 0xD7AF),
    ("han", 0xF900, 0xFAFF),
)
_SCRIPT_LANGUAGE = {
    "greek": "el",
    "hebrew": "he",
    "arabic": "ar",
    "devanagari": "hi",
    "thai": "th",
    "hangul": "ko",
    "han": "zh",
}
_UKRAINIAN = set("ієїґІЄЇҐ")


def _script(char: str) -> str | None:
    point = ord(char)
    for name, first, last in _SCRIPTS:
        if first <= point <= last:
            return name
    return None


def detect_language(text: str) -> str:
    """An ISO 639-1 code, `latin-other`, `other` (a script not listed) or `und` (no letters)."""
    sample = text[:SAMPLE_CHARS]
    scripts = Counter(s for c in sample if c.isalpha() and (s := _script(c)) is not None)
    letters = sum(1 for c in sample if c.isalpha())
    if not letters:
        return "und"
    if not scripts:
        return "other"
    top, _ = scripts.most_common(1)[0]
    if top in ("han", "kana"):
        return "ja" if scripts["kana"] else "zh"
    if top == "cyrillic":
        return "uk" if any(c in _UKRAINIAN for c in sample) else "ru"
    if top != "latin":
        return _SCRIPT_LANGUAGE[top]
    words = [w.casefold() for w in _WORD.findall(sample)]
    hits = {lang: sum(1 for w in words if w in stop) for lang, stop in STOPWORDS.items()}
    best = max(hits, key=lambda lang: hits[lang])
    return best if hits[best] >= 2 and hits[best] * 20 >= len(words) else "latin-other"
