"""The CPT training set: raw documents → tokens → chunks of at most max_seq_length → rows.

Each record is `{"text": str, "source"?: str}`. A document is tokenised without any chat template, as
bos (when the tokenizer has one) + text + eos, so the model learns where documents start and end. The eval share
is held out by document, before anything is chunked, so no held-out text is ever trained on. A document longer
than max_seq_length is split into consecutive chunks of max_seq_length tokens (the last one shorter); each chunk
is trained on without the text before it.

Items are rows of at most max_seq_length tokens, and `batch_size` counts rows:
    packing on   chunks grouped into rows by best-fit decreasing, each chunk its own segment: position_ids
                 restart at every chunk, so attention never crosses documents (the SFT packing's mechanism)
    packing off  one chunk per row, padded to the longest row of the micro-batch
Loss is on every token except padding and each segment's first token (nothing inside the segment predicts it).

Token ids live in one int32 array per tokenisation batch and chunks are views into them: a corpus of N tokens
costs about 4N bytes rather than the ~36N of Python lists.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
from transformers import PreTrainedTokenizerBase

from specs.training import ResolvedTrainingSpec
from worker.engine.data.batching import best_fit_rows, collate, pack_rows
from worker.engine.data.records import iter_jsonl
from worker.engine.data.training_data import Batch, LogLine, TrainingData, hold_out
from worker.engine.errors import DataError
from worker.engine.loading import pad_token_id

DOCUMENTS_PER_BATCH = 1000  # documents handed to the (Rust, multi-threaded) tokenizer at once


@dataclass(frozen=True)
class TextChunk:
    """A document, or a max_seq_length piece of a long one: one segment of a row."""

    input_ids: npt.NDArray[np.int32]

    @property
    def labels(self) -> npt.NDArray[np.int32]:
        return self.input_ids  # every token is trained on


Row = tuple[TextChunk, ...]


@dataclass
class SourceStats:
    documents: int = 0
    tokens: int = 0


@dataclass
class Corpus:
    documents: list[npt.NDArray[np.int32]] = field(default_factory=list)  # bos + text + eos of each document
    records: int = 0
    empty: int = 0  # records whose text is empty or only whitespace, skipped
    sources: dict[str, SourceStats] = field(default_factory=dict)  # "" for records without a source

    @property
    def tokens(self) -> int:
        return sum(len(document) for document in self.documents)


def _special(token_id: object) -> list[int]:
    return [token_id] if isinstance(token_id, int) else []


def _encode(
    tokenizer: PreTrainedTokenizerBase, texts: list[str], bos: list[int], eos: list[int]
) -> list[npt.NDArray[np.int32]]:
    encoded = tokenizer(texts, add_special_tokens=False, verbose=False)["input_ids"]
    documents = [[*bos, *ids, *eos] for ids in encoded]
    lengths = [len(document) for document in documents]
    flat = np.fromiter(itertools.chain.from_iterable(documents), dtype=np.int32, count=sum(lengths))
    ends = np.cumsum(lengths)
    return [flat[end - length : end] for end, length in zip(ends, lengths, strict=True)]


def tokenize_documents(path: Path, tokenizer: PreTrainedTokenizerBase) -> Corpus:
    """Every non-empty document as bos + text + eos token ids; a malformed record fails the run (DataError)."""
    bos, eos = _special(tokenizer.bos_token_id), _special(tokenizer.eos_token_id)
    corpus = Corpus()
    texts: list[str] = []
    sources: list[str] = []

    def flush() -> None:
        for document, source in zip(_encode(tokenizer, texts, bos, eos), sources, strict=True):
            corpus.documents.append(document)
            stats = corpus.sources.setdefault(source, SourceStats())
            stats.documents += 1
            stats.tokens += len(document)
        texts.clear()
        sources.clear()

    for index, record in iter_jsonl(path):
        corpus.records += 1
        text, source = record.get("text"), record.get("source")
        if not isinstance(text, str):
            reason = "the record needs a string 'text' (continued pretraining reads raw text)"
            raise DataError(reason, record=index, source=str(path))
        if source is not None and not isinstance(source, str):
            raise DataError("'source' must be a string when present", record=index, source=str(path))
        if not text.strip():
            corpus.empty += 1
            continue
        texts.append(text)
        sources.append(source or "")
        if len(texts) >= DOCUMENTS_PER_BATCH:
            flush()
    if texts:
        flush()
    if not corpus.records:
        raise DataError("the dataset has no records", source=str(path))
    if not corpus.documents:
        raise DataError(f"all {corpus.records} documents are empty", source=str(path))
    return corpus


def chunk_documents(documents: Sequence[npt.NDArray[np.int32]], max_seq_length: int) -> list[TextChunk]:
    """Each document as one chunk, or as consecutive max_seq_length pieces when it is longer."""
    chunks = []
    for document in documents:
        for start in range(0, len(document), max_seq_length):
            piece = document[start : start + max_seq_length]
            if len(piece) > 1:  # a lone token has nothing before it in its segment to be predicted from
                chunks.append(TextChunk(piece))
    return chunks


def build_rows(chunks: Sequence[TextChunk], max_seq_length: int, *, packing: bool) -> list[Row]:
    if not packing:
        return [(chunk,) for chunk in chunks]
    rows = best_fit_rows([len(chunk.input_ids) for chunk in chunks], max_seq_length)
    return [tuple(chunks[index] for index in row) for row in rows]


def row_tokens(row: Row) -> int:
    return sum(len(chunk.input_ids) for chunk in row)


def _sources_line(corpus: Corpus) -> LogLine | None:
    if set(corpus.sources) <= {""}:
        return None
    total = corpus.tokens
    parts = [
        f"{name or '(no source)'} {stats.documents} documents ({stats.tokens:,} tokens, {stats.tokens / total:.0%})"
        for name, stats in sorted(corpus.sources.items())
    ]
    data = {name or "(no source)": stats.tokens for name, stats in corpus.sources.items()}
    return LogLine("sources: " + ", ".join(parts), {"source_tokens": data})


def cpt_training_data(spec: ResolvedTrainingSpec, tokenizer: PreTrainedTokenizerBase) -> TrainingData[Row]:
    """The CPT stage: documents held out by the eval share, chunked, and laid out in rows (packed or one each)."""
    hp = spec.hyperparameters
    length = hp.max_seq_length
    corpus = tokenize_documents(Path(spec.dataset_path), tokenizer)
    if spec.eval_dataset_path is not None:
        eval_corpus = tokenize_documents(Path(spec.eval_dataset_path), tokenizer)
        train_documents, eval_documents = corpus.documents, eval_corpus.documents
    else:
        train_documents, eval_documents = hold_out(corpus.documents, hp.eval_fraction, hp.seed)
    train = build_rows(chunk_documents(train_documents, length), length, packing=hp.packing)
    held = build_rows(chunk_documents(eval_documents, length), length, packing=hp.packing)
    if not train:
        raise DataError("no training document has two or more tokens", source=spec.dataset_path)
    pad_id = pad_token_id(tokenizer)

    def to_batch(rows: Sequence[Row], pad_to: int | None) -> Batch:
        if hp.packing:
            return pack_rows(rows, pad_id, pad_to)
        return collate([row[0] for row in rows], pad_id, pad_to)

    tokens = corpus.tokens
    split = sum(1 for document in corpus.documents if len(document) > length)
    train_tokens = sum(row_tokens(row) for row in train)
    utilisation = train_tokens / (len(train) * length)
    framing = " + ".join(
        part
        for part, present in (("bos", tokenizer.bos_token_id), ("text", True), ("eos", tokenizer.eos_token_id))
        if present is not None
    )
    summary = [
        LogLine(
            f"data: {len(corpus.documents)} documents of {corpus.records} records ({corpus.empty} empty skipped), "
            f"{tokens:,} tokens as {framing}, no chat template; {split} longer than {length} tokens split into "
            f"chunks of {length}; loss on every token",
            {"records": corpus.records, "documents": len(corpus.documents), "tokens": tokens},
        ),
        LogLine(
            f"rows: {len(train)} training rows of up to {length} tokens "
            + (
                f"holding {sum(len(row) for row in train)} documents and chunks of long ones"
                if hp.packing
                else "holding one document or chunk each"
            )
            + f", {train_tokens / len(train):.0f} tokens per row on average, {utilisation:.1%} of row capacity used",
            {"rows": len(train), "row_tokens": length, "utilisation": round(utilisation, 4)},
        ),
    ]
    sources = _sources_line(corpus)
    if sources is not None:
        summary.append(sources)
    if tokenizer.eos_token_id is None:
        summary.append(LogLine("the tokenizer has no eos token: documents end without one", level="warning"))
    layout = (
        f"documents packed into rows of up to {length} tokens"
        if hp.packing
        else "one document or chunk per row, padded per micro-batch"
    )
    return TrainingData(
        train=train,
        eval=held,
        to_batch=to_batch,
        token_count=row_tokens,
        records=corpus.records,
        unit="rows",
        layout=layout,
        chat_template=None,
        summary=summary,
        eval_description=f"{len(eval_documents)} documents ({len(held)} rows)",
    )
