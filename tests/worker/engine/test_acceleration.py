"""torch.compile and Liger kernels as spec options: compiled training computes what eager training does, and Liger
kernels asked for on a worker without the package fail with what to install (Liger is not installed here)."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from tests.worker.support import RecordingReporter
from worker.engine.acceleration import compile_supported
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.errors import EngineError
from worker.engine.recipes.train import run_training

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")


def test_compiled_training_on_the_cpu_gives_the_eager_losses_and_weights(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    assert compile_supported() is None, "torch.compile runs on this machine"
    models, data = tiny_family[TINY_CHAT].parent, sample_subset(24)
    common = {"max_steps": 3, "save_steps": 100, "batch_size": 4, "learning_rate": 1e-3}
    eager, compiled = RecordingReporter(), RecordingReporter()
    run_training(demo_spec(models, data, method="full", **common), tmp_path / "eager", eager, cpu_threads=1)
    spec = demo_spec(models, data, method="full", torch_compile=True, **common)
    run_training(spec, tmp_path / "compiled", compiled, cpu_threads=1)

    assert any("torch.compile: 2 decoder layers compiled" in line for line in compiled.logs)
    assert not any("torch.compile" in line for line in eager.logs)
    assert [m.step for m in compiled.steps] == [1, 2, 3]
    assert compiled.steps[-1].loss < compiled.steps[0].loss, "it trains"
    # Fused kernels round differently from eager ones; the same math within float32 noise.
    assert [m.loss for m in compiled.steps] == pytest.approx([m.loss for m in eager.steps], rel=1e-4)
    left, right = (load_file(tmp_path / run / "final" / "model.safetensors") for run in ("eager", "compiled"))
    assert left.keys() == right.keys(), "compiling in place keeps the checkpoint's parameter names"
    for name in left:
        torch.testing.assert_close(right[name], left[name], atol=1e-4, rtol=1e-3, msg=name)


def test_liger_kernels_on_a_worker_without_the_package_fail_naming_it(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    assert importlib.util.find_spec("liger_kernel") is None, "this test is about a worker without Liger Kernel"
    spec = demo_spec(tiny_family[TINY_CHAT].parent, sample_subset(8), max_steps=2, liger_kernels=True)
    reporter = RecordingReporter()
    with pytest.raises(
        EngineError, match=r"Liger Kernel is not installed on this worker: pip install 'tunewright\[liger\]'"
    ):
        run_training(spec, tmp_path / "run", reporter)
    assert reporter.steps == [], "refused before any step"
