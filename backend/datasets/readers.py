"""Reading uploaded files: what kind of file it is, its text encoding, and its records one at a time.

Memory stays bounded: JSONL, CSV and text files are read line by line (a line may be at most
`MAX_LINE_BYTES`), Parquet batch by batch. A JSON array is the exception: it is parsed as one document, so it is
held in memory whole — which the upload limit bounds — while its records are still handed on one at a time.
"""

from __future__ import annotations

import codecs
import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Literal, TextIO

from backend.core.errors import InvalidInput

Container = Literal["jsonl", "json", "csv", "tsv", "parquet", "txt", "markdown", "pdf", "docx"]
MAX_LINE_BYTES = 16 * 1024 * 1024
ENCODINGS = ("utf-8", "gb18030")  # tried in this order; a UTF-8 byte-order mark selects utf-8-sig
SUFFIXES: dict[str, Container] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
    ".text": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".pdf": "pdf",
    ".docx": "docx",
}
DOCUMENTS = ("pdf", "docx")  # read by backend.datasets.documents, not as text
SUPPORTED = (
    "JSONL (.jsonl), JSON (.json, an array of objects), CSV (.csv, .tsv), Parquet (.parquet), text (.txt, .md), "
    "documents (.pdf, .docx)"
)
NOT_YET = {".doc", ".xlsx", ".xls", ".pptx", ".odt", ".rtf", ".epub", ".html", ".htm"}
ARCHIVES = {".gz", ".zip", ".tar", ".tgz", ".bz2", ".xz", ".7z", ".zst", ".rar"}
MAGIC = {
    b"\x1f\x8b": "a gzip-compressed file",
    b"PK\x03\x04": "a ZIP archive (or an XLSX/PPTX document)",
    b"BZh": "a bzip2-compressed file",
    b"\xfd7zXZ\x00": "an xz-compressed file",
    b"(\xb5/\xfd": "a zstd-compressed file",
    b"7z\xbc\xaf\x27\x1c": "a 7-Zip archive",
    b"Rar!": "a RAR archive",
    b"%PDF": "a PDF document",
}


class LineTooLong(ValueError):
    pass


@dataclass(frozen=True)
class Item:
    """One record as read, or why it cannot be: `where` is its line (or Parquet row)."""

    where: int
    value: Any = None
    error: str | None = None
    fatal: bool = False  # nothing after it can be read
    # The record's text as it stands in the file, kept when the record is quarantined; empty where the parsed
    # value says it all (CSV and Parquet rows), to spare good records the serialising.
    raw: str = ""


def _skip(text: str, pos: int) -> int:
    """The position of the next character that is not JSON whitespace."""
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _mib(n: int) -> str:
    return f"{n / (1024 * 1024):g} MiB"


def sniff(path: Path, filename: str) -> Container:
    """The kind of file, from its name and first bytes; raises InvalidInput for anything not accepted."""
    suffix = PurePath(filename).suffix.lower()
    with path.open("rb") as f:
        head = f.read(64 * 1024)
    if not head:
        raise InvalidInput(f"{filename} is empty: it holds no records.", field="file")
    # PDF readers accept the header anywhere in the first KiB; whatever the file is named, it is read as a PDF.
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if suffix == ".pdf":
        raise InvalidInput(
            f"{filename} is named .pdf but is not a PDF (it has no %PDF- header); upload the document itself.",
            field="file",
        )
    if suffix == ".docx":
        if not head.startswith(b"PK\x03\x04"):
            raise InvalidInput(
                f"{filename} is named .docx but is not a Word document (not a ZIP package); an old .doc must be "
                "saved as .docx (Save As → Word Document) first.",
                field="file",
            )
        return "docx"
    for magic, what in MAGIC.items():
        if not head.startswith(magic):
            continue
        if suffix in NOT_YET:  # XLSX and PPTX are ZIP archives too
            kind = suffix.lstrip(".").upper()
            raise InvalidInput(f"{filename}: {kind} files are not supported yet; upload {SUPPORTED}.", field="file")
        raise InvalidInput(
            f"{filename} is {what}; compressed files and archives are not unpacked. Decompress it and upload "
            f"the file inside: {SUPPORTED}.",
            field="file",
        )
    if suffix in NOT_YET:
        raise InvalidInput(
            f"{filename}: {suffix.lstrip('.').upper()} files are not supported yet; upload {SUPPORTED}.", field="file"
        )
    if suffix in ARCHIVES:
        raise InvalidInput(
            f"{filename}: archives are not unpacked; decompress it and upload {SUPPORTED}.", field="file"
        )
    if head.startswith(b"PAR1"):
        return "parquet"
    container = SUFFIXES.get(suffix)
    if container is None:
        raise InvalidInput(
            f"{filename}: unsupported file type {suffix or '(no extension)'}; upload {SUPPORTED}.", field="file"
        )
    if container == "parquet":
        return container
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InvalidInput(
            f"{filename} is UTF-16 text; save it as UTF-8 (or GB18030) and upload it again.", field="file"
        )
    if b"\x00" in head:
        raise InvalidInput(
            f"{filename} looks like a binary file (it holds NUL bytes), not {container.upper()} text.", field="file"
        )
    if container in ("json", "jsonl"):
        first = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        # An array is parsed whole; anything else is read as one JSON value per line (a .json holding a single
        # object, even pretty-printed, is one record: see JsonlSource).
        return "json" if first == b"[" else "jsonl"
    return container


