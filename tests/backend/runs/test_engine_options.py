"""The engine options resolved at submission: accumulation over k devices, torch.compile, Liger kernels and the
DDP/FSDP strategy, each with the sentence recorded on the run; impossible requests are 422 naming the field."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from backend.core.errors import InvalidInput
from backend.runs.engine_options import (
    liger_installed,
    resolve_accumulation,
    resolve_liger,
    resolve_strategy,
    resolve_torch_compile,
)
from backend.runs.estimate import Workload, estimate
from tests.backend.runs.test_decisions import LLAMA3_8B


@pytest.mark.parametrize(
    ("batch", "asked", "effective", "devices", "steps", "words"),
    [
        (8, "auto", "auto", 1, 1, "effective batch of 8 examples"),
        (8, "auto", "auto", 2, 2, "over 2 devices (1 micro-batch(es) each); rounded up from 8"),
        (8, "auto", 64, 1, 8, "effective batch of 64 examples per step (target 64"),
        (8, "auto", 64, 2, 8, "over 2 devices (4 micro-batch(es) each)"),
        (8, "auto", 64, 4, 8, "over 4 devices (2 micro-batch(es) each)"),
        (8, "auto", 60, 2, 8, "rounded up from 60"),
        (4, "auto", 64, 3, 18, "effective batch of 72 examples"),
        (8, 4, "auto", 2, 4, None),
        (8, 4, 32, 4, 4, None),
    ],
)
def test_accumulation(batch: int, asked: Any, effective: Any, devices: int, steps: int, words: str | None) -> None:
    result = resolve_accumulation(batch, asked, effective, devices)
    assert result.steps == steps and result.steps % devices == 0
    assert result.decision is None if words is None else words in (result.decision or "")


@pytest.mark.parametrize(
    ("asked", "effective", "devices", "field", "words"),
    [
        (3, "auto", 2, "gradient_accumulation_steps", "multiple of 2"),
        (6, "auto", 4, "gradient_accumulation_steps", "or to 'auto' to keep the effective batch"),
        (4, 64, 1, "effective_batch_size", "batch_size 8 x gradient_accumulation_steps 4 = 32"),
    ],
)
def test_impossible_accumulation_is_refused(asked: int, effective: Any, devices: int, field: str, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        resolve_accumulation(8, asked, effective, devices)
    assert refused.value.field == f"hyperparameters.{field}" and words in str(refused.value)


@pytest.mark.parametrize(
    ("asked", "method", "device", "expected", "words"),
    [
        ("auto", "full", "cpu", False, "on the CPU"),
        ("auto", "full", "cuda", True, "full fine-tuning on CUDA"),
        ("auto", "freeze", "cuda", True, "freeze fine-tuning on CUDA"),
        ("auto", "lora", "cuda", False, "adapters"),
        ("auto", "qlora", "cuda", False, "adapters"),
        (True, "lora", "cpu", True, "as asked"),
        (False, "full", "cuda", False, "as asked"),
    ],
)
def test_torch_compile(asked: Any, method: str, device: str, expected: bool, words: str) -> None:
    value, why = resolve_torch_compile(asked, method, device)
    assert value is expected and why.startswith(f"torch_compile = {'on' if expected else 'off'}") and words in why


@pytest.mark.parametrize(
    ("asked", "device", "model_type", "installed", "expected", "words"),
    [
        ("auto", "cpu", "llama", True, False, "need a CUDA GPU"),
        ("auto", "cuda", "llama", False, False, "not installed (pip install 'tunewright[liger]'"),
        ("auto", "cuda", "llama", True, True, "for llama"),
        ("auto", "cuda", "qwen2", True, True, "for qwen2"),
        ("auto", "cuda", "gpt2", True, False, "no kernels for the 'gpt2'"),
        ("auto", "cuda", None, True, False, "unknown"),
        (True, "cuda", "mistral", True, True, "as asked"),
        (True, "cuda", None, True, True, "as asked"),  # the engine checks the loaded model's architecture
        (False, "cuda", "llama", True, False, "as asked"),
    ],
)
def test_liger(asked: Any, device: str, model_type: str | None, installed: bool, expected: bool, words: str) -> None:
    value, why = resolve_liger(asked, device, model_type, installed)
    assert value is expected and words in why


@pytest.mark.parametrize(
    ("device", "model_type", "installed", "words"),
    [
        ("cuda", "llama", False, "pip install 'tunewright[liger]'"),
        ("cpu", "llama", False, "pip install 'tunewright[liger]'"),  # what to install comes first
        ("cpu", "llama", True, "needs a CUDA GPU"),
        ("cuda", "gpt2", True, "does not support the 'gpt2' architecture"),
    ],
)
def test_liger_asked_where_it_cannot_run_is_refused(device: str, model_type: str, installed: bool, words: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        resolve_liger(True, device, model_type, installed)
    assert refused.value.field == "hyperparameters.liger_kernels" and words in str(refused.value)


@pytest.mark.parametrize(
    ("asked", "method", "devices", "replicated", "sharded", "expected", "words"),
    [
        ("auto", "full", 1, False, False, "ddp", None),
        ("auto", "full", 4, True, True, "ddp", "whole copy of the model"),
        ("auto", "full", 4, False, True, "fsdp", "over 4 devices does"),
        ("auto", "freeze", 2, False, True, "fsdp", "freeze fine-tuning"),
        ("auto", "full", 4, False, False, "ddp", "whole copy"),  # nothing fits: the method check says so
        ("auto", "lora", 4, False, True, "ddp", "whole copy"),
        ("fsdp", "full", 2, True, True, "fsdp", "as asked"),
        ("ddp", "full", 2, False, True, "ddp", "as asked"),
        ("fsdp", "full", 1, True, True, "fsdp", "one process"),
    ],
)
def test_strategy(
    asked: Any, method: str, devices: int, replicated: bool, sharded: bool, expected: str, words: str | None
) -> None:
    value, why = resolve_strategy(asked, method, devices, replicated, sharded)
    assert value == expected
    assert why is None if words is None else words in (why or "")


def test_fsdp_is_refused_for_adapters() -> None:
    with pytest.raises(InvalidInput) as refused:
        resolve_strategy("fsdp", "qlora", 2, True, True)
    assert refused.value.field == "hyperparameters.distributed_strategy" and "full or freeze" in str(refused.value)


def test_sharding_divides_the_training_state_by_the_gpu_count_and_ddp_does_not() -> None:
    work = Workload("full", 16, 2, 1, 2048, "bf16", True, 4, 80.0, "H100", 10**8)
    sharded = estimate(LLAMA3_8B, work)
    replicated = estimate(LLAMA3_8B, Workload(**{**work.__dict__, "sharded": False}))
    assert sharded.fits and not replicated.fits
    assert sharded.optimizer_gb == pytest.approx(replicated.optimizer_gb / 4, rel=1e-3)
    assert sharded.gradients_gb == pytest.approx(replicated.gradients_gb / 4, rel=1e-3)
    assert sharded.activations_gb == replicated.activations_gb, "each GPU still runs its own micro-batches"
    lora = Workload(**{**work.__dict__, "method": "lora"})
    assert estimate(LLAMA3_8B, lora) == estimate(LLAMA3_8B, Workload(**{**lora.__dict__, "sharded": False}))


# --- through the API ---------------------------------------------------------------------------------------------


def _create(api: Any, dataset: dict[str, Any], **overrides: Any) -> Any:
    return api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat", **overrides})


@pytest.fixture
def four_gpus(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    from backend.core.settings import get_settings

    monkeypatch.setenv("TUNEWRIGHT_GPU_COUNT", "4")
    get_settings.cache_clear()
    yield
    monkeypatch.delenv("TUNEWRIGHT_GPU_COUNT")
    get_settings.cache_clear()


def test_liger_asked_without_the_package_is_422_naming_what_to_install(
    api: Any, dataset: dict[str, Any], queued_messages: Any, four_gpus: None
) -> None:
    assert not liger_installed(), "Liger Kernel is not installed in this environment"
    refused = _create(api, dataset, resources={"gpus": 1}, hyperparameters={"liger_kernels": True})
    assert refused.status_code == 422, refused.text
    assert refused.json()["field"] == "hyperparameters.liger_kernels"
    assert "pip install 'tunewright[liger]'" in refused.json()["detail"]
    assert api.get("/api/runs").json()["items"] == [] and queued_messages("cpu") == 0

    auto = _create(api, dataset, resources={"gpus": 1}, method="full")
    assert auto.status_code == 201, auto.text
    spec = auto.json()["resolved_spec"]
    hp = spec["hyperparameters"]
    assert hp["liger_kernels"] is False and hp["torch_compile"] is True
    assert any(
        d.startswith("liger_kernels = off: the Liger Kernel package is not installed") for d in spec["decisions"]
    )
    assert any(d.startswith("torch_compile = on: full fine-tuning on CUDA") for d in spec["decisions"])
    on_cpu = _create(api, dataset, resources={"gpus": 0}, method="full").json()["resolved_spec"]
    assert on_cpu["hyperparameters"]["torch_compile"] is False and on_cpu["hyperparameters"]["liger_kernels"] is False


def test_multi_gpu_accumulation_auto_keeps_the_effective_batch(
    api: Any, dataset: dict[str, Any], four_gpus: None
) -> None:
    one = _create(api, dataset, hyperparameters={"batch_size": 4, "effective_batch_size": 32})
    two = _create(api, dataset, resources={"gpus": 2}, hyperparameters={"batch_size": 4, "effective_batch_size": 32})
    assert one.status_code == 201 and two.status_code == 201, (one.text, two.text)
    for run in (one.json(), two.json()):
        hp = run["resolved_spec"]["hyperparameters"]
        assert hp["gradient_accumulation_steps"] == 8 and hp["batch_size"] == 4
        assert hp["max_steps"] == one.json()["resolved_spec"]["hyperparameters"]["max_steps"]
        [why] = [d for d in run["resolved_spec"]["decisions"] if d.startswith("gradient_accumulation_steps")]
        assert "effective batch of 32 examples" in why
    assert "over 2 devices (4 micro-batch(es) each)" in why
    default = _create(api, dataset, resources={"gpus": 2}).json()["resolved_spec"]["hyperparameters"]
    assert default["gradient_accumulation_steps"] == 2, "the default no longer needs setting by hand"


def test_full_fine_tuning_that_fits_only_sharded_gets_fsdp(api: Any, dataset: dict[str, Any], four_gpus: None) -> None:
    # Checkpointing fixed so only the strategy decides what fits; budgets read off the run's own estimates.
    common = {"gradient_checkpointing": True, "batch_size": 1}
    body = {"method": "full", "resources": {"gpus": 4, "gpu_memory_gb": 1000}}
    ddp = _create(api, dataset, **body, hyperparameters={**common, "distributed_strategy": "ddp"}).json()
    fsdp = _create(api, dataset, **body, hyperparameters={**common, "distributed_strategy": "fsdp"}).json()
    whole, shard = ddp["resolved_spec"]["estimate"]["total_gb"], fsdp["resolved_spec"]["estimate"]["total_gb"]
    assert shard < whole
    assert ddp["resolved_spec"]["hyperparameters"]["distributed_strategy"] == "ddp"

    budget = {"gpus": 4, "gpu_memory_gb": round((whole + shard) / 2, 4)}
    auto = _create(api, dataset, method="full", resources=budget, hyperparameters=common)
    assert auto.status_code == 201, auto.text
    spec = auto.json()["resolved_spec"]
    assert spec["hyperparameters"]["distributed_strategy"] == "fsdp"
    assert any("distributed_strategy = fsdp: a whole copy" in d for d in spec["decisions"])
    assert spec["estimate"]["total_gb"] == pytest.approx(shard) and spec["estimate"]["fits"]

    refused = _create(
        api, dataset, method="full", resources=budget, hyperparameters={**common, "distributed_strategy": "ddp"}
    )
    assert refused.status_code == 422 and refused.json()["field"] == "method"
    assert "set distributed_strategy to 'fsdp'" in refused.json()["detail"]
    lora = _create(api, dataset, **{**body, "method": "lora"}, hyperparameters={"distributed_strategy": "fsdp"})
    assert lora.status_code == 422 and lora.json()["field"] == "hyperparameters.distributed_strategy"
