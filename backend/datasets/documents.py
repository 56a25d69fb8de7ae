"""Documents for continued pretraining: PDF (pypdf) and DOCX (python-docx) → text records.

Boundaries are kept: a PDF gives one record per page (`page`, 1-based as every PDF viewer numbers them), a DOCX
one record per heading section (`section`, the heading trail `Scope > Terms`). A page or section longer than
`CHUNK_CHARS` is cut on the same boundaries as a text file, every piece keeping its page or section, so no record
ever spans two pages or sections.

Memory: a PDF is read one page at a time and no extracted text accumulates (pypdf loads objects lazily, keeps
those it read, and caps decompression; a 1,000-page, 4 MB PDF peaks ~2 MB above the process). A DOCX is a ZIP
whose XML python-docx parses whole, so its uncompressed size is checked against `MAX_DOCX_EXPANSION` × the
file's size before anything is inflated (a compressed bomb is refused, not unpacked).

Every failure is an InvalidInput naming the file and saying what to do.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from backend.core.errors import InvalidInput
from backend.datasets.formats.text import CHUNK_CHARS, cut_point

MAX_DOCX_EXPANSION = 100  # real documents inflate 3–10×; a bomb inflates thousands of times
MIN_DOCX_BUDGET = 64 * 1024 * 1024  # small files may legitimately inflate more than 100×
HEADING_STYLES = ("Heading ", "Title")


def split(text: str, limit: int = CHUNK_CHARS) -> Iterator[str]:
    """`text` in pieces of at most `limit` characters, cut on paragraph, line, sentence or word boundaries."""
    rest = text.strip()
    while len(rest) > limit:
        at = cut_point(rest[:limit])
        piece, rest = rest[:at].strip(), rest[at:].lstrip()
        if piece:
            yield piece
    if rest:
        yield rest


# --- PDF -------------------------------------------------------------------------------------------------------


def _pdf_refusal(filename: str, what: str) -> InvalidInput:
    return InvalidInput(f"{filename}: {what}", field="file")


def _open_pdf(path: Path, filename: str) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            # Many PDFs are encrypted with an empty user password (only copying or printing is restricted): those
            # open. Anything needing a real password, or a cipher pypdf cannot handle here, is refused.
            try:
                opened = bool(reader.decrypt(""))
            except Exception:  # e.g. AES without the optional cryptography package
                opened = False
            if not opened:
                raise _pdf_refusal(
                    filename,
                    "the PDF is password-protected; open it with its password, save an unprotected copy (Print → "
                    "Save as PDF, or `qpdf --decrypt`) and upload that.",
                )
        len(reader.pages)  # walks the page tree: a broken one fails here, not halfway through the records
        return reader
    except InvalidInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError) as exc:
        raise _pdf_refusal(
            filename,
            f"the PDF cannot be read ({type(exc).__name__}); it may be truncated or damaged. Re-export it from the "
            "program that made it (or repair it with `qpdf`) and upload it again.",
        ) from None


def pdf_records(path: Path, filename: str) -> Iterator[dict[str, Any]]:
    reader = _open_pdf(path, filename)
    pages = len(reader.pages)
    found = False
    # pypdf logs every odd object it skips; those are not the user's problem, the records say what was read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    for number in range(1, pages + 1):
        try:
            text = reader.pages[number - 1].extract_text() or ""
        except Exception as exc:  # pypdf raises many types for one damaged content stream
            raise _pdf_refusal(
                filename,
                f"page {number} of {pages} cannot be read ({type(exc).__name__}); re-export the PDF (or repair it "
                "with `qpdf`) and upload it again.",
            ) from None
        for piece in split(text.replace("\x00", "")):
            found = True
            yield {"text": piece, "source": filename, "page": number}
    if not found:
        raise _pdf_refusal(
            filename,
            f"no extractable text on any of its {pages} page(s) — it is probably scanned images. Run OCR on it "
            "(e.g. `ocrmypdf in.pdf out.pdf`) and upload the result, or upload the text as .txt.",
        )


# --- DOCX ------------------------------------------------------------------------------------------------------


def _check_docx_archive(path: Path, filename: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        raise InvalidInput(
            f"{filename}: the DOCX is damaged (it is not a readable ZIP package); open it in Word or LibreOffice, "
            "save it again and upload the new copy.",
            field="file",
        ) from None
    names = {e.filename for e in entries}
    if "word/document.xml" not in names:
        raise InvalidInput(
            f"{filename} is not a Word document (it holds no word/document.xml); upload a .docx saved by Word or "
            "LibreOffice (Save As → Word Document).",
            field="file",
        )
    inflated = sum(e.file_size for e in entries)
    budget = max(MIN_DOCX_BUDGET, path.stat().st_size * MAX_DOCX_EXPANSION)
    if inflated > budget:
        raise InvalidInput(
            f"{filename} would inflate to {inflated // (1024 * 1024)} MiB, far more than a document of its size; it "
            "looks like a compressed bomb and is not unpacked. Upload the document's text as .txt instead.",
            field="file",
        )


def _heading_level(style: str) -> int | None:
    """1 for Title and Heading 1, 2 for Heading 2, …; None for body text."""
    if style == "Title":
        return 1
    if style.startswith("Heading "):
        level = style.removeprefix("Heading ").strip()
        return int(level) if level.isdigit() else None
    return None


def _blocks(document: Any) -> Iterator[tuple[int | None, str]]:
    """(heading level or None, text) for each paragraph and table of the body, in document order."""
    from docx.table import Table

    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [" | ".join(cell.text.strip() for cell in row.cells) for row in block.rows]
            yield None, "\n".join(r for r in rows if r.strip(" |"))
            continue
        style = block.style.name if block.style is not None else ""
        yield _heading_level(style or ""), block.text


def docx_records(path: Path, filename: str) -> Iterator[dict[str, Any]]:
    _check_docx_archive(path, filename)
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors ... for a broken package
        raise InvalidInput(
            f"{filename}: the DOCX cannot be read ({type(exc).__name__}); open it in Word or LibreOffice, save it "
            "again and upload the new copy.",
            field="file",
        ) from None
    trail: list[str] = []
    body: list[str] = []
    size = 0
    found = False

    def emit(final: bool) -> Iterator[dict[str, Any]]:
        # Within a section, whole pieces go out as soon as the text outgrows one record: memory stays at one record.
        nonlocal body, size, found
        text = "\n\n".join(body)
        pieces = list(split(text))
        keep = "" if final or len(pieces) < 2 else pieces.pop()
        section = " > ".join(trail) if trail else "(before the first heading)"
        for piece in pieces:
            found = True
            yield {"text": piece, "source": filename, "section": section}
        body, size = ([keep], len(keep)) if keep else ([], 0)

    for level, text in _blocks(document):
        if level is not None and text.strip():
            yield from emit(final=True)
            trail = [*trail[: level - 1], text.strip()]
            body, size = [text.strip()], len(text)  # the heading opens its own record, as in Markdown
            continue
        if text.strip():
            body.append(text.strip())
            size += len(text)
            if size > 2 * CHUNK_CHARS:
                yield from emit(final=False)
    yield from emit(final=True)
    if not found:
        raise InvalidInput(
            f"{filename} holds no text (only images or empty paragraphs); upload a document with text, or run OCR "
            "on its images first.",
            field="file",
        )
