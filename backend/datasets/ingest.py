"""Ingesting one uploaded file: stage it, read it, detect its format, validate and normalise every record.

The good records, normalised (one internal-kind record per line), go to one staging file and the bad ones, raw,
to another (the quarantine); the caller decides whether to keep the good ones with the bad ones set aside, or
nothing at all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from backend.core.errors import InvalidInput
from backend.datasets import documents, readers
from backend.datasets.formats import BY_NAME, KNOWN_FIELDS, Format, RecordError, candidates
from backend.datasets.formats.detect import SAMPLE_SIZE, Detection, detect, looks_like
from backend.datasets.formats.text import chunk_lines
from backend.datasets.validation import Problem, Problems

COPY_CHUNK = 1024 * 1024


@dataclass
class IngestResult:
    kind: str = ""
    source_format: str = ""
    confidence: float = 0.0
    encoding: str = ""
    record_count: int = 0
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0  # every bad record (each written to the quarantine file), or 1 for an unreadable file
    readable: bool = True  # False when part of the file cannot be read: no record after that point is known


def stage_upload(stream: BinaryIO, target: Path, max_bytes: int) -> int:
    """Copy the upload to `target`; raises OverflowError (leaving the partial file) past `max_bytes`."""
    size = 0
    with target.open("wb") as out:
        while chunk := stream.read(COPY_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise OverflowError
            out.write(chunk)
    return size


def parse_columns(raw: str | None, requested: str) -> dict[str, str]:
    """The upload's `columns` field: `{"<format field>": "<column in the file>"}`."""
    if raw is None or not raw.strip():
        return {}
    example = '{"instruction": "question", "output": "answer"}'
    try:
        mapping = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"columns must be a JSON object like {example} ({exc.msg}).", field="columns") from None
    if not isinstance(mapping, dict) or not all(isinstance(v, str) and v for v in mapping.values()):
        raise InvalidInput(f"columns must map format fields to column names, like {example}.", field="columns")
    allowed = sorted({f for fmt in candidates(requested) for f in fmt.fields} if requested != "auto" else KNOWN_FIELDS)
    unknown = [k for k in mapping if k not in allowed]
    if unknown:
        scope = f"format={requested}" if requested != "auto" else "any accepted format"
        raise InvalidInput(
            f"columns: {unknown[0]!r} is not a field of {scope}; map these fields: {', '.join(allowed)}.",
            field="columns",
        )
    return mapping


def _pairs(mapping: Mapping[str, str], header: list[str] | None, filename: str) -> list[tuple[str, str]]:
    """(column, field) renames to apply to each record; checks the columns exist when the file has a header."""
    pairs = [(column, target) for target, column in mapping.items()]
    if header is None:
        return pairs
    for column, target in pairs:
        if column not in header:
            raise InvalidInput(
                f"columns: {filename} has no column {column!r} (mapped to {target}); its columns are "
                f"{', '.join(header)}.",
                field="columns",
            )
    # Without a mapping, a column named like a field is that field, whatever its case ("Instruction").
    taken = set(mapping) | set(header)
    for column in header:
        name = column.strip().lower()
        if name in KNOWN_FIELDS and name not in taken and column not in mapping.values():
            pairs.append((column, name))
            taken.add(name)
    return pairs


def _apply(pairs: list[tuple[str, str]], record: dict[str, Any]) -> dict[str, Any]:
    if not pairs:
        return record
    sources = {column for column, _ in pairs}
    out = {k: v for k, v in record.items() if k not in sources}
    for column, target in pairs:
        if column not in record:
            raise RecordError(column, f"missing (the column mapping reads {target} from it)")
        out[target] = record[column]
    return out


class _Writer:
    def __init__(self, out: BinaryIO) -> None:
        self.out, self.digest, self.count = out, hashlib.sha256(), 0

    def write(self, record: dict[str, Any]) -> None:
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        self.digest.update(line)
        self.out.write(line)
        self.count += 1


def _mixed(fmt: Format, detection: Detection, record: Mapping[str, Any]) -> tuple[str, str] | None:
    other = looks_like(record)
    if other is None or other is fmt:
        return None
    missing = next((k for k in fmt.required if k not in record), "")
    keys = ", ".join(str(k) for k in list(record)[:6])
    return missing, (
        f"missing — this record looks like {other.title} ({keys}), but the file holds {fmt.title} records "
        f"(detected from the first {detection.sampled} records); one file must hold one format, so split it into one file "
        "per format"
    )


def _raw(item: readers.Item) -> str:
    return item.raw or json.dumps(item.value, ensure_ascii=False, default=str)


