"""Ingesting one uploaded file: stage it, read it, detect its format, validate and normalise every record.

The normalised records (`records.jsonl`, one internal-kind record per line) are written to a staging file; the
caller stores them only when the whole file is good.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from backend.core.errors import InvalidInput
from backend.datasets import readers
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
    problem_count: int = 0


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


def _records(
    source: readers.Source, pairs: list[tuple[str, str]], problems: Problems
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Every record that parses as an object, with its mapping applied; the rest become problems."""
    noun = "row" if source.unit == "row" else "line"
    for item in source.items():
        if item.error is not None:
            problems.add(item.where, "", item.error)
            if item.fatal:
                return
            continue
        if not isinstance(item.value, dict):
            problems.add(
                item.where,
                "",
                f'each {noun} must be a JSON object like {{"messages": [...]}}, not {type(item.value).__name__}',
            )
            continue
        try:
            yield item.where, _apply(pairs, item.value)
        except RecordError as exc:
            problems.add(item.where, exc.field, exc.message)


def _sample(source: readers.Source, pairs: list[tuple[str, str]], filename: str) -> list[tuple[int, dict[str, Any]]]:
    sample: list[tuple[int, dict[str, Any]]] = []
    for pair in _records(source, pairs, Problems(filename)):  # problems are reported by the full pass
        sample.append(pair)
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
    result: IngestResult,
) -> Problems:
    source = readers.open_source(container, path, filename, encoding)
    problems = Problems(filename, source.unit)
    pairs = _pairs(mapping, source.columns(), filename)
    sample = _sample(source, pairs, filename)
    if not sample:  # nothing parsed as an object: the full pass lists why
        list(_records(source, pairs, problems))
        return problems
    detection = detect(sample, requested, filename, source.unit)
    fmt = detection.format
    result.kind, result.source_format, result.confidence = fmt.kind, fmt.name, detection.confidence
    for where, record in _records(source, pairs, problems):
        if not fmt.matches(record) and (mixed := _mixed(fmt, detection, record)):
            problems.add(where, *mixed)
            continue
        try:
            normalised = fmt.normalise(record)
        except RecordError as exc:
            problems.add(where, exc.field, exc.message)
            continue
        if not problems.count:  # once the file is known to be bad, only look for more problems
            writer.write(normalised)
    return problems


def _ingest_text(
    path: Path,
    filename: str,
    container: readers.Container,
    encoding: str,
    requested: str,
    mapping: dict[str, str],
    writer: _Writer,
    result: IngestResult,
) -> Problems:
    if requested not in ("auto", "text"):
        raise InvalidInput(
            f"{filename} is a plain text file, so it can only be ingested as format=text (raw text for continued "
            f"pretraining), not format={requested}; for {requested} upload JSONL, JSON, CSV or Parquet records.",
            field="format",
        )
    if mapping:
        raise InvalidInput("columns applies to JSON, JSONL, CSV and Parquet files, not to plain text.", field="columns")
    fmt = BY_NAME[container]
    result.kind, result.source_format, result.confidence = fmt.kind, fmt.name, 1.0
    lines: Iterable[str] = readers.text_lines(path, encoding)
    for record in chunk_lines(lines, filename, markdown=container == "markdown"):
        writer.write(record)
    return Problems(filename)


def ingest(
    path: Path, filename: str, out_path: Path, *, requested: str = "auto", columns: str | None = None
) -> IngestResult:
    """Read the staged upload at `path` and write its normalised records to `out_path`.

    Raises InvalidInput for a problem with the file as a whole (its type, the format override, the column
    mapping); problems with records (and with the text encoding) come back in the result, and then `out_path`
    holds nothing to keep.
    """
    mapping = parse_columns(columns, requested)
    container = readers.sniff(path, filename)
    result = IngestResult(encoding="utf-8")  # Parquet strings are UTF-8 by definition
    if container != "parquet":
        encoding, failure = readers.detect_encoding(path)
        if failure is not None:
            line, offset = failure
            message = (
                f"the text is neither UTF-8 nor GB18030 (the first bad byte is at offset {offset}); save the file as "
                "UTF-8 (in most editors: Save As → Encoding → UTF-8) and upload it again"
            )
            result.problems, result.problem_count = [Problem(filename, line, "", message)], 1
            return result
        result.encoding = encoding
    run = _ingest_text if container in ("txt", "markdown") else _ingest_records
    with out_path.open("wb") as out:
        writer = _Writer(out)
        problems = run(path, filename, container, result.encoding, requested, mapping, writer, result)
    result.problems, result.problem_count = problems.listed, problems.count
    result.record_count, result.sha256 = writer.count, writer.digest.hexdigest()
    return result
