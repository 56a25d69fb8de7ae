"""Fully sharded data parallel (FSDP) for full and freeze fine-tuning of models whose state does not fit one device.

Each decoder layer, then the whole model, becomes an FSDP unit (`torch.distributed.fsdp.fully_shard`, FSDP2): every
process holds 1/k of the weights, gradients and AdamW states, and a layer's weights are gathered only while it runs.
The step's arithmetic is DDP's (gradients are averaged over the processes; steps.py scales them back to a sum), so
losses and weights match the single-process run.

Checkpoints stay those of an unsharded run: the full model state dict is gathered to rank 0 (on the CPU) and
saved with save_pretrained, so final/ and every checkpoint load anywhere; the optimizer state is gathered as a full
state dict keyed by parameter name, and on resume every process loads it and keeps its own shard.

FSDP1 (`FullyShardedDataParallel`) is not used as a fallback: the pinned torch (2.13) has FSDP2, and in it FSDP1
on the CPU (gloo) crashed the process (SIGSEGV) while gathering a full state dict, so a fallback could not be
tested here and would be dead code for torch versions the project does not install. Without fully_shard an 'fsdp'
run fails with that reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import torch
from torch.distributed.checkpoint.state_dict import (
    StateDictOptions,
    get_model_state_dict,
    get_optimizer_state_dict,
    set_optimizer_state_dict,
)

from worker.engine.errors import EngineError
from worker.engine.methods import decoder_layers

FULL_ON_CPU = StateDictOptions(full_state_dict=True, cpu_offload=True)


def fully_shard_function() -> Callable[..., Any] | None:
    """FSDP2's fully_shard where this torch has it (public since torch 2.6)."""
    try:
        from torch.distributed.fsdp import fully_shard
    except ImportError:
        return None
    return fully_shard


@dataclass(frozen=True)
class Sharded:
    """A model sharded in place over the process group, with collective access to its full state."""

    model: torch.nn.Module

    def model_state(self) -> dict[str, torch.Tensor]:
        """The full state dict on rank 0 (on the CPU), empty elsewhere. Every process must call it."""
        state = get_model_state_dict(self.model, options=FULL_ON_CPU)
        return {name: value for name, value in state.items() if isinstance(value, torch.Tensor)}

    def optimizer_state(self, optimizer: torch.optim.Optimizer) -> dict[str, Any]:
        """The full optimizer state (keyed by parameter name) on rank 0, empty elsewhere. Every process calls it."""
        return dict(get_optimizer_state_dict(self.model, optimizer, options=FULL_ON_CPU))

    def load_optimizer_state(self, optimizer: torch.optim.Optimizer, state: dict[str, Any]) -> None:
        """Take this process's shard of a full optimizer state every process has read."""
        set_optimizer_state_dict(
            self.model, optimizer, optim_state_dict=state, options=StateDictOptions(full_state_dict=True)
        )


def shard_model(model: torch.nn.Module) -> tuple[Sharded, str]:
    """Shard `model` in place (each decoder layer, then the rest); call it before building the optimizer."""
    fully_shard = fully_shard_function()
    if fully_shard is None:
        raise EngineError(
            f"distributed_strategy 'fsdp' needs torch.distributed.fsdp.fully_shard (FSDP2), which torch "
            f"{torch.__version__} lacks; install the torch version the project pins, or use 'ddp'"
        )
    layers = decoder_layers(model)
    for layer in layers:
        fully_shard(layer)
    fully_shard(model)
    return Sharded(model), f"{len(layers)} decoder layers and the rest of the model are FSDP2 units"
