"""The training loop every stage shares (sft, cpt, dpo, orpo, simpo, kto), with any method: a plain torch loop that
reads top to bottom.

    pick the device and precision → build the stage's training data (data/sft_dataset.py, data/cpt_dataset.py,
    data/preference_dataset.py) → build the model for the method (methods.py) and, for dpo/kto, the reference
    model (objectives.py) → as the spec asks, Liger kernels, compiled layers (acceleration.py) and FSDP sharding
    (sharding.py; otherwise DDP over several processes) → resume from the newest checkpoint if there is one
    → step: accumulate, clip, update, maybe evaluate, report, maybe save, ask whether to stop → save the result.

The loss of a step is the mean over all trained tokens (preference stages: all pairs or examples) of all its
micro-batches (not a mean of per-batch means), so gradient accumulation gives the same update as one large batch.
A micro-batch is `batch_size` items of the stage: SFT examples (padded side by side or packed into rows), CPT rows,
preference pairs or KTO examples.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from peft import PeftModel
from torch.nn.parallel import DistributedDataParallel
from transformers import PreTrainedTokenizerBase

from specs.training import ResolvedTrainingSpec, Stage
from worker.engine.acceleration import apply_liger_kernels, compile_layers
from worker.engine.builders import build_optimizer, build_scheduler, warmup_steps
from worker.engine.checkpointing import (
    TrainerState,
    complete_checkpoints,
    load_adapter_weights,
    load_training_state,
    read_trainer_state,
    remove_partial_checkpoints,
    save_checkpoint,
    save_model_and_tokenizer,
    write_folder_atomically,
)
from worker.engine.data.batching import BatchStream, DataPosition
from worker.engine.data.cpt_dataset import cpt_training_data
from worker.engine.data.preference_dataset import kto_training_data, pair_training_data
from worker.engine.data.sft_dataset import sft_training_data
from worker.engine.data.templates import token_id
from worker.engine.data.training_data import TrainingData
from worker.engine.distributed import SINGLE, Distributed
from worker.engine.errors import EngineError
from worker.engine.loading import load_tokenizer
from worker.engine.methods import TrainableModel, build_trainable_model, count_parameters, saves_adapter
from worker.engine.objectives import NEEDS_REFERENCE, build_objective, build_reference
from worker.engine.precision import MixedPrecision, mixed_precision, training_device
from worker.engine.reporter import CheckpointInfo, Reporter, SilentReporter, StepMetrics, StopRequested
from worker.engine.sharding import Sharded, shard_model
from worker.engine.steps import EvalTracker, check_finite, clip_and_step, evaluate, forward_backward

FINAL = "final"

StageBuilder = Callable[[ResolvedTrainingSpec, PreTrainedTokenizerBase], TrainingData[Any]]
STAGES: dict[Stage, StageBuilder] = {
    "sft": sft_training_data,
    "cpt": cpt_training_data,
    "dpo": pair_training_data,
    "orpo": pair_training_data,
    "simpo": pair_training_data,
    "kto": kto_training_data,
}


@dataclass(frozen=True)
class TrainingResult:
    final_dir: Path
    steps: int  # the global step reached (max_steps, or the step early stopping ended at)
    final_loss: float | None  # loss of the last step run by this call (None if it only found a finished run)
    losses: list[float] = field(default_factory=list)  # one per step run by this call, in order
    resumed_from: int | None = None
    train_seconds: float = 0.0
    eval_losses: dict[int, float] = field(default_factory=dict)  # step → eval loss, for evaluations in this call
    stopped_early: bool = False


COMMENTARY = frozenset({"decisions", "estimate"})  # explain the spec; they change nothing the steps compute


def _digest(fields: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()[:16]


def spec_fingerprint(spec: ResolvedTrainingSpec) -> str:
    """What a checkpoint records of the spec that wrote it, so that a different spec never resumes it.

    Fields at their default value are left out: a field added to the spec later, with a default that keeps what
    runs computed before it existed, leaves every existing spec's fingerprint (and so its checkpoints) as it was.
    """
    return _digest(spec.model_dump(exclude=set(COMMENTARY), exclude_defaults=True))


def accepted_fingerprints(spec: ResolvedTrainingSpec) -> set[str]:
    """The fingerprint, and the one checkpoints written before defaults were left out carry (every field)."""
    return {spec_fingerprint(spec), _digest(spec.model_dump(exclude=set(COMMENTARY)))}


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


def _describe_start(
    spec: ResolvedTrainingSpec,
    trainable: TrainableModel,
    precision: MixedPrecision,
    data: TrainingData[Any],
    reporter: Reporter,
) -> None:
    hp = spec.hyperparameters
    if data.records != spec.dataset_records:
        reporter.log(
            f"the spec expects {spec.dataset_records} records but {spec.dataset_path} holds {data.records}",
            level="warning",
        )
    trained, total = count_parameters(trainable.model)
    reporter.log(
        f"stage {spec.stage}, model {spec.model.name} ({spec.model.path}), method {spec.method}: {trained:,} trainable "
        f"of {total:,} parameters ({100 * trained / total:.2f}%), {trainable.description}",
        stage=spec.stage,
        method=spec.method,
        trainable_params=trained,
        total_params=total,
    )
    checkpointing = "on" if hp.gradient_checkpointing else "off"
    reporter.log(
        f"compute: {precision.describe()}, sdpa attention, gradient checkpointing {checkpointing}, {data.layout}",
        precision=hp.precision,
    )
    for line in data.summary:
        reporter.log(line.message, level=line.level, **line.data)
    if hp.early_stopping_patience and not data.eval:
        reporter.log("early_stopping_patience is set but eval_fraction is 0: nothing is evaluated", level="warning")
    if data.eval:
        every = f"every {hp.eval_steps} steps and " if hp.eval_steps > 0 else ""
        patience = hp.early_stopping_patience
        stopping = f"; early stopping after {patience} evaluations without a better one" if patience else ""
        source = "from the eval dataset" if spec.eval_dataset_path else f"held out (seed {hp.seed})"
        reporter.log(
            f"eval: {data.eval_description} {source}, eval loss {every}at the end{stopping}",
            eval_items=len(data.eval),
        )
    reporter.log(
        f"steps: {hp.max_steps} x {hp.batch_size} {data.unit} x {hp.gradient_accumulation_steps} accumulation, "
        f"lr {hp.learning_rate:g} {hp.lr_scheduler} with {warmup_steps(hp)} warm-up steps",
        max_steps=hp.max_steps,
    )


def _stop_token_ids(tokenizer: PreTrainedTokenizerBase, end_of_turn: str | None) -> list[int]:
    """eos and, when the template ends turns with another token (`<|eot_id|>`), that one: generation stops on both."""
    if end_of_turn is None or end_of_turn == tokenizer.eos_token:
        return []
    ids = [tokenizer.eos_token_id] if isinstance(tokenizer.eos_token_id, int) else []
    return [*ids, token_id(tokenizer, end_of_turn)]


def _resume_point(
    output_dir: Path, spec: ResolvedTrainingSpec, reporter: Reporter, distributed: Distributed
) -> Path | None:
    """The newest complete checkpoint of this run (after clearing debris of interrupted writes), if any."""
    if distributed.is_main:
        for debris in remove_partial_checkpoints(output_dir):
            reporter.log(f"removed an incomplete checkpoint write: {debris.name}", level="warning")
    distributed.barrier()
    checkpoints = complete_checkpoints(output_dir)
    if not checkpoints:
        return None
    folder = checkpoints[-1][1]
    if read_trainer_state(folder).spec_fingerprint not in accepted_fingerprints(spec):
        raise EngineError(f"{folder} was written by a run with a different spec; use a fresh output folder")
    return folder


def run_training(
    spec: ResolvedTrainingSpec,
    output_dir: Path,
    reporter: Reporter,
    *,
    pad_to_max_length: bool = False,
    cpu_threads: int | None = None,
    distributed: Distributed = SINGLE,
) -> TrainingResult:
    """Train (or resume training) the spec's stage as it says; checkpoints and the final weights go to output_dir.

    Returns normally at max_steps or when early stopping ends the run. Raises StopRequested when the reporter
    asks to stop, TrainingDiverged on NaN/inf/exploding loss, DataError for unusable records, EngineError for
    settings this machine cannot run. `pad_to_max_length` gives every batch the same shape (what compiled or
    XLA backends want; on CPU it only wastes work), `cpu_threads` overrides the automatic torch thread count.
    `distributed`: this process's place among those torchrun started (distributed.py); rank 0 alone uses `reporter`.
    """
    if spec.stage not in STAGES:
        raise EngineError(f"the engine cannot train stage {spec.stage!r}; it knows {', '.join(STAGES)}")
    hp = spec.hyperparameters
    if spec.stage == "kto" and hp.batch_size < 2:
        # The KL reference point pairs each prompt with another example's answer in the same micro-batch.
        raise EngineError("kto needs batch_size >= 2: its KL reference point comes from mismatched pairs in a batch")
    distributed.check_accumulation(hp.gradient_accumulation_steps)
    if hp.distributed_strategy == "fsdp" and saves_adapter(spec.method):
        raise EngineError(f"distributed_strategy 'fsdp' shards full or freeze fine-tuning, not {spec.method}; use ddp")
    if not distributed.is_main:
        reporter = SilentReporter()
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()

    device = training_device(spec.resources, distributed.local_rank)
    _use_cpu_threads(device, cpu_threads)
    precision = mixed_precision(hp.precision, device)
    tokenizer = load_tokenizer(spec.model.path, trust_remote_code=spec.model.trust_remote_code)
    data = STAGES[spec.stage](spec, tokenizer)
    fingerprint = spec_fingerprint(spec)
    resume_folder = _resume_point(output_dir, spec, reporter, distributed)

    # Seeded before the model is built, so adapter initialisation is part of the run's reproducible state.
    _seed_everything(hp.seed)
    whole_model_from = resume_folder if resume_folder and not saves_adapter(spec.method) else None
    new_token_ids = [token_id(tokenizer, token) for token in data.added_tokens]
    trainable = build_trainable_model(
        spec, device, precision, weights_path=whole_model_from, new_token_ids=new_token_ids, vocab_size=len(tokenizer)
    )
    model = trainable.model
    vocab_size = int(model.get_output_embeddings().weight.shape[0])  # type: ignore[operator]
    _describe_start(spec, trainable, precision, data, reporter)
    if hp.liger_kernels:
        reporter.log(apply_liger_kernels(model))
    reference = None
    if spec.stage in NEEDS_REFERENCE:
        reference, described = build_reference(
            spec, trainable, device, precision, new_token_ids=new_token_ids, vocab_size=len(tokenizer)
        )
        reporter.log(described)
    if hp.torch_compile:
        compiled, described = compile_layers(model)
        reporter.log(described, level="info" if compiled else "warning")
    sharded: Sharded | None = None
    if distributed.active and hp.distributed_strategy == "fsdp":
        # Before the optimizer exists: sharding replaces the parameters by sharded ones.
        sharded, described = shard_model(model)
        reporter.log(f"fully sharded data parallel over {distributed.world_size} processes: {described}")
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = build_optimizer(params, hp)
    scheduler = build_scheduler(optimizer, hp)
    objective = build_objective(spec, reference)
    stop_token_ids = _stop_token_ids(tokenizer, data.end_of_turn)

    step, position, tracker, resumed_from = 0, DataPosition(), EvalTracker(hp.early_stopping_patience), None
    if resume_folder is not None:
        if isinstance(model, PeftModel):
            load_adapter_weights(resume_folder, model)
        state = load_training_state(
            resume_folder,
            optimizer=optimizer,
            scheduler=scheduler,
            scaler=precision.scaler,
            load_optimizer=(lambda saved: sharded.load_optimizer_state(optimizer, saved)) if sharded else None,
        )
        step, position, resumed_from = state.step, DataPosition(state.epoch, state.index), state.step
        tracker = EvalTracker(
            hp.early_stopping_patience,
            state.eval_loss,
            state.best_eval_loss,
            state.best_eval_step,
            state.evals_without_improvement,
        )
        reporter.log(f"resumed from step {step} ({resume_folder.name})", step=step)
    stepped = model
    if distributed.active and sharded is None:
        # Every process starts from the same seed and checkpoint; DDP also broadcasts rank 0's weights to be sure.
        device_ids = [device.index] if device.type == "cuda" else None
        stepped = DistributedDataParallel(model, device_ids=device_ids, broadcast_buffers=False)
        reporter.log(f"data parallel: {distributed.world_size} processes share each step's micro-batches")

    pad_to = hp.max_seq_length if pad_to_max_length else None
    size = hp.batch_size
    eval_batches = [data.to_batch(data.eval[i : i + size], pad_to) for i in range(0, len(data.eval), size)]
    stream = BatchStream(len(data.train), size, hp.seed, position)
    checkpointer = _Checkpointer(
        output_dir,
        hp.max_steps,
        fingerprint,
        model,
        tokenizer,
        data.chat_template,
        stop_token_ids,
        optimizer,
        scheduler,
        precision,
        reporter,
        distributed,
        sharded,
    )
    losses: list[float] = []
    eval_losses: dict[int, float] = {}
    loop_started = time.perf_counter()
    model.train()
    # A resumed run that had already stopped early goes straight to its final save.
    while step < hp.max_steps and not tracker.should_stop:
        step_started = time.perf_counter()
        micro = [[data.train[i] for i in stream.next_batch()] for _ in range(hp.gradient_accumulation_steps)]
        tokens = sum(data.token_count(item) for items in micro for item in items)
        mine = [data.to_batch(items, pad_to) for items in distributed.my_share(micro)]
        result = forward_backward(stepped, mine, precision, objective, distributed)
        loss, extra = result.loss, dict(result.metrics)
        learning_rate = float(scheduler.get_last_lr()[0])
        grad_norm, applied = clip_and_step(params, optimizer, precision, hp.max_grad_norm)
        check_finite(step + 1, loss, grad_norm, vocab_size, scaled=precision.scaler is not None)
        if not applied:
            reporter.log(f"step {step + 1}: fp16 gradients overflowed; update skipped", level="warning")
        scheduler.step()
        optimizer.zero_grad(set_to_none=True)
        step += 1
        losses.append(loss)
        elapsed = time.perf_counter() - step_started

        eval_loss = None
        if eval_batches and ((hp.eval_steps > 0 and step % hp.eval_steps == 0) or step == hp.max_steps):
            # Rank 0 evaluates the (identical) weights; the others take its result so they all track the same.
            # Sharded weights are gathered layer by layer by all processes together, so all of them evaluate.
            evaluates = distributed.is_main or sharded is not None
            evaluated = distributed.from_main(
                evaluate(model, eval_batches, precision, objective) if evaluates else None
            )
            assert evaluated is not None
            eval_loss = eval_losses[step] = evaluated.loss
            extra.update({f"eval_{name}": value for name, value in evaluated.metrics.items()})
            tracker.record(step, eval_loss)
        reporter.metrics(
            StepMetrics(
                step,
                hp.max_steps,
                stream.epochs_done,
                loss,
                learning_rate,
                grad_norm,
                tokens / elapsed,
                eval_loss,
                extra,
            )
        )

        saved = step % hp.save_steps == 0 or step == hp.max_steps or tracker.should_stop
        if saved:
            checkpointer.save(step, loss, stream.position, tracker, extra)
        if tracker.should_stop:
            reporter.log(tracker.stop_message(), step=step, best_eval_loss=tracker.best)
            break
        reason = distributed.from_main(reporter.should_stop())
        if reason:
            # A pause or preemption keeps its progress; a cancel does not need it.
            if reason != "cancelled" and not saved:
                checkpointer.save(step, loss, stream.position, tracker, extra)
            reporter.log(f"stopping after step {step}: {reason}", level="warning", step=step)
            raise StopRequested(reason)

    train_seconds = time.perf_counter() - loop_started
    final_dir = output_dir / FINAL
    final_state = sharded.model_state() if sharded else None
    if distributed.is_main:
        write_folder_atomically(
            final_dir,
            lambda folder: save_model_and_tokenizer(
                folder, model, tokenizer, data.chat_template, stop_token_ids, final_state
            ),
        )
    distributed.barrier()
    final_loss = losses[-1] if losses else None
    shown_loss = "n/a" if final_loss is None else f"{final_loss:.4f}"
    shown_eval = "" if tracker.latest is None else f", eval loss {tracker.latest:.4f} (best {tracker.best:.4f})"
    what = "adapter" if trainable.saves_adapter else "model"
    early = " (early stopping)" if tracker.should_stop else ""
    reporter.log(
        f"finished{early}: {step} steps, final loss {shown_loss}{shown_eval}, {len(losses)} steps trained in "
        f"{train_seconds:.1f}s (total {time.perf_counter() - started:.1f}s), {what} in {final_dir}",
        steps=step,
        final_loss=final_loss,
        eval_loss=tracker.latest,
    )
    return TrainingResult(
        final_dir, step, final_loss, losses, resumed_from, train_seconds, eval_losses, tracker.should_stop
    )


@dataclass
class _Checkpointer:
    """Everything a checkpoint captures, gathered once so the loop can say `save(step, loss, position, tracker)`."""

    output_dir: Path
    max_steps: int
    fingerprint: str
    model: torch.nn.Module
    tokenizer: PreTrainedTokenizerBase
    chat_template: str | None
    stop_token_ids: list[int]
    optimizer: torch.optim.Optimizer
    scheduler: torch.optim.lr_scheduler.LRScheduler
    precision: MixedPrecision
    reporter: Reporter
    distributed: Distributed
    sharded: Sharded | None = None

    def save(
        self, step: int, loss: float, position: DataPosition, tracker: EvalTracker, extra: dict[str, float]
    ) -> None:
        """`extra`: the stage's metrics of this step (rewards/... for preference stages), kept with the checkpoint.

        Rank 0 writes it; every process waits until it is complete, so none runs ahead of a checkpoint or stops
        before it exists. A sharded model's full weights and optimizer state are first gathered by all of them.
        """
        gathered = None
        if self.sharded is not None:
            gathered = (self.sharded.model_state(), self.sharded.optimizer_state(self.optimizer))
        if self.distributed.is_main:
            self._write(step, loss, position, tracker, extra, gathered)
        self.distributed.barrier()

    def _write(
        self,
        step: int,
        loss: float,
        position: DataPosition,
        tracker: EvalTracker,
        extra: dict[str, float],
        gathered: tuple[dict[str, torch.Tensor], dict[str, Any]] | None,
    ) -> None:
        state = TrainerState(
            step,
            self.max_steps,
            position.epoch,
            position.index,
            loss,
            self.fingerprint,
            tracker.latest,
            tracker.best,
            tracker.best_step,
            tracker.without_improvement,
        )
        path = save_checkpoint(
            self.output_dir,
            state,
            model=self.model,
            tokenizer=self.tokenizer,
            chat_template=self.chat_template,
            stop_token_ids=self.stop_token_ids,
            optimizer=self.optimizer,
            scheduler=self.scheduler,
            scaler=self.precision.scaler,
            model_state=gathered[0] if gathered else None,
            optimizer_state=gathered[1] if gathered else None,
        )
        metrics = {"loss": loss, **extra}
        if tracker.latest is not None:
            metrics["eval_loss"] = tracker.latest
        self.reporter.checkpoint(CheckpointInfo(step, str(path), metrics))
