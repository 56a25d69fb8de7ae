"""Every training method on the tiny model: it learns, trains exactly the right weights and saves the right files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import bitsandbytes as bnb
import pytest
import torch
from safetensors.torch import load_file

from specs.training import (
    MemoryEstimate,
    Method,
    Quantization,
    ResolvedHyperparameters,
    ResolvedResources,
    ResolvedTrainingSpec,
)
from tests.worker.support import RecordingReporter
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.errors import EngineError, TrainingDiverged
from worker.engine.methods import build_trainable_model, count_parameters
from worker.engine.precision import mixed_precision
from worker.engine.recipes.sft import run_sft, spec_fingerprint
from worker.engine.recipes.train import accepted_fingerprints
from worker.engine.reporter import StopRequested

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")
CPU = torch.device("cpu")
ADAPTER_FILES = {"adapter_model.safetensors", "adapter_config.json"}
MODEL_FILES = {"model.safetensors", "config.json"}


def method_spec(
    tiny_family: dict[str, Path], data: Path, method: Method = "lora", **overrides: Any
) -> ResolvedTrainingSpec:
    """A short run on a memorisable set: batch 4, no warm-up, a checkpoint only at the end."""
    settings: dict[str, Any] = {"max_steps": 12, "save_steps": 100, "batch_size": 4, "warmup_ratio": 0.0}
    if method in ("full", "freeze"):
        settings["learning_rate"] = 1e-3  # real weights move with far smaller steps than fresh adapters
    return demo_spec(tiny_family[TINY_CHAT].parent, data, method=method, **{**settings, **overrides})


@pytest.mark.parametrize(
    ("method", "overrides", "saved"),
    [
        ("lora", {}, ADAPTER_FILES),
        ("lora", {"use_rslora": True}, ADAPTER_FILES),
        ("lora", {"use_dora": True}, ADAPTER_FILES),
        ("qlora", {}, ADAPTER_FILES),
        ("full", {}, MODEL_FILES),
        ("freeze", {"freeze_trainable_layers": 1}, MODEL_FILES),
    ],
    ids=["lora", "rslora", "dora", "qlora", "full", "freeze"],
)
def test_each_method_learns_and_saves_its_weights_with_the_template(
    tiny_family: dict[str, Path],
    sample_subset: Callable[[int], Path],
    tmp_path: Path,
    method: Method,
    overrides: dict[str, Any],
    saved: set[str],
) -> None:
    spec = method_spec(tiny_family, sample_subset(8), method, **overrides)
    reporter = RecordingReporter()
    result = run_sft(spec, tmp_path / "run", reporter)

    losses = [m.loss for m in reporter.steps]
    assert losses[-1] < 0.75 * losses[0], f"{method}: loss did not drop enough: {losses}"
    start = next(line for line in reporter.logs if "trainable of" in line)
    assert f"method {method}" in start
    files = {path.name for path in result.final_dir.iterdir()}
    other = MODEL_FILES if saved == ADAPTER_FILES else ADAPTER_FILES
    assert saved <= files and not other & files, files
    tokenizer_config = json.loads((result.final_dir / "tokenizer_config.json").read_text())
    assert "<|im_start|>" in tokenizer_config["chat_template"]
    checkpoint_files = {path.name for path in (tmp_path / "run" / "checkpoints" / "checkpoint-12").iterdir()}
    assert saved | {"optimizer.pt", "scheduler.pt", "rng_state.pt", "trainer_state.json"} <= checkpoint_files
    if method in ("lora", "qlora"):
        adapter = json.loads((result.final_dir / "adapter_config.json").read_text())
        assert (adapter["use_rslora"], adapter["use_dora"]) == (
            spec.hyperparameters.use_rslora,
            spec.hyperparameters.use_dora,
        )
        # Only adapter tensors are saved: never the (quantised) base.
        assert all("lora_" in name for name in load_file(result.final_dir / "adapter_model.safetensors"))


def test_freeze_changes_only_the_last_layers(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = method_spec(tiny_family, sample_subset(8), "freeze", freeze_trainable_layers=1, max_steps=3)
    result = run_sft(spec, tmp_path / "run", RecordingReporter())
    before = load_file(tiny_family[TINY_CHAT] / "model.safetensors")
    after = load_file(result.final_dir / "model.safetensors")
    assert before.keys() == after.keys()
    changed = {name for name in before if not torch.equal(before[name], after[name])}
    last_layer = {name for name in before if name.startswith("model.layers.1.")}
    assert changed == last_layer, sorted(changed ^ last_layer)


def test_full_trains_every_weight(tiny_family: dict[str, Path], sample_subset: Callable[[int], Path]) -> None:
    spec = method_spec(tiny_family, sample_subset(8), "full")
    model = build_trainable_model(spec, CPU, mixed_precision("fp32", CPU)).model
    trainable, total = count_parameters(model)
    assert trainable == total and all(p.dtype == torch.float32 for p in model.parameters())


@pytest.mark.parametrize("compute_dtype", ["fp32", "bf16"])
def test_qlora_base_is_really_4_bit(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], compute_dtype: str
) -> None:
    quantization = Quantization(compute_dtype=compute_dtype)  # type: ignore[arg-type]
    spec = method_spec(tiny_family, sample_subset(8), "qlora", quantization=quantization)
    model = build_trainable_model(spec, CPU, mixed_precision("fp32", CPU)).model
    quantised = {name: module for name, module in model.named_modules() if isinstance(module, bnb.nn.Linear4bit)}
    # 2 layers x (q, k, v, o, gate, up, down); the output head stays in full precision.
    assert len(quantised) == 14 and not any("lm_head" in name for name in quantised)
    for module in quantised.values():
        assert module.weight.dtype == torch.uint8 and module.weight.quant_state.quant_type == "nf4"
        assert module.weight.quant_state.nested, "double quantisation quantises the scales too"
        assert not module.weight.requires_grad
    assert all("lora_" in name for name, p in model.named_parameters() if p.requires_grad)
    ids = torch.arange(3, 40).unsqueeze(0)
    model(input_ids=ids, labels=ids).loss.backward()
    assert all(p.grad is not None for p in model.parameters() if p.requires_grad)
    trainable, total = count_parameters(model)
    full = build_trainable_model(method_spec(tiny_family, sample_subset(8), "full"), CPU, mixed_precision("fp32", CPU))
    assert total == trainable + count_parameters(full.model)[1], "4-bit weights count as the values they hold"


@pytest.mark.parametrize("method", ["qlora", "full"])
def test_divergence_fails_every_method(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, method: Method
) -> None:
    spec = method_spec(tiny_family, sample_subset(8), method, learning_rate=1e6, max_steps=6)
    with pytest.raises(TrainingDiverged, match="diverged at step"):
        run_sft(spec, tmp_path / "run", RecordingReporter())
    assert not (tmp_path / "run" / "final").exists()


def test_gradient_checkpointing_and_bf16_train_the_same_thing(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    data = sample_subset(8)
    runs = {}
    for name, overrides in {
        "plain": {},
        "checkpointed": {"gradient_checkpointing": True},
        "bf16": {"precision": "bf16"},
    }.items():
        reporter = RecordingReporter()
        run_sft(method_spec(tiny_family, data, "lora", max_steps=4, **overrides), tmp_path / name, reporter)
        runs[name] = [m.loss for m in reporter.steps]
        assert any(("gradient checkpointing on" in line) == (name == "checkpointed") for line in reporter.logs)
    assert runs["checkpointed"] == pytest.approx(runs["plain"], rel=1e-5), "recomputation must not change the math"
    assert runs["bf16"] == pytest.approx(runs["plain"], rel=2e-2) and runs["bf16"] != runs["plain"]


def test_settings_this_machine_cannot_run_fail_clearly(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    data = sample_subset(8)
    with pytest.raises(EngineError, match="fp16' needs a CUDA GPU"):
        run_sft(method_spec(tiny_family, data, precision="fp16"), tmp_path / "a", RecordingReporter())
    with pytest.raises(EngineError, match="decoder layers"):
        run_sft(
            method_spec(tiny_family, data, "freeze", freeze_trainable_layers=3), tmp_path / "b", RecordingReporter()
        )
    with pytest.raises(EngineError, match="quantization"):
        run_sft(
            method_spec(tiny_family, data, "qlora").model_copy(update={"quantization": None}),
            tmp_path / "c",
            RecordingReporter(),
        )
    if not torch.cuda.is_available():
        on_gpu = ResolvedResources(device="cuda", gpus=1, gpu_memory_gb=80, gpu_type="H100")
        spec = method_spec(tiny_family, data).model_copy(update={"resources": on_gpu})
        with pytest.raises(EngineError, match="CUDA GPU"):
            run_sft(spec, tmp_path / "d", RecordingReporter())


def test_fingerprint_ignores_commentary_but_not_the_method(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path]
) -> None:
    spec = method_spec(tiny_family, sample_subset(8))
    estimate = MemoryEstimate(
        parameters=1,
        trainable_parameters=1,
        weights_gb=0.1,
        gradients_gb=0.1,
        optimizer_gb=0.1,
        activations_gb=0.1,
        total_gb=0.5,
        budget_gb=None,
        fits=True,
        seconds=None,
    )
    reworded = spec.model_copy(update={"decisions": ["another reason"], "estimate": estimate})
    assert spec_fingerprint(reworded) == spec_fingerprint(spec)
    assert spec_fingerprint(method_spec(tiny_family, sample_subset(8), "full")) != spec_fingerprint(spec)


class LaterHyperparameters(ResolvedHyperparameters):
    """The hyperparameters as a later release might have them: one more field, whose default changes nothing."""

    label_smoothing: float = 0.0


class LaterSpec(ResolvedTrainingSpec):
    hyperparameters: LaterHyperparameters


def test_a_new_defaulted_spec_field_keeps_existing_fingerprints(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path]
) -> None:
    spec = method_spec(tiny_family, sample_subset(8))
    later = LaterSpec.model_validate(spec.model_dump())
    assert later.hyperparameters.label_smoothing == 0.0
    assert spec_fingerprint(later) == spec_fingerprint(spec), "a checkpoint of this run must still resume"
    smoothed = later.model_copy(
        update={"hyperparameters": later.hyperparameters.model_copy(update={"label_smoothing": 0.1})}
    )
    assert spec_fingerprint(smoothed) != spec_fingerprint(spec), "a non-default value changes what the steps compute"


def test_checkpoints_fingerprinted_with_every_field_still_resume(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    # Checkpoints written before defaults were left out of the fingerprint carry the digest of every field.
    spec = method_spec(tiny_family, sample_subset(8), max_steps=4, save_steps=2)
    with pytest.raises(StopRequested):
        run_sft(spec, tmp_path / "run", RecordingReporter(stop_after=2, reason="paused"))
    state_file = tmp_path / "run" / "checkpoints" / "checkpoint-2" / "trainer_state.json"
    state = json.loads(state_file.read_text())
    [legacy] = accepted_fingerprints(spec) - {spec_fingerprint(spec)}
    assert state["spec_fingerprint"] == spec_fingerprint(spec) != legacy
    state_file.write_text(json.dumps({**state, "spec_fingerprint": legacy}))
    result = run_sft(spec, tmp_path / "run", RecordingReporter())
    assert result.resumed_from == 2 and result.steps == 4
