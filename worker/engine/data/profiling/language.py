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

_STOPWORDS = {
    "en": "the and of to is in that it for you was with on are this be have not what how a an as do i my which who",
    "de": "der die und das ist nicht ich sie es mit ein eine zu den von auf für wie",
    "fr": "le la les et est des une un que pas pour dans du qui ce sur avec vous je",
    "es": "el la los las y es que de en un una por para con no se del lo como",
    "pt": "o a os as e é que de em um uma para com não do da se por como",
    "it": "il la le e è che di un una per con non del della sono gli lo come",
    "nl": "de het een en is van dat niet ik je op te met zijn voor wat hoe",
    "id": "yang dan di ini itu dengan untuk tidak dari ada akan saya apa",
}
STOPWORDS = {language: frozenset(words.split()) for language, words in _STOPWORDS.items()}

# Letters of each script, as regular expression classes so counting runs in C.
_SCRIPTS: dict[str, re.Pattern[str]] = {
    name: re.compile(f"[{ranges}]")
    for name, ranges in {
        "latin": "A-Za-z\u00c0-\u024f",
        "greek": "\u0370-\u03ff",
        "cyrillic": "\u0400-\u04ff",
        "hebrew": "\u0590-\u05ff",
        "arabic": "\u0600-\u06ff",
        "devanagari": "\u0900-\u097f",
        "thai": "\u0e00-\u0e7f",
        "hangul": "\u1100-\u11ff\uac00-\ud7af",
        "kana": "\u3040-\u30ff",
        "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    }.items()
}
_LETTER = re.compile(r"[^\W\d_]")
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


def detect_language(text: str) -> str:
    """An ISO 639-1 code, `latin-other`, `other` (a script not listed) or `und` (no letters)."""
    sample = text[:SAMPLE_CHARS]
    if not _LETTER.search(sample):
        return "und"
    if sample.isascii():  # the common case, decided without counting scripts
        scripts = Counter({"latin": 1})
    else:
        scripts = Counter({name: n for name, pattern in _SCRIPTS.items() if (n := len(pattern.findall(sample)))})
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
