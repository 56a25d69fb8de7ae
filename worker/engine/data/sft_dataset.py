"""The SFT training set: every record of the JSONL tokenised with the model's template and loss mask.

Items are examples: a micro-batch is `batch_size` examples, padded side by side or, with packing, concatenated
into rows of up to max_seq_length tokens (data/batching.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from transformers import PreTrainedTokenizerBase

from specs.training import ResolvedTrainingSpec
from worker.engine.data.batching import collate, pack
from worker.engine.data.chat import TokenizedChat, tokenize_chat
from worker.engine.data.records import read_jsonl
from worker.engine.data.templates import prepare_chat_template
from worker.engine.data.training_data import Batch, LogLine, TrainingData, hold_out
from worker.engine.errors import DataError
from worker.engine.loading import pad_token_id


@dataclass(frozen=True)
class SftDataset:
    examples: list[TokenizedChat]
    records: int
    dropped_without_loss: int  # records with no trained token left (e.g. truncated before the answer)
    truncated: int

    @property
    def tokens(self) -> int:
        return sum(len(example.input_ids) for example in self.examples)


def build_sft_dataset(
    path: Path,
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None,
    loss_on: Literal["assistant", "all"],
    max_seq_length: int,
) -> SftDataset:
    """Tokenise every record; a bad record fails the whole run (DataError naming the file and record)."""
    examples: list[TokenizedChat] = []
    dropped = truncated = 0
    records = read_jsonl(path)
    for index, record in records:
        try:
            example = tokenize_chat(
                record,
                tokenizer,
                chat_template=chat_template,
                default_system_prompt=default_system_prompt,
                loss_on=loss_on,
                max_seq_length=max_seq_length,
                index=index,
            )
        except DataError as exc:
            raise DataError(exc.reason, record=exc.record, source=str(path)) from exc
        truncated += example.truncated
        # An example without trained tokens adds nothing but a 0/0 to the loss.
        if example.trained_tokens == 0:
            dropped += 1
            continue
        examples.append(example)
    if not examples:
        raise DataError(
            f"no record has a trained token within max_seq_length={max_seq_length} "
            f"(loss_on={loss_on!r}); raise max_seq_length or check that records contain assistant answers",
            source=str(path),
        )
    return SftDataset(examples, len(records), dropped, truncated)


def sft_training_data(spec: ResolvedTrainingSpec, tokenizer: PreTrainedTokenizerBase) -> TrainingData[TokenizedChat]:
    """The SFT stage: records rendered with the model's chat template (or its family's, or the plain base-model one).

    Special tokens the chosen template needs and the tokenizer lacks are added to `tokenizer` in place.
    """
    hp = spec.hyperparameters
    choice = prepare_chat_template(tokenizer, spec.model.chat_template)
    chat_template, template_reason = choice.template, choice.reason

    def build(path: str) -> SftDataset:
        return build_sft_dataset(
            Path(path),
            tokenizer,
            chat_template=chat_template,
            default_system_prompt=spec.model.default_system_prompt,
            loss_on=spec.loss_on,
            max_seq_length=hp.max_seq_length,
        )

    dataset = build(spec.dataset_path)
    if spec.eval_dataset_path is not None:
        train, held = dataset.examples, build(spec.eval_dataset_path).examples
    else:
        train, held = hold_out(dataset.examples, hp.eval_fraction, hp.seed)
    pad_id = pad_token_id(tokenizer)

    def to_batch(examples: Sequence[TokenizedChat], pad_to: int | None) -> Batch:
        if hp.packing:
            return pack(examples, pad_id, hp.max_seq_length, pad_to)
        return collate(examples, pad_id, pad_to)

    summary = LogLine(
        f"data: {len(dataset.examples)} of {dataset.records} records used, {dataset.tokens:,} tokens, "
        f"{dataset.dropped_without_loss} without trained tokens dropped, {dataset.truncated} truncated to "
        f"{hp.max_seq_length}; {template_reason}; loss on {spec.loss_on}",
        {"records": dataset.records, "examples": len(dataset.examples), "added_tokens": choice.added_tokens},
    )
    packed = f"packed into rows of up to {hp.max_seq_length} tokens" if hp.packing else "padded per micro-batch"
    return TrainingData(
        train=train,
        eval=held,
        to_batch=to_batch,
        token_count=lambda example: len(example.input_ids),
        records=dataset.records,
        unit="examples",
        layout=f"examples {packed}",
        chat_template=chat_template,
        summary=[summary],
        eval_description=f"{len(held)} examples",
        added_tokens=choice.added_tokens,
        end_of_turn=choice.end_of_turn,
    )
