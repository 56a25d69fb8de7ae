"""CPT data: documents → bos + text + eos → chunks of at most max_seq_length → rows (best-fit packed or one each)."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from transformers import PreTrainedTokenizerBase

from worker.engine.data.batching import _OpenSpaces, best_fit_rows, pack_rows
from worker.engine.data.chat import IGNORE_INDEX
from worker.engine.data.cpt_dataset import TextChunk, build_rows, chunk_documents, tokenize_documents
from worker.engine.errors import DataError

WriteJsonl = Callable[[list[dict[str, Any]], str], Path]


def test_documents_are_bos_text_eos_without_a_template_and_empty_ones_are_skipped(
    base_tokenizer: PreTrainedTokenizerBase, write_jsonl: WriteJsonl
) -> None:
    records = [
        {"text": "The river runs to the sea.", "source": "domain"},
        {"text": "   \n"},
        {"text": "Bread needs flour, water and time.", "source": "general"},
        {"text": "Clocks tick."},
    ]
    corpus = tokenize_documents(write_jsonl(records, "docs.jsonl"), base_tokenizer)
    assert corpus.records == 4 and corpus.empty == 1 and len(corpus.documents) == 3
    bos, eos = base_tokenizer.bos_token_id, base_tokenizer.eos_token_id
    for document, record in zip(corpus.documents, [records[0], records[2], records[3]], strict=True):
        text_ids = base_tokenizer(record["text"], add_special_tokens=False)["input_ids"]
        assert document.tolist() == [bos, *text_ids, eos]
    assert corpus.tokens == sum(len(document) for document in corpus.documents)
    assert {name: (s.documents, s.tokens) for name, s in corpus.sources.items()} == {
        "domain": (1, len(corpus.documents[0])),
        "general": (1, len(corpus.documents[1])),
        "": (1, len(corpus.documents[2])),
    }


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"messages": [{"role": "user", "content": "hi"}]}, "string 'text'"),
        ({"text": 42}, "string 'text'"),
        ({"text": "fine", "source": 3}, "'source' must be a string"),
    ],
)
def test_records_that_are_not_text_fail_naming_the_record(
    base_tokenizer: PreTrainedTokenizerBase, write_jsonl: WriteJsonl, record: dict[str, Any], reason: str
) -> None:
    path = write_jsonl([{"text": "A good first document."}, record], "bad.jsonl")
    with pytest.raises(DataError, match=rf"bad.jsonl, record #2 \(index 1\): .*{reason}"):
        tokenize_documents(path, base_tokenizer)


def test_a_dataset_of_empty_documents_fails(base_tokenizer: PreTrainedTokenizerBase, write_jsonl: WriteJsonl) -> None:
    with pytest.raises(DataError, match="all 2 documents are empty"):
        tokenize_documents(write_jsonl([{"text": ""}, {"text": " "}], "empty.jsonl"), base_tokenizer)


def test_long_documents_are_split_into_max_length_chunks() -> None:
    documents = [
        np.arange(10, dtype=np.int32),
        np.arange(100, 104, dtype=np.int32),
        np.arange(200, 209, dtype=np.int32),
    ]
    chunks = chunk_documents(documents, max_seq_length=4)
    # 10 → 4 + 4 + 2; 4 fits; 9 → 4 + 4 + a lone token, dropped: nothing in its segment could predict it.
    assert [chunk.input_ids.tolist() for chunk in chunks] == [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
        [8, 9],
        [100, 101, 102, 103],
        [200, 201, 202, 203],
        [204, 205, 206, 207],
    ]
    assert all(chunk.labels is chunk.input_ids for chunk in chunks), "loss on every token"
    assert np.shares_memory(chunks[0].input_ids, documents[0]), "chunks are views, not copies"

    one_each = build_rows(chunks, 4, packing=False)
    assert [len(row) for row in one_each] == [1] * 6
    packed = build_rows(chunks, 4, packing=True)
    assert sorted(len(chunk.input_ids) for row in packed for chunk in row) == [2, 4, 4, 4, 4, 4]
    assert all(sum(len(chunk.input_ids) for chunk in row) <= 4 for row in packed)


def test_packed_cpt_rows_train_every_token_but_each_segments_first() -> None:
    rows = [(TextChunk(np.array([1, 5, 6, 2], dtype=np.int32)), TextChunk(np.array([1, 7, 2], dtype=np.int32)))]
    batch = pack_rows(rows, pad_token_id=0, pad_to=9)
    x = IGNORE_INDEX
    assert batch["input_ids"].tolist() == [[1, 5, 6, 2, 1, 7, 2, 0, 0]]
    assert batch["labels"].tolist() == [[x, 5, 6, 2, x, 7, 2, x, x]]
    assert batch["position_ids"].tolist() == [[0, 1, 2, 3, 0, 1, 2, 0, 1]]


def test_best_fit_rows_keep_every_segment_once_and_fill_rows_tightly() -> None:
    rng = random.Random(0)
    capacity = 256
    # A mix like real text: many short documents, some medium ones, a few full-length chunks.
    lengths = [rng.choice([rng.randint(2, 60), rng.randint(60, 200), capacity]) for _ in range(2000)]
    rows = best_fit_rows(lengths, capacity)
    assert sorted(i for row in rows for i in row) == list(range(len(lengths)))
    assert all(sum(lengths[i] for i in row) <= capacity for row in rows)
    fewest = -(-sum(lengths) // capacity)
    assert len(rows) <= 1.02 * fewest, (len(rows), fewest)
    assert best_fit_rows(lengths, capacity) == rows, "deterministic"

    in_order, used = 0, capacity
    for length in lengths:  # what filling rows in document order would need
        if used + length > capacity:
            in_order, used = in_order + 1, 0
        used += length
    assert len(rows) < in_order
    with pytest.raises(ValueError, match="does not fit"):
        best_fit_rows([3, 300], capacity)


def test_open_spaces_find_the_smallest_space_that_fits() -> None:
    rng = random.Random(1)
    spaces, present = _OpenSpaces(100), list[int]()
    for _ in range(2000):
        value = rng.randint(1, 100)
        if present and rng.random() < 0.4:
            removed = present.pop(rng.randrange(len(present)))
            spaces.add(removed, -1)
        else:
            present.append(value)
            spaces.add(value)
        wanted = rng.randint(1, 100)
        expected = min((v for v in present if v >= wanted), default=None)
        assert spaces.smallest_at_least(wanted) == expected
