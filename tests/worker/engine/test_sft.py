"""The SFT recipe end to end on the tiny model: learning, checkpoints, resume, cancel, divergence, CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch
from peft import PeftModel
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, AutoTokenizer

from specs.training import ResolvedTrainingSpec
from tests.worker.support import RecordingReporter
from worker.engine.checkpointing import complete_checkpoints
from worker.engine.cli import main as cli_main
from worker.engine.data.batching import collate
from worker.engine.data.chat import tokenize_chat
from worker.engine.demo_models import SAMPLE_CHAT, TINY_CHAT, TINY_RECOMMENDED_HYPERPARAMETERS, demo_spec
from worker.engine.errors import EngineError, TrainingDiverged
from worker.engine.recipes.sft import run_sft
from worker.engine.reporter import StopRequested

# peft calls a transformers API that transformers 5 deprecated; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")


@pytest.fixture
def small_data(tmp_path: Path) -> Path:
    """The first 24 sample records: 3 optimizer steps per epoch at batch 4 x accumulation 2."""
    path = tmp_path / "small.jsonl"
    path.write_text("".join(SAMPLE_CHAT.read_text(encoding="utf-8").splitlines(keepends=True)[:24]), encoding="utf-8")
    return path


def small_spec(tiny_family: dict[str, Path], data: Path, **overrides: object) -> ResolvedTrainingSpec:
    settings: dict[str, Any] = {"max_steps": 8, "save_steps": 3, "batch_size": 4, "gradient_accumulation_steps": 2}
    settings.update(overrides)
    return demo_spec(tiny_family[TINY_CHAT].parent, data, **settings)


def adapter_weights(folder: Path) -> dict[str, torch.Tensor]:
    return load_file(folder / "adapter_model.safetensors")


def test_demo_run_learns_and_saves_a_usable_adapter(tiny_family: dict[str, Path], tmp_path: Path) -> None:
    spec = demo_spec(tiny_family[TINY_CHAT].parent)
    reporter = RecordingReporter()
    result = run_sft(spec, tmp_path / "run", reporter)

    hp = spec.hyperparameters
    losses = [m.loss for m in reporter.steps]
    assert [m.step for m in reporter.steps] == list(range(1, hp.max_steps + 1)) and result.steps == hp.max_steps
    assert losses[-1] < losses[0] / 2, f"loss did not halve: {losses[0]:.3f} -> {losses[-1]:.3f}"
    assert sum(losses[-10:]) / 10 < sum(losses[:5]) / 5 / 3
    assert all(m.total_steps == hp.max_steps and m.tokens_per_second > 0 and m.grad_norm > 0 for m in reporter.steps)
    assert max(m.learning_rate for m in reporter.steps) == pytest.approx(hp.learning_rate)
    assert reporter.steps[-1].epoch == pytest.approx(hp.epochs)
    assert [c.step for c in reporter.checkpoints] == [50, 100, 150]
    assert reporter.checkpoints[-1].metrics["loss"] == pytest.approx(losses[-1])
    assert any("trainable of" in line for line in reporter.logs) and any(
        "400 of 400 records" in line for line in reporter.logs
    )
    assert any(line.startswith("finished") for line in reporter.logs)

    # The final adapter is the trained one: loaded onto the base model it predicts the answers far better.
    tokenizer = AutoTokenizer.from_pretrained(result.final_dir)
    config = json.loads((result.final_dir / "tokenizer_config.json").read_text())
    assert (
        config["chat_template"]
        == tokenizer.chat_template
        == AutoTokenizer.from_pretrained(spec.model.path).chat_template
    )
    record = json.loads(SAMPLE_CHAT.read_text().splitlines()[1])
    batch = collate([tokenize_chat(record, tokenizer, chat_template=tokenizer.chat_template)], tokenizer.pad_token_id)
    base = AutoModelForCausalLM.from_pretrained(spec.model.path)
    before = base(input_ids=batch["input_ids"], labels=batch["labels"]).loss.item()
    tuned = PeftModel.from_pretrained(base, result.final_dir)
    after = tuned(input_ids=batch["input_ids"], labels=batch["labels"]).loss.item()
    assert after < before / 2


def test_resume_after_interruption_matches_an_uninterrupted_run(
    tiny_family: dict[str, Path], small_data: Path, tmp_path: Path
) -> None:
    # Dropout makes the result depend on the restored RNG; 8 steps of 3 per epoch cross two epoch boundaries.
    spec = small_spec(tiny_family, small_data, lora_dropout=0.1)
    straight = RecordingReporter()
    run_sft(spec, tmp_path / "straight", straight)

    interrupted = tmp_path / "interrupted"
    with pytest.raises(StopRequested):
        run_sft(spec, interrupted, RecordingReporter(stop_after=5))
    assert [step for step, _ in complete_checkpoints(interrupted)] == [3]
    # A crash while writing the next checkpoint leaves only a staging folder behind.
    stray = interrupted / "checkpoints" / ".tmp-step-6"
    stray.mkdir()
    (stray / "trainer_state.json").write_text('{"step": 6')

    resumed = RecordingReporter()
    result = run_sft(spec, interrupted, resumed)
    assert result.resumed_from == 3 and any("resumed from step 3" in line for line in resumed.logs)
    assert [m.step for m in resumed.steps] == [4, 5, 6, 7, 8]
    assert [m.loss for m in resumed.steps] == pytest.approx([m.loss for m in straight.steps[3:]], rel=1e-5)
    assert not stray.exists()
    expected, actual = adapter_weights(tmp_path / "straight" / "final"), adapter_weights(interrupted / "final")
    assert expected.keys() == actual.keys()
    for name, tensor in expected.items():
        torch.testing.assert_close(actual[name], tensor, rtol=1e-5, atol=1e-6, msg=name)
    assert [step for step, _ in complete_checkpoints(interrupted)] == [3, 6, 8]


def test_cancel_stops_after_exactly_k_steps_without_saving(
    tiny_family: dict[str, Path], small_data: Path, tmp_path: Path
) -> None:
    reporter = RecordingReporter(stop_after=2, reason="cancelled")
    with pytest.raises(StopRequested) as stopped:
        run_sft(small_spec(tiny_family, small_data, save_steps=100), tmp_path / "run", reporter)
    assert stopped.value.reason == "cancelled"
    assert [m.step for m in reporter.steps] == [1, 2]
    assert complete_checkpoints(tmp_path / "run") == [] and not (tmp_path / "run" / "final").exists()


def test_pause_keeps_its_progress_in_a_checkpoint(
    tiny_family: dict[str, Path], small_data: Path, tmp_path: Path
) -> None:
    reporter = RecordingReporter(stop_after=2, reason="paused")
    with pytest.raises(StopRequested, match="paused"):
        run_sft(small_spec(tiny_family, small_data, save_steps=100), tmp_path / "run", reporter)
    assert [c.step for c in reporter.checkpoints] == [2]
    assert [step for step, _ in complete_checkpoints(tmp_path / "run")] == [2]


def test_divergence_fails_the_run(tiny_family: dict[str, Path], small_data: Path, tmp_path: Path) -> None:
    reporter = RecordingReporter()
    with pytest.raises(TrainingDiverged, match="diverged at step"):
        run_sft(small_spec(tiny_family, small_data, learning_rate=1e6, warmup_ratio=0.0), tmp_path / "run", reporter)
    assert len(reporter.steps) < 8
    assert not (tmp_path / "run" / "final").exists()


def test_checkpoint_of_another_spec_is_not_resumed(
    tiny_family: dict[str, Path], small_data: Path, tmp_path: Path
) -> None:
    run_sft(small_spec(tiny_family, small_data, max_steps=3), tmp_path / "run", RecordingReporter())
    with pytest.raises(EngineError, match="different spec"):
        run_sft(
            small_spec(tiny_family, small_data, max_steps=3, learning_rate=1e-3), tmp_path / "run", RecordingReporter()
        )


def test_cli_trains_from_a_spec_file(
    tiny_family: dict[str, Path], small_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec_file = tmp_path / "spec.json"
    spec_file.write_text(small_spec(tiny_family, small_data, max_steps=2).model_dump_json())
    assert cli_main(["train", str(spec_file), str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "final" / "adapter_model.safetensors").is_file()
    assert "step 2/2" in capsys.readouterr().out

    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": [{"role": "user", "content": "hi"}, {"role": "user", "content": "again"}]}\n')
    spec_file.write_text(small_spec(tiny_family, bad, max_steps=2).model_dump_json())
    assert cli_main(["train", str(spec_file), str(tmp_path / "bad-out")]) == 2
    assert "record #1 (index 0)" in capsys.readouterr().err


def test_recommended_demo_settings_are_what_the_demo_test_runs() -> None:
    assert TINY_RECOMMENDED_HYPERPARAMETERS["max_steps"] <= 300
    assert TINY_RECOMMENDED_HYPERPARAMETERS["lora_alpha"] == 2 * TINY_RECOMMENDED_HYPERPARAMETERS["lora_r"]