def _records(
    source: readers.Source, pairs: list[tuple[str, str]], problems: Problems
) -> Iterator[tuple[readers.Item, dict[str, Any]]]:
    """Every record that parses as an object, with its mapping applied; the rest become problems."""
    noun = "row" if source.unit == "row" else "line"
    for item in source.items():
        if item.error is not None:
            problems.add(item.where, "", item.error, item.raw)
            if item.fatal:
                problems.readable = False
                return
            continue
        if not isinstance(item.value, dict):
            problems.add(
                item.where,
                "",
                f'each {noun} must be a JSON object like {{"messages": [...]}}, not {type(item.value).__name__}',
                _raw(item),
            )
            continue
        try:
            yield item, _apply(pairs, item.value)
        except RecordError as exc:
            problems.add(item.where, exc.field, exc.message, _raw(item))


def _sample(source: readers.Source, pairs: list[tuple[str, str]], filename: str) -> list[tuple[int, dict[str, Any]]]:
    sample: list[tuple[int, dict[str, Any]]] = []
    for item, record in _records(source, pairs, Problems(filename)):  # problems are reported by the full pass
        sample.append((item.where, record))
        if len(sample) == SAMPLE_SIZE:
            break
    return sample


def _ingest_records(
    path: Path,
    filename: str,
    container: readers.Container,
    encoding: str,
    requested: str,
    mapping: dict[str, str],
    writer: _Writer,
    problems: Problems,
    result: IngestResult,
) -> None:
    source = readers.open_source(container, path, filename, encoding)
    problems.unit = source.unit
    pairs = _pairs(mapping, source.columns(), filename)
    sample = _sample(source, pairs, filename)
    if not sample:  # nothing parsed as an object: the full pass lists why
        list(_records(source, pairs, problems))
        return
    detection = detect(sample, requested, filename, source.unit)
    fmt = detection.format
    result.kind, result.source_format, result.confidence = fmt.kind, fmt.name, detection.confidence
    for item, record in _records(source, pairs, problems):
        if not fmt.matches(record) and (mixed := _mixed(fmt, detection, record)):
            problems.add(item.where, *mixed, _raw(item))
            continue
        try:
            normalised = fmt.normalise(record)
        except RecordError as exc:
            problems.add(item.where, exc.field, exc.message, _raw(item))
            continue
        writer.write(normalised)


def _ingest_text(
    path: Path,
    filename: str,
    container: readers.Container,
    encoding: str,
    requested: str,
    mapping: dict[str, str],
    writer: _Writer,
    problems: Problems,
    result: IngestResult,
) -> None:
    if requested not in ("auto", "text"):
        raise InvalidInput(
            f"{filename} is a {'document' if container in readers.DOCUMENTS else 'plain text file'}, so it can only be ingested as format=text (raw text for continued "
            f"pretraining), not format={requested}; for {requested} upload JSONL, JSON, CSV or Parquet records.",
            field="format",
        )
    if mapping:
        raise InvalidInput(
            "columns applies to JSON, JSONL, CSV and Parquet files, not to plain text or documents.", field="columns"
        )
    fmt = BY_NAME[container]
    result.kind, result.source_format, result.confidence = fmt.kind, fmt.name, 1.0
    records: Iterable[dict[str, Any]]
    if container == "pdf":
        records = documents.pdf_records(path, filename)
    elif container == "docx":
        records = documents.docx_records(path, filename)
    else:
        records = chunk_lines(readers.text_lines(path, encoding), filename, markdown=container == "markdown")
    for record in records:
        writer.write(record)


def ingest(
    path: Path,
    filename: str,
    out_path: Path,
    quarantine_path: Path | None = None,
    *,
    requested: str = "auto",
    columns: str | None = None,
) -> IngestResult:
    """Read the staged upload at `path`; write its good records, normalised, to `out_path` and its bad ones, raw
    and each with its problem, to `quarantine_path` (without one, bad records are only counted and listed).

    Raises InvalidInput for a problem with the file as a whole (its type, the format override, the column
    mapping); problems with records (and with the text encoding) come back in the result.
    """
    mapping = parse_columns(columns, requested)
    container = readers.sniff(path, filename)
    result = IngestResult(encoding="utf-8")
    # Parquet strings are UTF-8 by definition; a document's text is extracted as Unicode.
    if container not in ("parquet", *readers.DOCUMENTS):
        encoding, failure = readers.detect_encoding(path)
        if failure is not None:
            line, offset = failure
            message = (
                f"the text is neither UTF-8 nor GB18030 (the first bad byte is at offset {offset}); save the file as "
                "UTF-8 (in most editors: Save As → Encoding → UTF-8) and upload it again"
            )
            result.problems, result.problem_count = [Problem(filename, line, "", message)], 1
            result.readable = False
            return result
        result.encoding = encoding
    run = _ingest_text if container in ("txt", "markdown", *readers.DOCUMENTS) else _ingest_records
    quarantine_file = quarantine_path.open("wb") if quarantine_path else nullcontext(None)
    with out_path.open("wb") as out, quarantine_file as quarantine:
        writer, problems = _Writer(out), Problems(filename, quarantine=quarantine)
        run(path, filename, container, result.encoding, requested, mapping, writer, problems, result)
    result.problems, result.problem_count, result.readable = problems.listed, problems.count, problems.readable
    result.record_count, result.sha256 = writer.count, writer.digest.hexdigest()
    return result
