"""Where a run trains and in which number format: the GPUs it asks for against the pool, and its precision."""

from __future__ import annotations

from backend.core.errors import InvalidInput
from backend.core.settings import Settings
from specs.training import ResolvedResources, TrainingSpecCreate

FP16_ONLY_GPUS = ("V100", "T4")


def resolve_resources(body: TrainingSpecCreate, settings: Settings) -> ResolvedResources:
    asked = body.resources
    gpus = (1 if settings.gpu_count > 0 else 0) if asked.gpus == "auto" else asked.gpus
    if gpus > settings.gpu_count:
        raise InvalidInput(
            f"resources.gpus = {gpus} but the pool has {settings.gpu_count} GPU(s) (TUNEWRIGHT_GPU_COUNT); "
            f"ask for at most {settings.gpu_count}.",
            field="resources.gpus",
        )
    if gpus == 0:
        return ResolvedResources(device="cpu", gpus=0, gpu_memory_gb=None, gpu_type=None)
    memory = settings.gpu_memory_gb if asked.gpu_memory_gb == "auto" else asked.gpu_memory_gb
    gpu_type = settings.gpu_type if asked.gpu_type == "auto" else asked.gpu_type
    return ResolvedResources(device="cuda", gpus=gpus, gpu_memory_gb=memory, gpu_type=gpu_type)


def resolve_precision(body: TrainingSpecCreate, resources: ResolvedResources) -> tuple[str, str]:
    asked = body.hyperparameters.precision
    if asked != "auto":
        return asked, f"precision = {asked}: as asked."
    if resources.device == "cpu":
        return "fp32", "precision = fp32: training on the CPU."
    if (resources.gpu_type or "").upper() in FP16_ONLY_GPUS:
        return "fp16", f"precision = fp16: {resources.gpu_type} has no bf16."
    return "bf16", "precision = bf16: mixed precision on the GPU."
