"""Padding-free packing: examples share a row but never attend to each other or predict each other's tokens."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from transformers import PreTrainedTokenizerBase
from transformers.masking_utils import find_packed_sequence_indices

from tests.worker.support import RecordingReporter
from worker.engine.data.batching import collate, pack
from worker.engine.data.chat import IGNORE_INDEX, TokenizedChat, tokenize_chat
from worker.engine.demo_models import SAMPLE_CHAT, TINY_CHAT, demo_spec
from worker.engine.loading import load_model
from worker.engine.recipes.sft import run_sft

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")
PAD = 2


def example(tokens: list[int], trained_from: int = 0) -> TokenizedChat:
    labels = [token if i >= trained_from else IGNORE_INDEX for i, token in enumerate(tokens)]
    return TokenizedChat(tokens, labels, False)


def test_pack_fills_rows_in_order_restarting_positions_and_dropping_boundary_labels() -> None:
    examples = [example([10, 11, 12]), example([20, 21]), example([30, 31, 32, 33], trained_from=2)]
    batch = pack(examples, PAD, row_tokens=5)
    assert batch.keys() == {"input_ids", "labels", "position_ids"}, "no attention_mask: it would hide the packing"
    assert batch["input_ids"].tolist() == [[10, 11, 12, 20, 21], [30, 31, 32, 33, PAD]]
    assert batch["position_ids"].tolist() == [[0, 1, 2, 0, 1], [0, 1, 2, 3, 0]]
    # Each example's first token is nobody's target: 12 must not learn to predict 20.
    x = IGNORE_INDEX
    assert batch["labels"].tolist() == [[x, 11, 12, x, 21], [x, x, 32, 33, x]]
    # transformers reads every restart of position_ids as a new sequence; the padding is a sequence of its own.
    assert find_packed_sequence_indices(batch["position_ids"]).tolist() == [[0, 0, 0, 1, 1], [0, 0, 0, 0, 1]]

    one_row = pack(examples, PAD, row_tokens=100)
    assert one_row["input_ids"].shape == (1, 9) and one_row["position_ids"][0].tolist() == [0, 1, 2, 0, 1, 0, 1, 2, 3]
    assert pack(examples, PAD, row_tokens=5, pad_to=8)["input_ids"].shape == (2, 8)
    with pytest.raises(ValueError, match="does not fit"):
        pack(examples, PAD, row_tokens=3)


def sample_examples(tokenizer: PreTrainedTokenizerBase, count: int) -> list[TokenizedChat]:
    lines = SAMPLE_CHAT.read_text(encoding="utf-8").splitlines()[:count]
    template = tokenizer.chat_template
    return [tokenize_chat(json.loads(line), tokenizer, chat_template=template, loss_on="all") for line in lines]


@pytest.mark.parametrize("attention", ["sdpa", "eager"])
@torch.no_grad()
def test_packed_logits_equal_each_example_run_alone(
    tiny_family: dict[str, Path], chat_tokenizer: PreTrainedTokenizerBase, attention: str
) -> None:
    model = load_model(str(tiny_family[TINY_CHAT]), device=torch.device("cpu"), attn_implementation=attention)
    model.eval()
    examples = sample_examples(chat_tokenizer, 5)
    lengths = [len(e.input_ids) for e in examples]
    alone = [model(input_ids=torch.tensor([e.input_ids])).logits[0] for e in examples]

    for row_tokens in (sum(lengths), max(lengths) + 10):  # everything in one row; several rows with padding
        batch = pack(examples, PAD, row_tokens)
        logits = model(input_ids=batch["input_ids"], position_ids=batch["position_ids"], use_cache=False).logits
        row, start = 0, 0
        for e, expected in zip(examples, alone, strict=True):
            if start + len(e.input_ids) > row_tokens:
                row, start = row + 1, 0
            torch.testing.assert_close(logits[row, start : start + len(e.input_ids)], expected, atol=1e-4, rtol=0)
            start += len(e.input_ids)

    # The control: the same row without restarting positions lets later examples see earlier ones.
    flat = pack(examples, PAD, sum(lengths))
    leaky = model(input_ids=flat["input_ids"], use_cache=False).logits[0, lengths[0] : lengths[0] + lengths[1]]
    assert (leaky - alone[1]).abs().max() > 1e-2


def test_packed_and_padded_training_compute_the_same_loss(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    # Same data order and the same examples in every step: only the layout of the micro-batches differs.
    data = sample_subset(16)
    losses = {}
    for packing in (False, True):
        spec = demo_spec(
            tiny_family[TINY_CHAT].parent,
            data,
            max_steps=6,
            save_steps=100,
            batch_size=4,
            gradient_accumulation_steps=2,
            packing=packing,
        )
        reporter = RecordingReporter()
        run_sft(spec, tmp_path / f"packing-{packing}", reporter)
        losses[packing] = [m.loss for m in reporter.steps]
        assert any(("packed into rows" in line) == packing for line in reporter.logs)
    assert losses[True] == pytest.approx(losses[False], rel=1e-2)
    assert losses[True][-1] < losses[True][0]


def test_packing_removes_padding(chat_tokenizer: PreTrainedTokenizerBase) -> None:
    examples = sample_examples(chat_tokenizer, 8)
    real = sum(len(e.input_ids) for e in examples)
    padded = collate(examples, PAD)["input_ids"].numel()
    packed = pack(examples, PAD, row_tokens=256)["input_ids"].numel()
    assert real <= packed < padded
