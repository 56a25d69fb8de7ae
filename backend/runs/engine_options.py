"""How the engine runs a step: batch split over devices, torch.compile, Liger kernels and the sharding strategy.

Pure functions: each takes what was asked ("auto" or a value) and the facts it depends on, and returns the value
with the sentence recorded on the run; impossible requests raise InvalidInput saying what to change.
"""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from typing import Literal

from backend.core.errors import InvalidInput
from specs.training import LIGER_ARCHITECTURES, DistributedStrategy

LIGER_PACKAGE = "liger_kernel"
LIGER_INSTALL = "pip install 'tunewright[liger]' (the liger-kernel package) on the API and the GPU workers"
SHARDED_METHODS = ("full", "freeze")


def liger_installed() -> bool:
    """Whether Liger Kernel can be imported here, without importing it (it pulls in torch and Triton).

    The API and the workers run from one image (Dockerfile), so what is installed here is installed there; the
    engine still refuses clearly if a worker lacks it.
    """
    return importlib.util.find_spec(LIGER_PACKAGE) is not None


@dataclass(frozen=True)
class Accumulation:
    steps: int  # micro-batches per optimizer step over all devices
    decision: str | None


def resolve_accumulation(
    batch_size: int, asked: int | Literal["auto"], effective: int | Literal["auto"], devices: int
) -> Accumulation:
    """Micro-batches per step over `devices` processes, each taking whole micro-batches.

    'auto' keeps the effective batch (examples per optimizer step) whatever the device count:
    per-device accumulation = ceil(target / (batch_size x devices)), so each device takes the same whole number
    of micro-batches and the total is a multiple of `devices`.
    """
    devices = max(1, devices)
    if asked != "auto":
        if asked % devices:
            raise InvalidInput(
                f"gradient_accumulation_steps = {asked} does not split over {devices} devices: each takes whole "
                f"micro-batches of the step's batch_size x gradient_accumulation_steps; set it to a multiple of "
                f"{devices}, or to 'auto' to keep the effective batch.",
                field="hyperparameters.gradient_accumulation_steps",
            )
        if effective != "auto" and effective != batch_size * asked:
            raise InvalidInput(
                f"effective_batch_size = {effective} but batch_size {batch_size} x gradient_accumulation_steps "
                f"{asked} = {batch_size * asked}; give one of them, or make them agree.",
                field="hyperparameters.effective_batch_size",
            )
        return Accumulation(asked, None)
    target = batch_size if effective == "auto" else effective
    per_device = math.ceil(target / (batch_size * devices))
    steps = per_device * devices
    reached = steps * batch_size
    source = (
        "effective_batch_size as asked" if effective != "auto" else "one micro-batch, as effective_batch_size is 'auto'"
    )
    split = f" over {devices} devices ({per_device} micro-batch(es) each)" if devices > 1 else ""
    rounded = (
        ""
        if reached == target
        else f"; rounded up from {target} so every device takes whole micro-batches of {batch_size}"
    )
    return Accumulation(
        steps,
        f"gradient_accumulation_steps = {steps}: an effective batch of {reached} examples per step "
        f"(target {target}, {source}){split}{rounded}.",
    )


def resolve_torch_compile(asked: bool | Literal["auto"], method: str, device: str) -> tuple[bool, str]:
    if asked != "auto":
        return asked, f"torch_compile = {'on' if asked else 'off'}: as asked."
    if device != "cuda":
        return False, "torch_compile = off: on the CPU compiling costs more time than it saves."
    if method in SHARDED_METHODS:
        return True, (
            f"torch_compile = on: {method} fine-tuning on CUDA gains from fused kernels; the first steps are slower "
            "while it compiles (the engine trains uncompiled if this torch cannot compile)."
        )
    return False, f"torch_compile = off: with {method} adapters most of the step is the frozen base; little to gain."


def resolve_liger(
    asked: bool | Literal["auto"], device: str, model_type: str | None, installed: bool
) -> tuple[bool, str]:
    supported = sorted(LIGER_ARCHITECTURES)
    if asked is True:
        if not installed:
            raise InvalidInput(
                f"liger_kernels is on but the Liger Kernel package is not installed: {LIGER_INSTALL}; or set "
                "liger_kernels to 'auto' or false.",
                field="hyperparameters.liger_kernels",
            )
        if device != "cuda":
            raise InvalidInput(
                "liger_kernels needs a CUDA GPU (its kernels are Triton); ask for resources.gpus >= 1 or turn it off.",
                field="hyperparameters.liger_kernels",
            )
        if model_type is not None and model_type not in LIGER_ARCHITECTURES:
            raise InvalidInput(
                f"Liger Kernel does not support the {model_type!r} architecture (it does: {', '.join(supported)}); "
                "turn liger_kernels off.",
                field="hyperparameters.liger_kernels",
            )
        return True, "liger_kernels = on: as asked."
    if asked is False:
        return False, "liger_kernels = off: as asked."
    if device != "cuda":
        return False, "liger_kernels = off: its kernels need a CUDA GPU."
    if not installed:
        return False, f"liger_kernels = off: the Liger Kernel package is not installed ({LIGER_INSTALL})."
    if model_type is None:
        return False, "liger_kernels = off: the model's architecture is unknown before loading (not a local folder)."
    if model_type not in LIGER_ARCHITECTURES:
        return False, f"liger_kernels = off: Liger Kernel has no kernels for the {model_type!r} architecture."
    return True, f"liger_kernels = on: fused RMSNorm, RoPE and SwiGLU kernels for {model_type} save memory and time."


def resolve_strategy(
    asked: Literal["auto", "ddp", "fsdp"],
    method: str,
    devices: int,
    fits_replicated: bool,
    fits_sharded: bool,
) -> tuple[DistributedStrategy, str | None]:
    """ddp unless full/freeze fine-tuning fits only when weights, gradients and optimizer states are sharded.

    `fits_replicated` / `fits_sharded`: the per-device estimate with a whole copy on each device / a 1/devices
    share. A single process has nothing to shard with, so nothing is said about it then.
    """
    if asked == "fsdp" and method not in SHARDED_METHODS:
        raise InvalidInput(
            f"distributed_strategy 'fsdp' shards full or freeze fine-tuning; {method} trains small adapters that DDP "
            "replicates cheaply. Use 'ddp' or 'auto'.",
            field="hyperparameters.distributed_strategy",
        )
    if asked != "auto":
        if devices < 2:
            return asked, f"distributed_strategy = {asked}: as asked (one process: nothing is split)."
        return asked, f"distributed_strategy = {asked}: as asked."
    if devices < 2:
        return "ddp", None
    if method in SHARDED_METHODS and not fits_replicated and fits_sharded:
        return "fsdp", (
            f"distributed_strategy = fsdp: a whole copy of the {method} fine-tuning state per device does not fit, "
            f"but sharding weights, gradients and optimizer states over {devices} devices does."
        )
    return "ddp", f"distributed_strategy = ddp: each of the {devices} devices holds a whole copy of the model."
