"""A separate eval dataset (OpenAI's validation_file): every training record trains, the eval loss is measured on
exactly the eval file's records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer

from tests.support import SAMPLE_CHAT
from tests.worker.engine.test_eval_and_resume import spec_for, token_mean_loss
from tests.worker.support import RecordingReporter
from worker.engine.data.cpt_dataset import cpt_training_data
from worker.engine.data.sft_dataset import build_sft_dataset, sft_training_data
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.recipes.sft import run_sft

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")


def _eval_file(tmp_path: Path, first: int, count: int) -> Path:
    """Records first..first+count of the sample chats: none of them is among the first `first` that train."""
    lines = SAMPLE_CHAT.read_text(encoding="utf-8").splitlines(keepends=True)[first : first + count]
    path = tmp_path / "eval.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def test_the_eval_dataset_replaces_the_held_out_share(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    eval_path = _eval_file(tmp_path, 20, 5)
    spec = spec_for(tiny_family, sample_subset(20), eval_fraction=0.0, eval_steps=4, save_steps=4)
    spec = spec.model_copy(update={"eval_dataset_path": str(eval_path)})

    tokenizer = AutoTokenizer.from_pretrained(spec.model.path)
    data = sft_training_data(spec, tokenizer)
    assert len(data.train) == 20 and len(data.eval) == 5, "all training records train; the eval file evaluates"

    reporter = RecordingReporter()
    result = run_sft(spec, tmp_path / "run", reporter)
    assert list(result.eval_losses) == [4, 8]
    assert any("eval: 5 examples from the eval dataset" in line for line in reporter.logs)

    held = build_sft_dataset(
        eval_path,
        tokenizer,
        chat_template=tokenizer.chat_template,
        default_system_prompt=spec.model.default_system_prompt,
        loss_on="assistant",
        max_seq_length=spec.hyperparameters.max_seq_length,
    ).examples
    tuned = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(spec.model.path), result.final_dir)
    with torch.no_grad():
        assert token_mean_loss(tuned.eval(), held) == pytest.approx(result.eval_losses[8], rel=1e-5)


def test_continued_pretraining_evaluates_on_the_eval_dataset_documents(
    tiny_family: dict[str, Path],
    base_tokenizer: Any,
    write_jsonl: Callable[[list[dict[str, Any]], str], Path],
) -> None:
    train = write_jsonl([{"text": f"training document number {i} about pumps"} for i in range(6)], "train.jsonl")
    held = write_jsonl([{"text": "an eval document"}, {"text": "another eval document"}], "eval.jsonl")
    spec = demo_spec(tiny_family[TINY_CHAT].parent, train, stage="cpt", max_seq_length=64, packing=False)
    data = cpt_training_data(spec.model_copy(update={"eval_dataset_path": str(held)}), base_tokenizer)
    assert len(data.train) == 6, "no training document is held out"
    assert len(data.eval) == 2 and data.eval_description == "2 documents (2 rows)"
    assert len(cpt_training_data(spec, base_tokenizer).eval) == 0, "without one, eval_fraction 0 evaluates nothing"
