"""A base model trained with its family's chat template: missing special tokens added, their embeddings trained."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizerBase

from specs.training import Method, ModelSource, ResolvedTrainingSpec
from tests.worker.support import RecordingReporter
from worker.engine.data.chat import IGNORE_INDEX, tokenize_chat
from worker.engine.data.templates import (
    BASE_MODEL_CHAT_TEMPLATE,
    prepare_chat_template,
    template_special_tokens,
)
from worker.engine.demo_models import TINY_BASE, demo_spec
from worker.engine.inference import load_for_inference
from worker.engine.methods import add_token_rows
from worker.engine.parity import template_parity
from worker.engine.recipes.sft import run_sft
from worker.engine.reporter import StopRequested

pytestmark = pytest.mark.filterwarnings(
    "ignore:.*is_gradient_checkpointing.*:FutureWarning", "ignore:Setting `save_embedding_layers`:UserWarning"
)
LLAMA3_TOKENS = ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]


def base_spec(
    tiny_family: dict[str, Path], data: Path, template: str | None, method: Method = "lora", **overrides: Any
) -> ResolvedTrainingSpec:
    settings: dict[str, Any] = {"max_steps": 8, "save_steps": 100, "batch_size": 4, "eval_fraction": 0.25}
    if method in ("full", "freeze"):
        settings["learning_rate"] = 1e-3
    spec = demo_spec(tiny_family[TINY_BASE].parent, data, method=method, **{**settings, **overrides})
    model = ModelSource(name=TINY_BASE, path=str(tiny_family[TINY_BASE]), variant="base", chat_template=template)
    return spec.model_copy(update={"model": model})


def test_template_special_tokens_are_conservative() -> None:
    template = "{{ '<|eot_id|><start_of_turn>[INST] <<SYS>>\\n' }}{{ '</tool_call>' }}{% if x < y %}<|not_a_literal|>{% endif %}"
    assert template_special_tokens(template) == ["<|eot_id|>", "<start_of_turn>", "</tool_call>"]


def test_missing_template_tokens_are_added_as_single_tokens_and_masks_train_answer_and_eot(
    base_tokenizer: PreTrainedTokenizerBase, llama3_template: str
) -> None:
    assert base_tokenizer.chat_template is None
    size = len(base_tokenizer)
    choice = prepare_chat_template(base_tokenizer, llama3_template)
    assert choice.template == llama3_template and "family's chat template" in choice.reason
    assert choice.added_tokens == LLAMA3_TOKENS and choice.end_of_turn == "<|eot_id|>"
    assert len(base_tokenizer) == size + 3 and choice.added_token_ids(base_tokenizer) == [size, size + 1, size + 2]
    for token in LLAMA3_TOKENS:
        assert base_tokenizer(token, add_special_tokens=False)["input_ids"] == [
            base_tokenizer.convert_tokens_to_ids(token)
        ]

    record = {"messages": [{"role": "user", "content": "What is two?"}, {"role": "assistant", "content": "Two is 2."}]}
    chat = tokenize_chat(record, base_tokenizer, chat_template=choice.template, default_system_prompt=None)
    trained = [token for token, label in zip(chat.input_ids, chat.labels, strict=True) if label != IGNORE_INDEX]
    assert base_tokenizer.decode(trained).strip() == "Two is 2.<|eot_id|>"
    assert chat.input_ids.count(base_tokenizer.convert_tokens_to_ids("<|eot_id|>")) == 2


def test_no_tokens_are_added_when_the_template_needs_none(
    base_tokenizer: PreTrainedTokenizerBase, chat_tokenizer: PreTrainedTokenizerBase
) -> None:
    size = len(base_tokenizer)
    plain = prepare_chat_template(base_tokenizer)
    assert plain.template == BASE_MODEL_CHAT_TEMPLATE and plain.added_tokens == [] and len(base_tokenizer) == size
    # The chat model's own ChatML template: its tokens are already single tokens.
    own = prepare_chat_template(chat_tokenizer, "{{ '<|eot_id|>' }}")
    assert own.reason == "using the model's own chat template" and own.added_tokens == []
    assert own.end_of_turn == "<|im_end|>"


def eval_loss_of(model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, spec: ResolvedTrainingSpec) -> float:
    from worker.engine.data.sft_dataset import sft_training_data
    from worker.engine.precision import mixed_precision
    from worker.engine.steps import evaluate_loss

    data = sft_training_data(spec, tokenizer)
    batches = [data.to_batch(data.eval[i : i + 4], None) for i in range(0, len(data.eval), 4)]
    return evaluate_loss(model, batches, mixed_precision("fp32", torch.device("cpu")))


@pytest.mark.parametrize("method", ["lora", "full", "freeze"])
def test_base_model_trains_with_its_family_template_and_reloads(
    tiny_family: dict[str, Path],
    sample_subset: Callable[[int], Path],
    tmp_path: Path,
    llama3_template: str,
    method: Method,
) -> None:
    data = sample_subset(24)
    spec = base_spec(tiny_family, data, llama3_template, method, eval_steps=4)
    reporter = RecordingReporter()
    result = run_sft(spec, tmp_path / "run", reporter)
    assert any("added its special tokens <|start_header_id|>" in line for line in reporter.logs)
    assert result.losses[-1] < result.losses[0]

    final = result.final_dir
    tokenizer = AutoTokenizer.from_pretrained(final)
    assert tokenizer.chat_template == llama3_template
    ids = [tokenizer.convert_tokens_to_ids(token) for token in LLAMA3_TOKENS]
    for token, token_id in zip(LLAMA3_TOKENS, ids, strict=True):
        assert tokenizer(token, add_special_tokens=False)["input_ids"] == [token_id]
    generation = json.loads((final / "generation_config.json").read_text(encoding="utf-8"))
    assert generation["eos_token_id"] == [tokenizer.eos_token_id, ids[2]]

    # Reloaded the way evaluation, export and serving load it: an adapter onto its base with the new rows.
    loaded = load_for_inference(final, device=torch.device("cpu"), dtype=torch.float32)
    assert loaded.is_adapter == (method == "lora")
    assert loaded.tokenizer.chat_template == llama3_template
    model: torch.nn.Module = loaded.model
    assert model.get_input_embeddings().weight.shape[0] >= len(tokenizer)  # the tiny model has spare rows
    # The reloaded weights give the final evaluation's loss: the same logits as at the end of training.
    assert eval_loss_of(model.eval(), tokenizer, spec) == pytest.approx(result.eval_losses[8], rel=1e-5)

    original = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_BASE], dtype=torch.float32)
    trained = model.get_input_embeddings()
    if isinstance(model, PeftModel):
        merged = model.merge_and_unload()
        trained = merged.get_input_embeddings()
    rows = trained.weight[ids]
    mean = original.get_input_embeddings().weight.mean(0)
    assert not torch.allclose(rows, mean.expand_as(rows), atol=1e-4), "the new token embeddings trained"

    report = template_parity(final, data, default_system_prompt=None)
    assert report.checked > 0 and report.mismatches == []


def test_resume_with_added_tokens_is_exact(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, llama3_template: str
) -> None:
    spec = base_spec(tiny_family, sample_subset(24), llama3_template, "lora", max_steps=6, eval_steps=3)
    straight = RecordingReporter()
    run_sft(spec, tmp_path / "straight", straight)
    with pytest.raises(StopRequested):
        run_sft(spec, tmp_path / "resumed", RecordingReporter(stop_after=3, reason="paused"))
    resumed = RecordingReporter()
    result = run_sft(spec, tmp_path / "resumed", resumed)
    assert result.resumed_from == 3
    assert [m.loss for m in resumed.steps] == pytest.approx([m.loss for m in straight.steps[3:]], rel=1e-5)
    assert result.eval_losses[6] == pytest.approx(straight.steps[-1].eval_loss, rel=1e-5)


def test_new_token_rows_are_added_by_resizing_when_the_vocabulary_has_no_spare_rows(
    tiny_family: dict[str, Path],
) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_family[TINY_BASE])
    model = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_BASE])
    model.resize_token_embeddings(len(tokenizer), mean_resizing=False)  # no spare rows left
    rows = len(tokenizer)
    tokenizer.add_special_tokens({"additional_special_tokens": LLAMA3_TOKENS})
    new_ids = [tokenizer.convert_tokens_to_ids(token) for token in LLAMA3_TOKENS]
    assert new_ids == [rows, rows + 1, rows + 2]

    add_token_rows(model, new_ids, len(tokenizer))

    for weight in (model.get_input_embeddings().weight, model.get_output_embeddings().weight):
        assert weight.shape[0] == rows + 3
        expected = weight[:rows].mean(0)
        for token_id in new_ids:
            assert torch.allclose(weight[token_id], expected, atol=1e-6)
    logits = model(input_ids=torch.tensor([[1, *new_ids]])).logits
    assert logits.shape == (1, 4, rows + 3) and torch.isfinite(logits).all()
