"""Supervised fine-tuning with LoRA: a plain torch training loop that reads top to bottom.

    load model + tokenizer → tokenise records with the model's chat template → wrap in LoRA adapters
    → resume from the newest checkpoint if there is one → step: accumulate, clip, update, report, maybe save,
    ask whether to stop → save the final adapter.

The loss of a step is the mean over all trained tokens of all its micro-batches (not a mean of per-batch
means), so gradient accumulation gives the same update as one large batch.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import random
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import torch
from peft import PeftModel, get_peft_model
from transformers import PreTrainedTokenizerBase

from specs.training import ResolvedTrainingSpec
from worker.engine.builders import build_optimizer, build_scheduler, lora_config, lora_target_modules, warmup_steps
from worker.engine.checkpointing import (
    TrainerState,
    complete_checkpoints,
    load_checkpoint,
    read_trainer_state,
    remove_partial_checkpoints,
    save_adapter_and_tokenizer,
    save_checkpoint,
    write_folder_atomically,
)
from worker.engine.data.batching import BatchStream, DataPosition, collate
from worker.engine.data.chat import IGNORE_INDEX
from worker.engine.data.sft_dataset import SftDataset, build_sft_dataset
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import EngineError, TrainingDiverged
from worker.engine.loading import load_model_and_tokenizer, pad_token_id
from worker.engine.reporter import CheckpointInfo, Reporter, StepMetrics, StopRequested

FINAL = "final"


@dataclass(frozen=True)
class SftResult:
    final_dir: Path
    steps: int  # the global step reached (== max_steps)
    final_loss: float | None  # loss of the last step run by this call (None if it only found a finished run)
    losses: list[float] = field(default_factory=list)  # one per step run by this call, in order
    resumed_from: int | None = None
    train_seconds: float = 0.0


def spec_fingerprint(spec: ResolvedTrainingSpec) -> str:
    # Everything that changes what the steps compute; `decisions` is commentary and may be reworded.
    relevant = spec.model_dump(exclude={"decisions"})
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:16]


def _use_cpu_threads(device: torch.device, threads: int | None) -> None:
    if device.type != "cpu":
        return
    if threads is not None:
        torch.set_num_threads(threads)
        return
    if "OMP_NUM_THREADS" in os.environ:
        return
    # The cores this process may run on (taskset/cgroups), less one: the API, the worker's heartbeat and Redis
    # share the machine, and OpenMP threads that get descheduled spin at barriers, which on an oversubscribed
    # 2-core box made steps up to 20x slower than a single thread (bench/bench_sft_cpu.py).
    torch.set_num_threads(max(1, len(os.sched_getaffinity(0)) - 1))


def _seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def _step_loss(model: PeftModel, batches: list[dict[str, torch.Tensor]], device: torch.device) -> tuple[float, int]:
    """Forward + backward over the micro-batches of one step; returns (mean loss per trained token, tokens seen)."""
    trained = sum(int((batch["labels"][:, 1:] != IGNORE_INDEX).sum()) for batch in batches)
    total_loss, seen = 0.0, 0
    for batch in batches:
        batch = {key: value.to(device) for key, value in batch.items()}
        logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
        # Position t predicts token t+1; the summed loss is divided by the whole step's trained-token count.
        loss_sum = torch.nn.functional.cross_entropy(
            logits[:, :-1].flatten(0, 1).float(),
            batch["labels"][:, 1:].flatten(),
            ignore_index=IGNORE_INDEX,
            reduction="sum",
        )
        (loss_sum / trained).backward()  # type: ignore[no-untyped-call]
        total_loss += loss_sum.item()
        seen += int(batch["attention_mask"].sum())
    return total_loss / trained, seen


def _check_finite(step: int, loss: float, grad_norm: float, vocab_size: int) -> None:
    if not math.isfinite(loss):
        raise TrainingDiverged(step, loss, "the loss is not a finite number")
    if not math.isfinite(grad_norm):
        raise TrainingDiverged(step, loss, f"the gradient norm is {grad_norm}")
    # Uniform guessing scores ln(vocab); four times that means the weights have blown up, not that it is learning.
    if loss > 4 * math.log(vocab_size):
        raise TrainingDiverged(step, loss, f"the loss exploded past 4 x ln(vocab) = {4 * math.log(vocab_size):.1f}")


def _describe_start(
    spec: ResolvedTrainingSpec, model: PeftModel, dataset: SftDataset, template_reason: str, reporter: Reporter
) -> None:
    hp = spec.hyperparameters
    if dataset.records != spec.dataset_records:
        reporter.log(
            f"the spec expects {spec.dataset_records} records but {spec.dataset_path} holds {dataset.records}",
            level="warning",
        )
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    reporter.log(
        f"model {spec.model.name} ({spec.model.path}): {trainable:,} trainable of {total:,} parameters "
        f"({100 * trainable / total:.2f}%), LoRA r={hp.lora_r} alpha={hp.lora_alpha}",
        trainable_params=trainable,
        total_params=total,
    )
    reporter.log(
        f"data: {len(dataset.examples)} of {dataset.records} records used, {dataset.tokens:,} tokens, "
        f"{dataset.dropped_without_loss} without trained tokens dropped, {dataset.truncated} truncated to "
        f"{hp.max_seq_length}; {template_reason}; loss on {spec.loss_on}",
        records=dataset.records,
        examples=len(dataset.examples),
    )
    reporter.log(
        f"steps: {hp.max_steps} x {hp.batch_size} examples x {hp.gradient_accumulation_steps} accumulation, "
        f"lr {hp.learning_rate:g} {hp.lr_scheduler} with {warmup_steps(hp)} warm-up steps",
        max_steps=hp.max_steps,
    )


def run_sft(
    spec: ResolvedTrainingSpec,
    output_dir: Path,
    reporter: Reporter,
    *,
    pad_to_max_length: bool = False,
    cpu_threads: int | None = None,
) -> SftResult:
    """Train (or resume training) a LoRA adapter as the spec says; checkpoints and the final adapter go to output_dir.

    Raises StopRequested when the reporter asks to stop, TrainingDiverged on NaN/inf/exploding loss, DataError
    for unusable records. `pad_to_max_length` gives every batch the same shape (what compiled or XLA backends
    want; on CPU it only wastes work), `cpu_threads` overrides the automatic torch thread count.
    """
    if spec.stage != "sft" or spec.method != "lora":
        raise EngineError(f"run_sft trains stage 'sft' with method 'lora', not {spec.stage!r}/{spec.method!r}")
    hp = spec.hyperparameters
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    model_base, tokenizer = load_model_and_tokenizer(spec.model)
    device = model_base.device
    _use_cpu_threads(device, cpu_threads)
    chat_template, template_reason = resolve_chat_template(tokenizer)
    dataset = build_sft_dataset(
        Path(spec.dataset_path),
        tokenizer,
        chat_template=chat_template,
        default_system_prompt=spec.model.default_system_prompt,
        loss_on=spec.loss_on,
        max_seq_length=hp.max_seq_length,
    )

    # Seeded before the adapters exist, so their initialisation is part of the run's reproducible state.
    _seed_everything(hp.seed)
    model = get_peft_model(model_base, lora_config(hp, lora_target_modules(model_base, hp.target_modules)))
    trainable_params = [p for p in model.parameters() if p.requires_grad]
    optimizer = build_optimizer(trainable_params, hp)
    scheduler = build_scheduler(optimizer, hp)
    vocab_size = int(model.get_output_embeddings().weight.shape[0])
    fingerprint = spec_fingerprint(spec)
    _describe_start(spec, model, dataset, template_reason, reporter)

    step, position, resumed_from = 0, DataPosition(), None
    for debris in remove_partial_checkpoints(output_dir):
        reporter.log(f"removed an incomplete checkpoint write: {debris.name}", level="warning")
    checkpoints = complete_checkpoints(output_dir)
    if checkpoints:
        resumed_from, folder = checkpoints[-1]
        if read_trainer_state(folder).spec_fingerprint != fingerprint:
            raise EngineError(f"{folder} was written by a run with a different spec; use a fresh output folder")
        state = load_checkpoint(folder, model=model, optimizer=optimizer, scheduler=scheduler)
        step, position = state.step, DataPosition(state.epoch, state.index)
        reporter.log(f"resumed from step {step} ({folder.name})", step=step)

    stream = BatchStream(len(dataset.examples), hp.batch_size, hp.seed, position)
    checkpointer = _Checkpointer(
        output_dir, hp.max_steps, fingerprint, model, tokenizer, chat_template, optimizer, scheduler, reporter
    )
    pad_id = pad_token_id(tokenizer)
    pad_to = hp.max_seq_length if pad_to_max_length else None
    losses: list[float] = []
    loop_started = time.perf_counter()
    model.train()
    while step < hp.max_steps:
        step_started = time.perf_counter()
        micro = [stream.next_batch() for _ in range(hp.gradient_accumulation_steps)]
        batches = [collate([dataset.examples[i] for i in indices], pad_id, pad_to) for indices in micro]
        loss, tokens = _step_loss(model, batches, device)
        grad_norm = float(torch.nn.utils.clip_grad_norm_(trainable_params, hp.max_grad_norm))
        _check_finite(step + 1, loss, grad_norm, vocab_size)
        learning_rate = float(scheduler.get_last_lr()[0])
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        losses.append(loss)
        elapsed = time.perf_counter() - step_started
        reporter.metrics(
            StepMetrics(step, hp.max_steps, stream.epochs_done, loss, learning_rate, grad_norm, tokens / elapsed)
        )

        saved = step % hp.save_steps == 0 or step == hp.max_steps
        if saved:
            checkpointer.save(step, loss, stream.position)
        reason = reporter.should_stop()
        if reason:
            # A pause or preemption keeps its progress; a cancel does not need it.
            if reason != "cancelled" and not saved:
                checkpointer.save(step, loss, stream.position)
            reporter.log(f"stopping after step {step}: {reason}", level="warning", step=step)
            raise StopRequested(reason)

    train_seconds = time.perf_counter() - loop_started
    final_dir = write_folder_atomically(
        output_dir / FINAL, lambda folder: save_adapter_and_tokenizer(folder, model, tokenizer, chat_template)
    )
    final_loss = losses[-1] if losses else None
    shown_loss = "n/a" if final_loss is None else f"{final_loss:.4f}"
    reporter.log(
        f"finished: {step} steps, final loss {shown_loss}, {len(losses)} steps trained in {train_seconds:.1f}s "
        f"(total {time.perf_counter() - started:.1f}s), adapter in {final_dir}",
        steps=step,
        final_loss=final_loss,
    )
    return SftResult(final_dir, step, final_loss, losses, resumed_from, train_seconds)


@dataclass
class _Checkpointer:
    """Everything a checkpoint captures, gathered once so the loop can say `save(step, loss, position)`."""

    output_dir: Path
    max_steps: int
    fingerprint: str
    model: PeftModel
    tokenizer: PreTrainedTokenizerBase
    chat_template: str
    optimizer: torch.optim.Optimizer
    scheduler: torch.optim.lr_scheduler.LRScheduler
    reporter: Reporter

    def save(self, step: int, loss: float, position: DataPosition) -> None:
        state = TrainerState(step, self.max_steps, position.epoch, position.index, loss, self.fingerprint)
        path = save_checkpoint(
            self.output_dir,
            state,
            model=self.model,
            tokenizer=self.tokenizer,
            chat_template=self.chat_template,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
        )
        self.reporter.checkpoint(CheckpointInfo(step, str(path), {"loss": loss}))
