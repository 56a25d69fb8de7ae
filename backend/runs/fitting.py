"""Whether a model and method fit the memory budget, by the pre-flight estimate, and what to change when not."""

from __future__ import annotations

from dataclasses import dataclass, replace

from backend.catalog.architecture import Architecture
from backend.runs.estimate import Workload, estimate
from specs.training import MemoryEstimate


@dataclass(frozen=True)
class Plan:
    """Everything the estimate depends on, for one candidate model and method."""

    arch: Architecture | None
    work: Workload


def plan_estimate(plan: Plan, method: str, checkpointing: bool) -> MemoryEstimate | None:
    if plan.arch is None:
        return None
    return estimate(plan.arch, replace(plan.work, method=method, gradient_checkpointing=checkpointing))


def plan_fits(plan: Plan, method: str, checkpointing: bool | None) -> bool:
    """Unknown shapes count as fitting: the estimate cannot say otherwise. `checkpointing` None: either way."""
    options = [False, True] if checkpointing is None else [checkpointing]
    for option in options:
        result = plan_estimate(plan, method, option)
        if result is None or result.fits:
            return True
    return False


def suggestions(plan: Plan, method: str, checkpointing: bool) -> str:
    ideas = []
    if not checkpointing and plan_fits(plan, method, True):
        ideas.append("turn on gradient checkpointing")
    for other in ("lora", "qlora"):
        if other != method and plan_fits(plan, other, None):
            result = plan_estimate(plan, other, True)
            ideas.append(f"use {other.upper()}" + (f" (≈ {result.total_gb:.1f} GB)" if result else ""))
    shorter = replace(plan, work=replace(plan.work, seq_len=max(16, plan.work.seq_len // 2)))
    if plan_fits(shorter, method, None):
        ideas.append(f"shorten max_seq_length to {shorter.work.seq_len}")
    sharded = replace(plan, work=replace(plan.work, sharded=True))
    if (
        plan.work.gpus > 1
        and method in ("full", "freeze")
        and not plan.work.sharded
        and plan_fits(sharded, method, None)
    ):
        ideas.append("set distributed_strategy to 'fsdp' (shard over the GPUs)")
    if plan.work.gpus > 0 and method in ("full", "freeze"):
        more = replace(sharded, work=replace(sharded.work, gpus=plan.work.gpus * 2))
        if plan_fits(more, method, None):
            ideas.append(f"use {more.work.gpus} GPUs (sharded)")
    return "; ".join(ideas) or "choose a smaller model"