def _first_bad_byte(path: Path, encoding: str) -> tuple[int, int] | None:
    """(line, byte offset) of the first byte that does not decode, or None when the whole file decodes."""
    decoder = codecs.getincrementaldecoder(encoding)()
    line, offset = 1, 0
    with path.open("rb") as f:
        while True:
            chunk = f.read(1024 * 1024)
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                # The decoder's pending bytes are an incomplete character, never a line break.
                pending = len(exc.object) - len(chunk)
                return line + exc.object[: exc.start].count(b"\n"), offset - pending + exc.start
            if not chunk:
                return None
            line += chunk.count(b"\n")
            offset += len(chunk)


def detect_encoding(path: Path) -> tuple[str, tuple[int, int] | None]:
    """The file's encoding and, when none fits, where UTF-8 first fails."""
    with path.open("rb") as f:
        bom = f.read(3) == codecs.BOM_UTF8
    if bom:
        return "utf-8-sig", _first_bad_byte(path, "utf-8-sig")
    first_failure = None
    for encoding in ENCODINGS:
        failure = _first_bad_byte(path, encoding)
        if failure is None:
            return encoding, None
        first_failure = first_failure or failure
    return "", first_failure


def _bounded_lines(f: TextIO, limit: int) -> Iterator[str]:
    while line := f.readline(limit + 1):
        if len(line) > limit and not line.endswith("\n"):
            raise LineTooLong
        yield line


def _too_long(where: int, limit: int) -> Item:
    return Item(where, error=f"is longer than {_mib(limit)}; split it into smaller records", fatal=True)


class JsonlSource:
    unit = "line"

    def __init__(self, path: Path, encoding: str, whole_object: bool = False) -> None:
        self.path, self.encoding, self.whole_object = path, encoding, whole_object

    def columns(self) -> list[str] | None:
        return None

    def items(self) -> Iterator[Item]:
        if self.whole_object:  # a .json file holding one object (perhaps pretty-printed) is one record
            try:
                text = self.path.read_text(encoding=self.encoding)
                yield Item(1, json.loads(text), raw=text)
                return
            except json.JSONDecodeError:
                pass  # more than one object: one per line
        limit = MAX_LINE_BYTES
        with self.path.open("rb") as f:
            number = 0
            while raw := f.readline(limit + 1):
                number += 1
                if len(raw) > limit and not raw.endswith(b"\n"):
                    yield _too_long(number, limit)
                    return
                text = raw.decode(self.encoding if number == 1 else self.encoding.replace("-sig", ""))
                if not text.strip():
                    continue
                try:
                    yield Item(number, json.loads(text), raw=text)
                except json.JSONDecodeError as exc:
                    reason = f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object"
                    yield Item(number, error=reason, raw=text)


class JsonArraySource:
    unit = "line"

    def __init__(self, path: Path, encoding: str) -> None:
        self.path, self.encoding = path, encoding

    def columns(self) -> list[str] | None:
        return None

    def items(self) -> Iterator[Item]:
        # Parsed as one document, held whole in memory (the upload limit bounds it); elements are decoded one at
        # a time so each record's line is known and a syntax error says where it is.
        text = self.path.read_text(encoding=self.encoding)
        decoder = json.JSONDecoder()
        pos = _skip(text, _skip(text, 0) + 1)  # past the opening '[' (sniff saw it)
        line, counted = 1, 0
        if text.startswith("]", pos):
            return
        while True:
            line += text.count("\n", counted, pos)
            counted = pos
            try:
                value, end = decoder.raw_decode(text, pos)
            except json.JSONDecodeError as exc:
                reason = f"not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
                yield Item(exc.lineno, error=reason, fatal=True)
                return
            yield Item(line, value, raw=text[pos:end])
            pos = _skip(text, end)
            if text.startswith(",", pos):
                pos = _skip(text, pos + 1)
                continue
            if text.startswith("]", pos) and _skip(text, pos + 1) == len(text):
                return
            at = text.count("\n", 0, pos) + 1
            expected = "nothing after the closing ']'" if text.startswith("]", pos) else "',' or ']' after a record"
            yield Item(at, error=f"not valid JSON (expected {expected}, at line {at})", fatal=True)
            return


MMLU_COLUMNS = ["question", "A", "B", "C", "D", "answer"]
MMLU_SPLITS = ("_test", "_dev", "_val", "_validation", "_train")


