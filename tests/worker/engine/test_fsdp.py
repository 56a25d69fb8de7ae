"""Fully sharded data parallel (FSDP2) full and freeze fine-tuning under torchrun, on the CPU with 2 gloo processes.

The sharded run must be the single-process run: the same losses, the same complete weights in final/ (gathered on
rank 0 and loadable without torch.distributed), and a resume from a checkpoint continues with the same losses.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM

from tests.worker.engine.test_distributed import assert_same_weights, launch, spec_for
from tests.worker.support import RecordingReporter
from worker.engine.checkpointing import OPTIMIZER, complete_checkpoints
from worker.engine.demo_models import TINY_CHAT
from worker.engine.errors import EngineError
from worker.engine.event_log import RunEnd
from worker.engine.recipes.train import run_training
from worker.engine.sharding import fully_shard_function

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")


def weights(run_dir: Path) -> dict[str, torch.Tensor]:
    return load_file(run_dir / "final" / "model.safetensors")


def test_this_torch_has_fsdp2() -> None:
    # The project pins a torch with fully_shard; the engine refuses 'fsdp' with the reason when it is missing.
    assert fully_shard_function() is not None


def test_sharded_full_fine_tuning_matches_one_process_and_resumes_exactly(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(tiny_family, sample_subset(40), method="full", distributed_strategy="fsdp")
    single = RecordingReporter()
    run_training(spec, tmp_path / "single", single, cpu_threads=1)

    end, two = launch(spec, tmp_path / "two")
    assert end == RunEnd("finished")
    assert any("fully sharded data parallel over 2 processes" in line for line in two.logs)
    assert not any("data parallel: 2 processes" in line for line in two.logs), "not wrapped in DDP as well"
    assert [m.loss for m in two.steps] == pytest.approx([m.loss for m in single.steps], abs=1e-5)
    # The global norm sums per-shard squares in another order: equal to float rounding.
    assert [m.grad_norm for m in two.steps] == pytest.approx([m.grad_norm for m in single.steps], rel=1e-5)
    evals = {m.step: m.eval_loss for m in two.steps if m.eval_loss is not None}
    assert evals.keys() == {2, 4}
    for step, loss in evals.items():
        assert loss == pytest.approx(single.steps[step - 1].eval_loss, abs=1e-5)
    trained = weights(tmp_path / "two")
    assert_same_weights(weights(tmp_path / "single"), trained)
    before = load_file(tiny_family[TINY_CHAT] / "model.safetensors")
    assert trained.keys() == before.keys(), "final/ holds the whole model, not a shard"
    assert all(trained[name].shape == before[name].shape for name in before)
    assert any(not torch.equal(before[name], trained[name]) for name in before), "it trained"
    reloaded = AutoModelForCausalLM.from_pretrained(tmp_path / "two" / "final")
    assert torch.equal(reloaded.state_dict()["model.norm.weight"], trained["model.norm.weight"])

    # Paused after step 1 (the stop file is there from the start), then resumed by a second launch.
    end, first = launch(spec, tmp_path / "resumed", stop_reason="paused")
    assert end == RunEnd("stopped", "paused")
    assert [m.step for m in first.steps] == [1] and [c.step for c in first.checkpoints] == [1]
    [(step, checkpoint)] = complete_checkpoints(tmp_path / "resumed")
    assert step == 1
    optimizer = torch.load(checkpoint / OPTIMIZER, weights_only=True)
    moments = [state["exp_avg"] for state in optimizer["state"].values()]
    assert sum(m.numel() for m in moments) == sum(t.numel() for t in before.values()), "full optimizer state saved"
    end, second = launch(spec, tmp_path / "resumed")
    assert end == RunEnd("finished")
    assert any("resumed from step 1" in line for line in second.logs)
    assert [m.step for m in second.steps] == [2, 3, 4]
    assert [m.loss for m in second.steps] == pytest.approx([m.loss for m in single.steps[1:]], abs=1e-5)
    assert_same_weights(weights(tmp_path / "single"), weights(tmp_path / "resumed"))


def test_sharded_freeze_trains_only_the_last_layers(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(
        tiny_family,
        sample_subset(24),
        method="freeze",
        distributed_strategy="fsdp",
        freeze_trainable_layers=1,
        learning_rate=1e-3,
        max_steps=2,
        eval_fraction=0.0,
        eval_steps=0,
    )
    single = RecordingReporter()
    run_training(spec, tmp_path / "single", single, cpu_threads=1)
    end, two = launch(spec, tmp_path / "two")
    assert end == RunEnd("finished")
    assert [m.loss for m in two.steps] == pytest.approx([m.loss for m in single.steps], abs=1e-5)
    before, trained = load_file(tiny_family[TINY_CHAT] / "model.safetensors"), weights(tmp_path / "two")
    assert_same_weights(weights(tmp_path / "single"), trained)
    changed = {name for name in before if not torch.equal(before[name], trained[name])}
    assert changed and all(name.startswith("model.layers.1.") for name in changed), sorted(changed)


def test_fsdp_refuses_adapter_methods(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(tiny_family, sample_subset(8), distributed_strategy="fsdp")
    with pytest.raises(EngineError, match="'fsdp' shards full or freeze fine-tuning, not lora"):
        run_training(spec, tmp_path / "run", RecordingReporter())
    assert not (tmp_path / "run").exists(), "refused before anything was written"


def test_compiled_layers_shard_like_eager_ones(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    # Layers are compiled in place before they become FSDP units; the run still computes the eager run's losses.
    spec = spec_for(
        tiny_family, sample_subset(24), method="full", max_steps=3, eval_fraction=0.0, eval_steps=0, batch_size=2
    )
    eager = RecordingReporter()
    run_training(spec, tmp_path / "eager", eager, cpu_threads=1)
    hp = spec.hyperparameters.model_copy(update={"torch_compile": True, "distributed_strategy": "fsdp"})
    end, two = launch(spec.model_copy(update={"hyperparameters": hp}), tmp_path / "compiled")
    assert end == RunEnd("finished")
    assert any(line.startswith("torch.compile: 2 decoder layers compiled") for line in two.logs)
    assert any(line.startswith("fully sharded data parallel over 2 processes") for line in two.logs)
    assert [m.loss for m in two.steps] == pytest.approx([m.loss for m in eager.steps], rel=1e-4)
    torch.testing.assert_close(
        weights(tmp_path / "compiled")["model.layers.1.mlp.down_proj.weight"],
        weights(tmp_path / "eager")["model.layers.1.mlp.down_proj.weight"],
        atol=1e-4,
        rtol=1e-3,
    )
