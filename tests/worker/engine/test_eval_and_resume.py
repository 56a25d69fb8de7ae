"""Held-out eval loss, early stopping, and resuming every method exactly where it stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer

from specs.training import Method, ResolvedTrainingSpec
from tests.worker.support import RecordingReporter
from worker.engine.checkpointing import complete_checkpoints
from worker.engine.data.chat import IGNORE_INDEX, TokenizedChat
from worker.engine.data.sft_dataset import build_sft_dataset
from worker.engine.data.training_data import hold_out
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.errors import DataError
from worker.engine.recipes.sft import run_sft
from worker.engine.reporter import StopRequested

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")


def spec_for(
    tiny_family: dict[str, Path], data: Path, method: Method = "lora", **overrides: Any
) -> ResolvedTrainingSpec:
    settings: dict[str, Any] = {"max_steps": 8, "save_steps": 100, "batch_size": 4, "eval_fraction": 0.25}
    if method in ("full", "freeze"):
        settings["learning_rate"] = 1e-3
    return demo_spec(tiny_family[TINY_CHAT].parent, data, method=method, **{**settings, **overrides})


def test_hold_out_is_seeded_disjoint_and_never_empty() -> None:
    examples = [TokenizedChat([i, i + 1], [i, i + 1], False) for i in range(10)]
    train, held = hold_out(examples, 0.2, seed=3)
    assert len(held) == 2 and len(train) == 8
    assert sorted(e.input_ids[0] for e in train + held) == list(range(10))
    assert hold_out(examples, 0.2, seed=3) == (train, held), "the same seed holds out the same examples"
    assert hold_out(examples, 0.2, seed=4)[1] != held
    assert len(hold_out(examples, 0.01, seed=3)[1]) == 1, "any positive fraction holds out at least one"
    assert hold_out(examples, 0.0, seed=3) == (examples, [])
    with pytest.raises(DataError, match="at least 2"):
        hold_out(examples[:1], 0.1, seed=3)


def token_mean_loss(model: torch.nn.Module, examples: list[TokenizedChat]) -> float:
    total, count = 0.0, 0
    for example in examples:
        labels = torch.tensor([example.labels])
        trained = int((labels[:, 1:] != IGNORE_INDEX).sum())
        # transformers' loss is the mean over the example's trained tokens
        total += model(input_ids=torch.tensor([example.input_ids]), labels=labels).loss.item() * trained
        count += trained
    return total / count


def test_eval_loss_is_reported_at_eval_steps_and_at_the_end(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(tiny_family, sample_subset(24), eval_steps=3, save_steps=2)
    reporter = RecordingReporter()
    result = run_sft(spec, tmp_path / "run", reporter)

    evals = {m.step: m.eval_loss for m in reporter.steps if m.eval_loss is not None}
    assert list(evals) == [3, 6, 8] and result.eval_losses == evals
    assert evals[8] < evals[3]
    # Checkpoints carry the latest eval loss once there has been one.
    assert [(c.step, c.metrics.get("eval_loss")) for c in reporter.checkpoints] == [
        (2, None),
        (4, evals[3]),
        (6, evals[6]),
        (8, evals[8]),
    ]
    assert any("eval: 6 examples held out" in line for line in reporter.logs)

    # The reported number is the token-weighted mean loss of the final weights on exactly the held-out records.
    tokenizer = AutoTokenizer.from_pretrained(spec.model.path)
    dataset = build_sft_dataset(
        Path(spec.dataset_path),
        tokenizer,
        chat_template=tokenizer.chat_template,
        default_system_prompt=spec.model.default_system_prompt,
        loss_on="assistant",
        max_seq_length=spec.hyperparameters.max_seq_length,
    )
    _, held = hold_out(dataset.examples, 0.25, spec.hyperparameters.seed)
    tuned = PeftModel.from_pretrained(AutoModelForCausalLM.from_pretrained(spec.model.path), result.final_dir)
    with torch.no_grad():
        assert token_mean_loss(tuned.eval(), held) == pytest.approx(evals[8], rel=1e-5)


def test_early_stopping_ends_the_run_normally_and_survives_a_resume(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    # With lr 0 the eval loss cannot improve after the first evaluation.
    spec = spec_for(
        tiny_family, sample_subset(24), learning_rate=0.0, max_steps=20, eval_steps=2, early_stopping_patience=2
    )
    straight = RecordingReporter()
    result = run_sft(spec, tmp_path / "straight", straight)
    assert result.stopped_early and result.steps == 6 and [m.step for m in straight.steps][-1] == 6
    assert (result.final_dir / "adapter_model.safetensors").is_file()
    assert [step for step, _ in complete_checkpoints(tmp_path / "straight")] == [6]
    best = result.eval_losses[2]
    assert f"early stopping: no better eval loss in 2 evaluations, best {best:.4f} at step 2" in straight.logs

    # Paused after one evaluation without improvement, the resumed run still stops at the second one.
    with pytest.raises(StopRequested):
        run_sft(spec, tmp_path / "paused", RecordingReporter(stop_after=5, reason="paused"))
    resumed = run_sft(spec, tmp_path / "paused", RecordingReporter())
    assert resumed.resumed_from == 5 and resumed.steps == 6 and resumed.stopped_early

    # A run that already stopped early is not trained further when its job is delivered again.
    again = run_sft(spec, tmp_path / "straight", RecordingReporter())
    assert again.stopped_early and again.steps == 6 and again.losses == []


def final_weights(folder: Path) -> dict[str, torch.Tensor]:
    adapter = folder / "adapter_model.safetensors"
    return load_file(adapter if adapter.is_file() else folder / "model.safetensors")


@pytest.mark.parametrize(
    ("method", "overrides"),
    [
        ("lora", {"lora_dropout": 0.1, "packing": True}),  # dropout makes the result depend on the restored RNG
        ("full", {}),
        ("freeze", {"freeze_trainable_layers": 1, "gradient_checkpointing": True}),
        ("qlora", {}),
    ],
)
def test_resume_gives_the_same_weights_as_an_uninterrupted_run(
    tiny_family: dict[str, Path],
    sample_subset: Callable[[int], Path],
    tmp_path: Path,
    method: Method,
    overrides: dict[str, Any],
) -> None:
    # 18 training records at batch 4: 10 steps cross two epoch boundaries, the first one with a short batch.
    spec = spec_for(tiny_family, sample_subset(24), method, max_steps=10, eval_steps=3, **overrides)
    straight = RecordingReporter()
    run_sft(spec, tmp_path / "straight", straight)

    with pytest.raises(StopRequested):
        run_sft(spec, tmp_path / "resumed", RecordingReporter(stop_after=5, reason="paused"))
    resumed = RecordingReporter()
    result = run_sft(spec, tmp_path / "resumed", resumed)
    assert result.resumed_from == 5 and [m.step for m in resumed.steps] == [6, 7, 8, 9, 10]
    assert [m.loss for m in resumed.steps] == pytest.approx([m.loss for m in straight.steps[5:]], rel=1e-5)
    evals = {m.step: m.eval_loss for m in straight.steps if m.eval_loss is not None and m.step > 5}
    assert list(evals) == [6, 9, 10]
    assert {m.step: m.eval_loss for m in resumed.steps if m.eval_loss is not None} == pytest.approx(evals, rel=1e-5)

    expected, actual = final_weights(tmp_path / "straight" / "final"), final_weights(result.final_dir)
    assert expected.keys() == actual.keys()
    for name, tensor in expected.items():
        torch.testing.assert_close(actual[name], tensor, rtol=0, atol=1e-5, msg=name)


# Trains in a fresh process and kills it with SIGKILL straight after step 7: no cleanup, no final save, the
# checkpoint of step 5 is all that is left, as when a worker's machine dies.
KILLED_RUN = """
import os, signal, sys
from pathlib import Path
from specs.training import ResolvedTrainingSpec
from tests.worker.support import RecordingReporter
from worker.engine.recipes.train import run_training

