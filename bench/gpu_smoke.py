"""GPU benchmark of the engine's training methods (LoRA, QLoRA, full) against HF Trainer + PEFT, same process.

Builds a realistic model shape from a config with random weights (nothing is downloaded), saves it once as
safetensors, then for each method trains a few dozen steps on random tokens in bf16 on cuda:0 twice:

    engine    worker.engine.methods.build_trainable_model (the code a real run uses to load, quantise, freeze
              and wrap the model) + the engine's own step code (steps.forward_backward / clip_and_step)
    baseline  the plain Hugging Face recipe: from_pretrained (+ BitsAndBytesConfig + prepare_model_for_kbit_training
              for QLoRA) + get_peft_model + transformers.Trainer(bf16=True)

and prints tokens/s, step time, peak memory (torch.cuda.max_memory_allocated) and MFU, with the engine's ratios
to the baseline of the same method. MFU counts 6·N FLOPs per token for full fine-tuning and 4·N for LoRA/QLoRA
(no weight gradients for the frozen base), N = all parameters, attention score FLOPs left out; the peak is the
GPU's dense bf16 tensor-core rate from the table below (or --peak-tflops).

    python bench/gpu_smoke.py [--model qwen2.5-1.5b] [--methods lora,qlora,full] [--steps 30] [--batch-size 4]
                              [--seq-len 1024] [--gradient-checkpointing] [--no-baseline]

Not a test: timings belong in bench/RESULTS.md. `--allow-cpu` runs the same code on the CPU with the tiny
shape, fp32 and at most 6 steps — a check that the script works, its numbers mean nothing; tests/bench runs it so
(with --steps 4 --warmup-steps 1 --batch-size 2 --seq-len 32 to keep it short).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import torch

from specs.training import (
    Method,
    ModelSource,
    Quantization,
    ResolvedHyperparameters,
    ResolvedResources,
    ResolvedTrainingSpec,
)

# Dense bf16 tensor-core peaks (no sparsity), FLOP/s, matched against torch.cuda.get_device_name() in order.
PEAK_BF16_FLOPS = [
    ("H200", 989e12),
    ("H100 PCIe", 756e12),
    ("H100", 989e12),  # SXM
    ("A100", 312e12),
    ("L40S", 362e12),
]

# Qwen2.5-1.5B's shape as a Llama config (Qwen2 = Llama with q/k/v biases and tied embeddings).
SHAPES: dict[str, dict[str, Any]] = {
    "qwen2.5-1.5b": {
        "vocab_size": 151936,
        "hidden_size": 1536,
        "intermediate_size": 8960,
        "num_hidden_layers": 28,
        "num_attention_heads": 12,
        "num_key_value_heads": 2,
        "max_position_embeddings": 32768,
        "rope_theta": 1_000_000.0,
        "attention_bias": True,
        "tie_word_embeddings": True,
    },
    "qwen2.5-0.5b": {
        "vocab_size": 151936,
        "hidden_size": 896,
        "intermediate_size": 4864,
        "num_hidden_layers": 24,
        "num_attention_heads": 14,
        "num_key_value_heads": 2,
        "max_position_embeddings": 32768,
        "rope_theta": 1_000_000.0,
        "attention_bias": True,
        "tie_word_embeddings": True,
    },
    "tiny": {
        "vocab_size": 2048,
        "hidden_size": 128,
        "intermediate_size": 256,
        "num_hidden_layers": 2,
        "num_attention_heads": 4,
        "num_key_value_heads": 4,
        "max_position_embeddings": 512,
    },
}
LEARNING_RATES = {"lora": 2e-4, "qlora": 2e-4, "full": 1e-5}


@dataclass
class Figures:
    method: str
    implementation: str
    tokens_per_second: float
    step_ms: float
    peak_gib: float
    mfu: float | None


def peak_flops(device: torch.device, override_tflops: float | None) -> float | None:
    if override_tflops:
        return override_tflops * 1e12
    if device.type != "cuda":
        return None
    name = torch.cuda.get_device_name(device)
    return next((peak for key, peak in PEAK_BF16_FLOPS if key in name), None)


def build_random_model(shape: str, folder: Path) -> int:
    """Save a randomly initialised model of the shape under folder; returns its parameter count."""
    from transformers import LlamaConfig, LlamaForCausalLM

    config = LlamaConfig(**SHAPES[shape], bos_token_id=1, eos_token_id=2, pad_token_id=0)
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).to(torch.bfloat16)  # saved in bf16, like published checkpoints
    model.save_pretrained(folder)
    count = sum(p.numel() for p in model.parameters())
    del model
    return count


def random_batches(steps: int, batch_size: int, seq_len: int, vocab: int) -> list[dict[str, torch.Tensor]]:
    generator = torch.Generator().manual_seed(1)
    batches = []
    for _ in range(steps):
        ids = torch.randint(3, vocab, (batch_size, seq_len), generator=generator)
        batches.append({"input_ids": ids, "labels": ids.clone(), "attention_mask": torch.ones_like(ids)})
    return batches


def bench_spec(method: Method, model_dir: Path, args: argparse.Namespace, device: torch.device) -> ResolvedTrainingSpec:
    precision = "bf16" if device.type == "cuda" else "fp32"
    hyperparameters = ResolvedHyperparameters(
        epochs=1,
        max_steps=args.steps,
        batch_size=args.batch_size,
        gradient_accumulation_steps=1,
        learning_rate=LEARNING_RATES[method],
        lr_scheduler="cosine",
        warmup_ratio=0.0,
        weight_decay=0.0,
        max_grad_norm=1.0,
        max_seq_length=args.seq_len,
        lora_r=16,
        lora_alpha=32,
        lora_dropout=0.0,
        target_modules="all-linear",
        gradient_checkpointing=args.gradient_checkpointing,
        precision=precision,
        save_steps=args.steps,
        seed=0,
    )
    gpus = 1 if device.type == "cuda" else 0
    return ResolvedTrainingSpec(
        stage="sft",
        method=method,
        loss_on="all",
        model=ModelSource(name=args.model, path=str(model_dir), variant="base"),
        dataset_path="synthetic",
        dataset_records=args.steps * args.batch_size,
        hyperparameters=hyperparameters,
        quantization=Quantization(compute_dtype=precision) if method == "qlora" else None,
        resources=ResolvedResources(device=device.type, gpus=gpus, gpu_memory_gb=None, gpu_type=None),  # type: ignore[arg-type]
    )


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _reset_memory(device: torch.device) -> None:
    gc.collect()
    if device.type == "cuda":
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)


def _figures(
    method: str,
    impl: str,
    stamps: list[float],
    args: argparse.Namespace,
    device: torch.device,
    n: int,
    peak: float | None,
) -> Figures:
    gaps = [b - a for a, b in itertools.pairwise(stamps)][args.warmup_steps :]
    tokens_per_second = args.batch_size * args.seq_len / statistics.mean(gaps)
    flops_per_token = (6 if method == "full" else 4) * n
    mfu = tokens_per_second * flops_per_token / peak if peak else None
    peak_gib = torch.cuda.max_memory_allocated(device) / 2**30 if device.type == "cuda" else float("nan")
    return Figures(method, impl, tokens_per_second, 1000 * statistics.median(gaps), peak_gib, mfu)


def run_engine(
    method: Method, model_dir: Path, args: argparse.Namespace, device: torch.device, n: int, peak: float | None
) -> Figures:
    from worker.engine.builders import build_optimizer, build_scheduler
    from worker.engine.methods import build_trainable_model
    from worker.engine.precision import mixed_precision
    from worker.engine.steps import clip_and_step, forward_backward

    _reset_memory(device)
    spec = bench_spec(method, model_dir, args, device)
    hp = spec.hyperparameters
    precision = mixed_precision(hp.precision, device)
    trainable = build_trainable_model(spec, device, precision)
    model, params = trainable.model, trainable.trainable_parameters
    optimizer, vocab = build_optimizer(params, hp), SHAPES[args.model]["vocab_size"]
    scheduler = build_scheduler(optimizer, hp)
    model.train()
    stamps = [time.perf_counter()]
    for batch in random_batches(args.steps, args.batch_size, args.seq_len, vocab):
        forward_backward(model, [batch], precision)
        clip_and_step(params, optimizer, precision, hp.max_grad_norm)
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        _sync(device)
        stamps.append(time.perf_counter())
    figures = _figures(method, "engine", stamps, args, device, n, peak)
    del model, params, optimizer, scheduler, trainable
    return figures


def run_baseline(
    method: Method, model_dir: Path, args: argparse.Namespace, device: torch.device, n: int, peak: float | None
) -> Figures:
    from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
    from transformers import AutoModelForCausalLM, BitsAndBytesConfig, Trainer, TrainerCallback, TrainingArguments

    _reset_memory(device)
    bf16 = device.type == "cuda"
    dtype = torch.bfloat16 if bf16 else torch.float32
    kwargs: dict[str, Any] = {"dtype": torch.float32 if method == "full" else dtype, "device_map": str(device)}
    if method == "qlora":
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_use_double_quant=True, bnb_4bit_compute_dtype=dtype
        )
    model = AutoModelForCausalLM.from_pretrained(model_dir, attn_implementation="sdpa", **kwargs)
    model.config.use_cache = False
    if method == "qlora":
        model = prepare_model_for_kbit_training(model, use_gradient_checkpointing=args.gradient_checkpointing)
    if method != "full":
        targets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
        model = get_peft_model(model, LoraConfig(r=16, lora_alpha=32, target_modules=targets, task_type="CAUSAL_LM"))

    batches = random_batches(args.steps, args.batch_size, args.seq_len, SHAPES[args.model]["vocab_size"])
    rows = [{key: value[i] for key, value in batch.items()} for batch in batches for i in range(args.batch_size)]
    stamps: list[float] = []

    class Stamp(TrainerCallback):  # type: ignore[misc]
        def on_step_begin(self, *_: Any, **__: Any) -> None:
            if not stamps:
                stamps.append(time.perf_counter())

        def on_step_end(self, *_: Any, **__: Any) -> None:
            _sync(device)
            stamps.append(time.perf_counter())

    with tempfile.TemporaryDirectory(prefix="gpu-smoke-trainer-") as out:
        training_args = TrainingArguments(
            output_dir=out,
            per_device_train_batch_size=args.batch_size,
            max_steps=args.steps,
            learning_rate=LEARNING_RATES[method],
            lr_scheduler_type="cosine",
            warmup_steps=0,
            max_grad_norm=1.0,
            optim="adamw_torch",
            bf16=bf16,
            use_cpu=device.type == "cpu",
            gradient_checkpointing=args.gradient_checkpointing,
            gradient_checkpointing_kwargs={"use_reentrant": False},
            logging_strategy="no",
            save_strategy="no",
            report_to="none",
            disable_tqdm=True,
            dataloader_num_workers=0,
            remove_unused_columns=False,
        )
        trainer = Trainer(model=model, args=training_args, train_dataset=rows, callbacks=[Stamp()])  # type: ignore[arg-type]
        trainer.train()
    figures = _figures(method, "HF Trainer" + ("" if method == "full" else " + PEFT"), stamps, args, device, n, peak)
    del trainer, model
    return figures


def print_table(rows: list[Figures], args: argparse.Namespace, device: torch.device, n: int) -> None:
    name = torch.cuda.get_device_name(device) if device.type == "cuda" else "CPU"
    print(
        f"\n{args.model} ({n / 1e9:.2f}B parameters, random weights) on {name}: {args.steps} steps "
        f"({args.warmup_steps} warm-up not timed) x {args.batch_size} x {args.seq_len} tokens, "
        f"gradient checkpointing {'on' if args.gradient_checkpointing else 'off'}"
    )
    header = f"{'method':7} {'implementation':18} {'tok/s':>9} {'ms/step':>8} {'peak GiB':>9} {'MFU':>6} {'tok/s ×':>8} {'mem ×':>6}"
    print(header)
    print("-" * len(header))
    baselines = {row.method: row for row in rows if row.implementation != "engine"}
    for row in rows:
        base = baselines.get(row.method)
        speed = f"{row.tokens_per_second / base.tokens_per_second:7.2f}x" if base else "      -"
        memory = f"{row.peak_gib / base.peak_gib:5.2f}x" if base and base.peak_gib > 0 else "    -"
        mfu = f"{100 * row.mfu:5.1f}%" if row.mfu is not None else "   n/a"
        print(
            f"{row.method:7} {row.implementation:18} {row.tokens_per_second:9.0f} {row.step_ms:8.1f} "
            f"{row.peak_gib:9.2f} {mfu:>6} {speed:>8} {memory:>6}"
        )
    print("ratios: engine / baseline of the same method (tok/s higher is better, memory lower is better)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=sorted(SHAPES), default="qwen2.5-1.5b", help="model shape (random weights)")
    parser.add_argument("--methods", default="lora,qlora,full", help="comma-separated: lora, qlora, full")
    parser.add_argument("--steps", type=int, default=30, help="optimizer steps per run")
    parser.add_argument("--warmup-steps", type=int, default=5, help="first steps left out of the timings")
    parser.add_argument("--batch-size", type=int, default=4)
    parser.add_argument("--seq-len", type=int, default=1024)
    parser.add_argument("--gradient-checkpointing", action="store_true")
    parser.add_argument("--no-baseline", action="store_true", help="skip the HF Trainer + PEFT runs")
    parser.add_argument(
        "--peak-tflops", type=float, default=None, help="the GPU's dense bf16 peak, if not in the table"
    )
    parser.add_argument("--allow-cpu", action="store_true", help="check the script on the CPU (tiny shape, fp32)")
    args = parser.parse_args(argv)
    methods: list[Method] = [m.strip() for m in args.methods.split(",") if m.strip()]  # type: ignore[misc]
    unknown = set(methods) - set(LEARNING_RATES)
    if unknown:
        parser.error(f"unknown methods: {', '.join(sorted(unknown))}")

    if torch.cuda.is_available():
        device = torch.device("cuda", 0)
    elif args.allow_cpu:
        device = torch.device("cpu")
        args.model, args.seq_len = "tiny", min(args.seq_len, 64)
        args.steps, args.warmup_steps = min(args.steps, 6), min(args.warmup_steps, 2)
    else:
        print(
            "gpu_smoke: no CUDA GPU is visible (torch.cuda.is_available() is False); run it on a GPU host, "
            "or pass --allow-cpu to check the script itself on the CPU.",
            file=sys.stderr,
        )
        return 2
    if args.steps <= args.warmup_steps + 1:
        parser.error("--steps must exceed --warmup-steps by at least 2")

    peak = peak_flops(device, args.peak_tflops)
    rows: list[Figures] = []
    with tempfile.TemporaryDirectory(prefix="gpu-smoke-model-") as folder:
        n = build_random_model(args.model, Path(folder))
        for method in methods:
            rows.append(run_engine(method, Path(folder), args, device, n, peak))
            if not args.no_baseline:
                rows.append(run_baseline(method, Path(folder), args, device, n, peak))
    print_table(rows, args, device, n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
