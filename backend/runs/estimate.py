"""Pre-flight memory and time estimate of a training run, from the model's config alone (no weights loaded).

Rules of thumb from the mixed-precision literature, deliberately simple and a little pessimistic:
- every trainable parameter costs 16 bytes (fp32 master weight, gradient and two AdamW moments);
- frozen weights cost their storage dtype (2 bytes bf16/fp16, 4 fp32, ~0.56 for 4-bit NF4 with double quantisation);
- activations per layer and token ≈ 34·h bytes in 16-bit (Korthikanti et al. 2022, with memory-efficient attention),
  or ≈ 2·h with gradient checkpointing plus one layer's worth; logits cost 8·V bytes per token (fp32 + its gradient);
- time = (6N for full / freeze, 4N for adapters) FLOPs per token ÷ (peak FLOP/s × 35 % utilisation);
- full/freeze over k GPUs: with FSDP (`sharded`) weights, gradients and optimizer states are divided by k; with
  DDP every GPU holds all of them;
- DPO and KTO hold a reference model: with adapters it is the base with the adapter off (no extra memory, a 2N
  forward per token); with full/freeze a frozen copy in the compute dtype. Preference items are two sequences.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.catalog.architecture import Architecture
from specs.training import MemoryEstimate

GB = 1e9
NF4_BYTES = 0.5625
CUDA_OVERHEAD_GB = 1.5
ACTIVATION_FACTOR = 34
MFU = 0.35
# Dense bf16 (fp16 where bf16 is missing) peak FLOP/s per GPU.
PEAK_FLOPS = {
    "H200": 989e12,
    "H100": 989e12,
    "A100": 312e12,
    "L40S": 362e12,
    "L4": 121e12,
    "A10": 125e12,
    "RTX4090": 165e12,
    "V100": 125e12,
    "T4": 65e12,
}


@dataclass(frozen=True)
class Workload:
    method: str
    lora_r: int
    freeze_layers: int
    micro_batch: int
    seq_len: int
    precision: str  # bf16 | fp16 | fp32
    gradient_checkpointing: bool
    gpus: int  # 0 = CPU
    budget_gb: float | None
    gpu_type: str | None
    total_tokens: int
    sequences_per_item: int = 1  # preference stages run chosen and rejected (or KL) rows for each item
    reference_model: bool = False  # dpo/kto compare with the starting model
    sharded: bool = True  # full/freeze over several GPUs: FSDP shards the state; False = DDP, a whole copy each


def trainable_parameters(arch: Architecture, work: Workload) -> int:
    if work.method in ("lora", "qlora"):
        return arch.lora_parameters(work.lora_r)
    if work.method == "freeze":
        return min(work.freeze_layers, arch.num_layers) * arch.layer_parameters()
    return arch.parameters()


def estimate(arch: Architecture, work: Workload) -> MemoryEstimate:
    total = arch.parameters()
    trainable = trainable_parameters(arch, work)
    adapters = work.method in ("lora", "qlora")
    frozen = total if adapters else total - trainable  # adapters add parameters; the others train some of them
    weight_bytes = {"bf16": 2, "fp16": 2, "fp32": 4}[work.precision]
    if work.method == "qlora":
        # Embeddings and the head stay in 16-bit; only the decoder's linear layers are quantised.
        linear = arch.num_layers * sum(a * b for a, b in arch.linear_shapes())
        frozen_gb = (linear * NF4_BYTES + (total - linear) * weight_bytes) / GB
    else:
        frozen_gb = frozen * weight_bytes / GB
    shards = work.gpus if work.sharded and work.method in ("full", "freeze") and work.gpus > 1 else 1
    # 16 bytes per trainable parameter: fp32 weight (4) + gradient (4) + two AdamW moments (8).
    weights_gb = frozen_gb / shards + trainable * 4 / GB / shards
    gradients_gb = trainable * 4 / GB / shards
    optimizer_gb = trainable * 8 / GB / shards
    # A separate reference copy only where the policy's own weights move (adapters switch themselves off).
    reference_gb = total * weight_bytes / GB if work.reference_model and not adapters else 0.0
    tokens = work.micro_batch * work.sequences_per_item * work.seq_len
    act_bytes = 2 if work.precision != "fp32" else 4
    per_layer = tokens * arch.hidden_size * (2 if work.gradient_checkpointing else ACTIVATION_FACTOR) * act_bytes / 2
    activations_gb = (arch.num_layers * per_layer + tokens * arch.hidden_size * ACTIVATION_FACTOR * act_bytes / 2) / GB
    activations_gb += tokens * arch.vocab_size * 8 / GB
    overhead = CUDA_OVERHEAD_GB if work.gpus > 0 else 0.0
    total_gb = weights_gb + gradients_gb + optimizer_gb + activations_gb + reference_gb + overhead
    seconds = None
    peak = PEAK_FLOPS.get((work.gpu_type or "").upper().replace(" ", "")) if work.gpus > 0 else None
    if peak:
        flops_per_token = (4 if adapters else 6) * total + (2 * total if work.reference_model else 0)
        seconds = flops_per_token * work.total_tokens / (peak * work.gpus * MFU)
    return MemoryEstimate(
        parameters=total,
        trainable_parameters=trainable,
        weights_gb=round(weights_gb, 3),
        gradients_gb=round(gradients_gb, 3),
        optimizer_gb=round(optimizer_gb, 3),
        activations_gb=round(activations_gb, 3),
        reference_gb=round(reference_gb, 3),
        total_gb=round(total_gb, 3),
        budget_gb=work.budget_gb,
        fits=work.budget_gb is None or total_gb <= work.budget_gb,
        seconds=round(seconds, 1) if seconds is not None else None,
    )