class KilledAfterStep7(RecordingReporter):
    def metrics(self, metrics):
        if metrics.step == 7:
            os.kill(os.getpid(), signal.SIGKILL)

spec = ResolvedTrainingSpec.model_validate_json(Path(sys.argv[1]).read_text())
run_training(spec, Path(sys.argv[2]), KilledAfterStep7())
"""


@pytest.mark.parametrize("method", ["lora", "full"])
def test_a_killed_run_resumes_to_the_weights_of_an_uninterrupted_one(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, method: Method
) -> None:
    # 10 steps straight vs 5 + kill (2 steps lost) + resume: dropout makes the result depend on the restored RNG.
    spec = spec_for(
        tiny_family, sample_subset(24), method, max_steps=10, save_steps=5, eval_fraction=0.0, lora_dropout=0.1
    )
    run_sft(spec, tmp_path / "straight", RecordingReporter())

    spec_file = tmp_path / "spec.json"
    spec_file.write_text(spec.model_dump_json())
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_RUN, str(spec_file), str(tmp_path / "killed")],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=Path(__file__).resolve().parents[3],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])},
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr[-3000:]
    assert [step for step, _ in complete_checkpoints(tmp_path / "killed")] == [5]
    assert not (tmp_path / "killed" / "final").exists()

    resumed = RecordingReporter()
    result = run_sft(spec, tmp_path / "killed", resumed)
    assert result.resumed_from == 5 and [m.step for m in resumed.steps] == [6, 7, 8, 9, 10]
    expected, actual = final_weights(tmp_path / "straight" / "final"), final_weights(result.final_dir)
    assert expected.keys() == actual.keys()
    for name, tensor in expected.items():
        torch.testing.assert_close(actual[name], tensor, rtol=0, atol=1e-5, msg=name)
