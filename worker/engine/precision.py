"""Where a run computes (CPU or the first GPU) and in which precision.

Trainable weights always stay fp32 (the optimizer's master copy); `bf16`/`fp16` runs the forward and backward
under torch.autocast, which computes matmuls in the low precision and keeps reductions (norms, softmax, the loss)
in fp32. fp16 has too little range for gradients, so it also scales the loss (GradScaler) and skips the rare
step whose gradients overflowed. On the CPU, bf16 autocast works in torch and is honoured; fp16 is refused,
since CPU gradient scaling buys nothing and fp16 matmuls on CPUs are slow and inexact.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass

import torch

from specs.training import Precision, ResolvedResources
from worker.engine.builders import TORCH_DTYPES
from worker.engine.errors import EngineError


def training_device(resources: ResolvedResources, local_rank: int = 0) -> torch.device:
    """The process's GPU when the spec asks for one (the worker exposes the run's GPUs through
    CUDA_VISIBLE_DEVICES; under torchrun each process takes the one of its LOCAL_RANK)."""
    if resources.device == "cpu":
        return torch.device("cpu")
    if not torch.cuda.is_available():
        raise EngineError(
            "the run was resolved for a CUDA GPU, but this worker has none (torch.cuda.is_available() is False); "
            "run it on a GPU worker or resubmit it with 0 GPUs"
        )
    return torch.device("cuda", local_rank)


@dataclass(frozen=True)
class MixedPrecision:
    name: Precision
    device: torch.device
    scaler: torch.amp.GradScaler | None  # only for fp16

    @property
    def compute_dtype(self) -> torch.dtype:
        return TORCH_DTYPES[self.name]

    def autocast(self) -> AbstractContextManager[None]:
        enabled = self.name != "fp32"
        return torch.autocast(device_type=self.device.type, dtype=self.compute_dtype, enabled=enabled)

    def describe(self) -> str:
        if self.name == "fp32":
            return f"fp32 on {self.device}"
        scaled = " with loss scaling" if self.scaler is not None else ""
        return f"{self.name} autocast{scaled} on {self.device} (fp32 master weights)"


def mixed_precision(name: Precision, device: torch.device) -> MixedPrecision:
    if name == "fp16" and device.type != "cuda":
        raise EngineError("precision 'fp16' needs a CUDA GPU; on the CPU use 'bf16' or 'fp32'")
    if name == "bf16" and device.type == "cuda" and not torch.cuda.is_bf16_supported():
        raise EngineError(f"{torch.cuda.get_device_name(device)} does not support bf16; use precision 'fp16'")
    scaler = torch.amp.GradScaler(device.type) if name == "fp16" else None
    return MixedPrecision(name, device, scaler)
