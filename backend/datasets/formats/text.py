"""Raw text for continued pretraining → `{"text": str, "source"?: str, "section"?: str}`.

From JSON/JSONL/CSV/Parquet records with a `text` field, or from plain `.txt` / Markdown files. A text file is
one document, cut into records of at most `CHUNK_CHARS` characters: at a paragraph boundary (a blank line) when
one lies in the last three quarters of the window, else at a line break, a sentence end, a space, or — for one
unbroken run of characters — anywhere. Only whitespace is dropped at the cuts. A Markdown heading always starts a
new record, and `section` names the heading trail (`Install > Linux`); for a `.txt` it is the lines it came from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from backend.datasets.formats.base import Format, Record, RecordError, text_field

CHUNK_CHARS = 2000
TEXT_MARKERS = ("messages", "conversations", "instruction", "preferred_output", "chosen", "prompt")
_SENTENCE_END = re.compile(r"[.!?;:…](?=\s)|[。！？；]")
_HEADING = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")


def normalise_text(record: Record) -> dict[str, Any]:
    out: dict[str, Any] = {"text": text_field(record, "text")}
    source = record.get("source")
    if source is not None:
        if not isinstance(source, str):
            raise RecordError("source", f"must be a string, not {type(source).__name__}")
        out["source"] = source
    # Where the passage came from, as documents and text files record it: kept, so exported records re-import whole.
    section = record.get("section")
    if section is not None:
        if not isinstance(section, str):
            raise RecordError("section", f"must be a string like 'Install > Linux', not {type(section).__name__}")
        out["section"] = section
    page = record.get("page")
    if page is not None and page != "":
        if isinstance(page, str) and page.strip().isdigit():  # a CSV cell
            page = int(page)
        if isinstance(page, bool) or not isinstance(page, int) or page < 1:
            raise RecordError("page", f"must be a page number from 1, not {page!r}")
        out["page"] = page
    return out


TEXT = Format(
    name="text",
    family="text",
    kind="text",
    title="Text records",
    description="`text`: one document (or passage) for continued pretraining; optional `source`, `section`, `page`.",
    fields=("text", "source", "section", "page"),
    required=("text",),
    example={"text": "Article 12. The lessee shall return the premises in the condition...", "source": "lease.pdf"},
    matches=lambda r: "text" in r and not any(k in r for k in TEXT_MARKERS),
    normalise=normalise_text,
)


def cut_point(window: str) -> int:
    """Where to end a record inside `window` (a full-size window): the best boundary past its first quarter."""
    floor = len(window) // 4
    for boundary in ("\n\n", "\n"):
        at = window.rfind(boundary)
        if at > floor:
            return at
    ends = [match.end() for match in _SENTENCE_END.finditer(window, floor)]
    if ends:
        return ends[-1]
    at = max(window.rfind(" "), window.rfind("\t"))
    return at if at > floor else len(window)


class Chunker:
    """Turns the lines of one text file into records, holding at most one record's worth of text at a time."""

    def __init__(self, source: str, *, markdown: bool, limit: int = CHUNK_CHARS) -> None:
        self.source = source
        self.markdown = markdown
        self.limit = limit
        self.buf = ""
        self.line = 1  # the line the buffer starts on
        self.trail: list[str] = []
        self.in_fence = False

    def feed(self, piece: str) -> Iterator[dict[str, Any]]:
        """One line (or part of a very long one) with its line break, if it has one."""
        if self.markdown:
            if _FENCE.match(piece):
                self.in_fence = not self.in_fence
            elif not self.in_fence and (heading := _HEADING.match(piece)):
                yield from self.flush()
                level = len(heading.group(1))
                self.trail = [*self.trail[: level - 1], heading.group(2)]
        self.buf += piece
        while len(self.buf) > self.limit:
            yield from self._emit(cut_point(self.buf[: self.limit]))

    def flush(self) -> Iterator[dict[str, Any]]:
        while self.buf.strip():
            yield from self._emit(cut_point(self.buf[: self.limit]) if len(self.buf) > self.limit else len(self.buf))
        self.line += self.buf.count("\n")
        self.buf = ""

    def _emit(self, upto: int) -> Iterator[dict[str, Any]]:
        head, rest = self.buf[:upto], self.buf[upto:]
        text = head.strip()
        first = self.line + head[: len(head) - len(head.lstrip())].count("\n")
        kept = rest.lstrip()
        self.line += head.count("\n") + rest[: len(rest) - len(kept)].count("\n")
        self.buf = kept
        if text:
            last = first + text.count("\n")
            if self.markdown and self.trail:
                section = " > ".join(self.trail)
            else:
                section = f"line {first}" if first == last else f"lines {first}-{last}"
            yield {"text": text, "source": self.source, "section": section}


def chunk_lines(
    lines: Iterable[str], source: str, *, markdown: bool, limit: int = CHUNK_CHARS
) -> Iterator[dict[str, Any]]:
    chunker = Chunker(source, markdown=markdown, limit=limit)
    for piece in lines:
        yield from chunker.feed(piece)
    yield from chunker.flush()


TXT = Format(
    name="txt",
    family="text",
    kind="text",
    title="Plain text file (.txt)",
    description=f"A .txt file: one document, cut into records of at most {CHUNK_CHARS} characters on paragraph boundaries.",
    fields=(),
    required=(),
    example={"text": "Chapter 1. In the beginning...", "source": "novel.txt", "section": "lines 1-14"},
    matches=lambda r: False,
    normalise=normalise_text,
)
MARKDOWN = Format(
    name="markdown",
    family="text",
    kind="text",
    title="Markdown file (.md)",
    description=(
        f"A .md file: one document, cut into records of at most {CHUNK_CHARS} characters on paragraph boundaries; "
        "each heading starts a new record and names its `section`."
    ),
    fields=(),
    required=(),
    example={"text": "## Install\nRun the installer...", "source": "README.md", "section": "Guide > Install"},
    matches=lambda r: False,
    normalise=normalise_text,
)
PDF = Format(
    name="pdf",
    family="text",
    kind="text",
    title="PDF document (.pdf)",
    description=(
        "A PDF with a text layer: one record per page (`page`, 1-based), a page longer than "
        f"{CHUNK_CHARS} characters cut on paragraph boundaries. Scanned PDFs need OCR first."
    ),
    fields=(),
    required=(),
    example={"text": "4.2 Test conditions. Specimens shall be...", "source": "standard.pdf", "page": 12},
    matches=lambda r: False,
    normalise=normalise_text,
)
DOCX = Format(
    name="docx",
    family="text",
    kind="text",
    title="Word document (.docx)",
    description=(
        "A .docx: one record per heading section (`section`, the heading trail), tables as rows of cells, a "
        f"section longer than {CHUNK_CHARS} characters cut on paragraph boundaries."
    ),
    fields=(),
    required=(),
    example={"text": "Scope\n\nThis standard applies to...", "source": "standard.docx", "section": "1 Scope"},
    matches=lambda r: False,
    normalise=normalise_text,
)
