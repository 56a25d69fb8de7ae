"""Small pure functions from the resolved spec to the objects a recipe trains with."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

import torch
from peft import LoraConfig
from transformers import BitsAndBytesConfig

from specs.training import Precision, Quantization, ResolvedHyperparameters

TORCH_DTYPES: dict[Precision, torch.dtype] = {"bf16": torch.bfloat16, "fp16": torch.float16, "fp32": torch.float32}


def lora_target_modules(model: torch.nn.Module, target: list[str] | Literal["all-linear"]) -> list[str]:
    """Module names that get adapters; "all-linear" = every nn.Linear but the output head (it maps to the vocab)."""
    if target != "all-linear":
        return list(target)
    get_head = getattr(model, "get_output_embeddings", None)
    output_head = get_head() if callable(get_head) else None
    linear = [(name, module) for name, module in model.named_modules() if isinstance(module, torch.nn.Linear)]
    head_names = {name.rsplit(".", 1)[-1] for name, module in linear if module is output_head}
    leaf_names = {name.rsplit(".", 1)[-1] for name, module in linear if module is not output_head}
    if not leaf_names:
        raise ValueError("the model has no linear layers besides its output head; LoRA has nothing to adapt")
    if leaf_names & head_names:
        # A layer shares its short name with the head; only full names keep the head out.
        return sorted(name for name, module in linear if module is not output_head)
    return sorted(leaf_names)


def lora_config(hp: ResolvedHyperparameters, target_modules: list[str]) -> LoraConfig:
    alpha = hp.lora_alpha
    return LoraConfig(
        r=hp.lora_r,
        lora_alpha=int(alpha) if float(alpha).is_integer() else alpha,  # type: ignore[arg-type]
        lora_dropout=hp.lora_dropout,
        target_modules=target_modules,
        use_rslora=hp.use_rslora,  # scale alpha/sqrt(r) instead of alpha/r
        use_dora=hp.use_dora,  # also learn each output's magnitude
        bias="none",
        task_type="CAUSAL_LM",
    )


def bnb_config(quantization: Quantization) -> BitsAndBytesConfig:
    """How QLoRA loads the frozen base: 4-bit weights, dequantised to compute_dtype for each matmul."""
    return BitsAndBytesConfig(  # type: ignore[no-untyped-call]
        load_in_4bit=True,
        bnb_4bit_quant_type=quantization.quant_type,
        bnb_4bit_use_double_quant=quantization.double_quant,  # quantise the quantisation constants too
        bnb_4bit_compute_dtype=TORCH_DTYPES[quantization.compute_dtype],
    )


def warmup_steps(hp: ResolvedHyperparameters) -> int:
    return math.ceil(hp.warmup_ratio * hp.max_steps)


def lr_factor(step: int, *, total_steps: int, warmup: int, scheduler: Literal["cosine", "linear", "constant"]) -> float:
    """Multiplier of the peak learning rate for optimizer step `step` (0-based).

    Warm-up ends at full rate on step `warmup - 1` rather than starting at zero, so no step is wasted with lr=0.
    """
    if step < warmup:
        return (step + 1) / warmup
    if scheduler == "constant":
        return 1.0
    progress = (step - warmup) / max(1, total_steps - warmup)
    if scheduler == "linear":
        return max(0.0, 1.0 - progress)
    return 0.5 * (1.0 + math.cos(math.pi * min(1.0, progress)))


def build_optimizer(params: Iterable[torch.nn.Parameter], hp: ResolvedHyperparameters) -> torch.optim.AdamW:
    return torch.optim.AdamW(list(params), lr=hp.learning_rate, weight_decay=hp.weight_decay)


def build_scheduler(optimizer: torch.optim.Optimizer, hp: ResolvedHyperparameters) -> torch.optim.lr_scheduler.LambdaLR:
    warmup = warmup_steps(hp)
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: lr_factor(step, total_steps=hp.max_steps, warmup=warmup, scheduler=hp.lr_scheduler)
    )