def looks_like_mmlu_row(cells: list[str]) -> bool:
    """An MMLU CSV has no header: its first line is already a question, four options and the answer letter."""
    return (
        len(cells) == 6 and cells[5].strip().upper() in ("A", "B", "C", "D") and cells[0].strip().lower() != "question"
    )


def mmlu_subject(filename: str) -> str:
    """`abstract_algebra_test.csv` → `abstract_algebra`: MMLU names each file after its subject and split."""
    stem = PurePath(filename).stem
    for split in MMLU_SPLITS:
        if stem.lower().endswith(split):
            return stem[: -len(split)]
    return stem


class CsvSource:
    unit = "line"

    def __init__(self, path: Path, filename: str, encoding: str, delimiter: str) -> None:
        self.path, self.filename, self.encoding, self.delimiter = path, filename, encoding, delimiter
        self._header: list[str] | None = None
        self._headerless = False  # an MMLU file: fixed columns, the subject from the file name

    def _rows(self, f: TextIO) -> Any:
        csv.field_size_limit(MAX_LINE_BYTES)
        return csv.reader(_bounded_lines(f, MAX_LINE_BYTES), delimiter=self.delimiter)

    def columns(self) -> list[str]:
        if self._header is None:
            with self.path.open(encoding=self.encoding, newline="") as f:
                try:
                    first: list[str] = next(self._rows(f), [])
                except (csv.Error, LineTooLong):
                    first = []
            if looks_like_mmlu_row(first):
                self._headerless, self._header = True, MMLU_COLUMNS
                return self._header
            header = [h.strip() for h in first]
            if not any(header):
                raise InvalidInput(
                    f"{self.filename}: the first line must be a header naming the columns.", field="file"
                )
            duplicates = sorted({h for h in header if header.count(h) > 1})
            if duplicates:
                raise InvalidInput(
                    f"{self.filename}: the header names column(s) {', '.join(map(repr, duplicates))} twice; rename one.",
                    field="file",
                )
            self._header = header
        return self._header

    def items(self) -> Iterator[Item]:
        header = self.columns()
        with self.path.open(encoding=self.encoding, newline="") as f:
            reader = self._rows(f)
            start = 1
            subject = {"subject": mmlu_subject(self.filename)} if self._headerless else {}
            try:
                if not self._headerless:
                    next(reader)
                    start = reader.line_num + 1
                for cells in reader:
                    where, start = start, reader.line_num + 1
                    if not cells or all(not c.strip() for c in cells):
                        continue
                    if len(cells) != len(header):
                        reason = f"has {len(cells)} cells but the header has {len(header)} columns; quote cells holding '{self.delimiter}'"
                        yield Item(where, error=reason, raw=json.dumps(cells, ensure_ascii=False))
                        continue
                    yield Item(where, {**dict(zip(header, cells, strict=True)), **subject})
            except LineTooLong:
                yield _too_long(start, MAX_LINE_BYTES)
            except csv.Error as exc:
                yield Item(start, error=f"is not valid CSV ({exc})", fatal=True)


class ParquetSource:
    unit = "row"

    def __init__(self, path: Path, filename: str) -> None:
        self.path, self.filename = path, filename

    def _file(self) -> Any:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise InvalidInput(
                "Parquet uploads need the pyarrow package on the server, which is not installed; upload JSONL, JSON "
                "or CSV instead.",
                field="file",
            ) from None
        try:
            return pq.ParquetFile(self.path)
        except Exception as exc:  # pyarrow raises ArrowInvalid, OSError, ... for a damaged file
            raise InvalidInput(
                f"{self.filename} is not a readable Parquet file ({self._reason(exc)}).", field="file"
            ) from None

    def columns(self) -> list[str]:
        return [str(name) for name in self._file().schema_arrow.names]

    def items(self) -> Iterator[Item]:
        index = 0
        try:
            for batch in self._file().iter_batches(batch_size=512):
                for row in batch.to_pylist():
                    index += 1
                    yield Item(index, row)
        except Exception as exc:  # a damaged row group
            yield Item(index + 1, error=f"cannot be read ({self._reason(exc)})", fatal=True)

    def _reason(self, exc: Exception) -> str:
        return str(exc).replace(str(self.path), self.filename)[:300]  # never show the server's paths


Source = JsonlSource | JsonArraySource | CsvSource | ParquetSource


def open_source(container: Container, path: Path, filename: str, encoding: str) -> Source:
    if container == "json":
        return JsonArraySource(path, encoding)
    if container in ("csv", "tsv"):
        return CsvSource(path, filename, encoding, "\t" if container == "tsv" else ",")
    if container == "parquet":
        return ParquetSource(path, filename)
    return JsonlSource(path, encoding, whole_object=PurePath(filename).suffix.lower() == ".json")


def text_lines(path: Path, encoding: str) -> Iterator[str]:
    """A text file's lines; a very long line comes in pieces, which the chunker joins."""
    with path.open(encoding=encoding) as f:
        while piece := f.readline(MAX_LINE_BYTES):
            yield piece
