"""Multiple-choice eval questions → `{"question": str, "choices": [str, ...], "answer_index": int, "subject": str}`.

Three layouts are read: MMLU CSV files (no header: question, A, B, C, D, answer letter; the subject comes from the
file name, `abstract_algebra_test.csv` → `abstract_algebra`, see readers.CsvSource), C-Eval CSV files (a header
`id, question, A, B, C, D, answer[, explanation]`) and JSON/JSONL records `{question, choices: [...], answer,
subject?}` whose answer is a 0-based index or a letter.
"""

from __future__ import annotations

import string
from typing import Any

from backend.datasets.formats.base import Format, Record, RecordError, absent, structured, text_field

LETTERS = string.ascii_uppercase
MAX_CHOICES = 26


def _letter_columns(record: Record) -> list[tuple[str, Any]]:
    """(letter, cell) of the lettered choice columns (A, B, ... or a, b, ...), in order, up to the first missing."""
    found: list[tuple[str, Any]] = []
    for letter in LETTERS:
        key = letter if letter in record else letter.lower() if letter.lower() in record else None
        if key is None or absent(record[key]):
            break
        found.append((key, record[key]))
    return found


def _choices(record: Record) -> list[str]:
    if "choices" in record:
        value = structured(record["choices"], "choices")
        if not isinstance(value, list):
            raise RecordError("choices", f"must be a list of answer texts, not {type(value).__name__}")
        pairs = [(f"choices[{i}]", v) for i, v in enumerate(value)]
    else:
        pairs = _letter_columns(record)
    if len(pairs) < 2:
        raise RecordError("choices", f"needs at least 2 answer options, found {len(pairs)}")
    if len(pairs) > MAX_CHOICES:
        raise RecordError("choices", f"has {len(pairs)} options; at most {MAX_CHOICES} (A-Z) are supported")
    out: list[str] = []
    for where, value in pairs:
        if isinstance(value, int | float) and not isinstance(value, bool):
            value = str(value)  # numeric answers ("12") arrive as numbers from JSON
        if not isinstance(value, str) or not value.strip():
            raise RecordError(where, "must be a non-empty string")
        out.append(value.strip())
    return out


def _answer_index(value: Any, count: int) -> int:
    if absent(value):
        raise RecordError("answer", f"missing; give the right answer as a letter A-{LETTERS[count - 1]} or an index")
    if isinstance(value, bool):
        raise RecordError("answer", f"must be a letter or an index, not {value!r}")
    if isinstance(value, int):
        index = value
    elif isinstance(value, str) and value.strip().isdigit():
        index = int(value.strip())
    elif isinstance(value, str) and len(value.strip()) == 1 and value.strip().upper() in LETTERS:
        index = LETTERS.index(value.strip().upper())
    else:
        raise RecordError("answer", f"must be a letter A-{LETTERS[count - 1]} or a 0-based index, not {value!r}")
    if not 0 <= index < count:
        raise RecordError(
            "answer", f"{value!r} points past the {count} choices; use A-{LETTERS[count - 1]} or 0-{count - 1}"
        )
    return index


def normalise_multiple_choice(record: Record) -> dict[str, Any]:
    question = text_field(record, "question")
    choices = _choices(record)
    subject = record.get("subject")
    if subject is not None and not isinstance(subject, str):
        raise RecordError("subject", f"must be a string, not {type(subject).__name__}")
    return {
        "question": question.strip(),
        "choices": choices,
        "answer_index": _answer_index(record.get("answer"), len(choices)),
        "subject": (subject or "").strip() or "all",
    }


MULTIPLE_CHOICE = Format(
    name="multiple_choice",
    family="multiple_choice",
    kind="multiple_choice",
    title="Multiple choice (MMLU / C-Eval / JSONL)",
    description=(
        "An eval question: `question`, the options as `choices` (a list) or as columns `A`, `B`, `C`, `D`, and "
        "`answer` as a letter or a 0-based index; optional `subject`. MMLU CSV files (no header: question, A, B, "
        "C, D, answer; the subject is the file name) and C-Eval CSV files (`id,question,A,B,C,D,answer`) are "
        "read as they are."
    ),
    fields=("question", "choices", "answer", "subject", "A", "B", "C", "D", "E", "id", "explanation"),
    required=("question", "choices", "answer"),
    example={"question": "What is 7 × 8?", "choices": ["54", "56", "58", "64"], "answer": "B", "subject": "arithmetic"},
    matches=lambda r: "question" in r and ("choices" in r or ("A" in r and "B" in r) or ("a" in r and "b" in r)),
    normalise=normalise_multiple_choice,
)
