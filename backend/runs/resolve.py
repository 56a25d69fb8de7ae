"""Turn a submitted spec into the exact one the engine runs: every "auto" replaced, every choice explained.

Order matters: the hardware and precision first, then the model (a family's chat or base variant), then the
method, then the memory switches (gradient checkpointing), each checked against the pre-flight estimate. A run
that cannot fit fails here, before it queues, with concrete suggestions.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import cast

from backend.catalog.architecture import Architecture, read_architecture
from backend.core.errors import InvalidInput
from backend.core.settings import Settings
from backend.models import CatalogModel, Dataset
from backend.runs.decisions import Candidate, Policy, choose_method, choose_variant, choose_variant_for_preference
from backend.runs.engine_options import (
    liger_installed,
    resolve_accumulation,
    resolve_liger,
    resolve_strategy,
    resolve_torch_compile,
)
from backend.runs.estimate import Workload, estimate
from specs.training import (
    PREFERENCE_STAGES,
    MemoryEstimate,
    Method,
    ModelSource,
    Precision,
    Quantization,
    ResolvedHyperparameters,
    ResolvedResources,
    ResolvedTrainingSpec,
    Stage,
    TrainingSpecCreate,
)

DEFAULT_LORA_LR = 2e-4
DEFAULT_FULL_LR = 2e-5
MAX_AUTO_SEQ_LEN = 1024
CHECKPOINTS_PER_RUN = 4
EPOCH_WARNING = 3
BYTES_PER_TOKEN = 4  # rough size of a token in JSONL text, for the time estimate before tokenisation
FP16_ONLY_GPUS = ("V100", "T4")
# Which dataset kinds each stage can train on.
STAGE_DATA: dict[Stage, tuple[str, ...]] = {
    "sft": ("messages",),
    "cpt": ("text",),
    "dpo": ("preference",),
    "orpo": ("preference",),
    "simpo": ("preference",),
    "kto": ("kto",),
}
# Preference stages start from a tuned model and move it less: "auto" is this share of the SFT rate.
PREFERENCE_LR_FACTOR = 0.1
MAX_BETA = 100.0
# beta = "auto" per preference stage, with the reason shown on the run.
AUTO_BETA: dict[Stage, tuple[float, str]] = {
    "dpo": (0.1, "DPO's usual strength of the pull towards the reference model"),
    "kto": (0.1, "KTO's usual strength of the pull towards the reference model"),
    "orpo": (0.1, "ORPO's usual lambda, the weight of the odds-ratio term next to the NLL loss"),
    "simpo": (2.0, "SimPO's usual reward scale"),
}


@dataclass(frozen=True)
class Plan:
    """Everything the estimate depends on, for one candidate model and method."""

    arch: Architecture | None
    work: Workload


def _resources(body: TrainingSpecCreate, settings: Settings) -> ResolvedResources:
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


def _precision(body: TrainingSpecCreate, resources: ResolvedResources) -> tuple[str, str]:
    asked = body.hyperparameters.precision
    if asked != "auto":
        return asked, f"precision = {asked}: as asked."
    if resources.device == "cpu":
        return "fp32", "precision = fp32: training on the CPU."
    if (resources.gpu_type or "").upper() in FP16_ONLY_GPUS:
        return "fp16", f"precision = fp16: {resources.gpu_type} has no bf16."
    return "bf16", "precision = bf16: mixed precision on the GPU."


def _seq_len(body: TrainingSpecCreate, model: CatalogModel) -> int:
    context = model.context_length or MAX_AUTO_SEQ_LEN
    asked = body.hyperparameters.max_seq_length
    if asked == "auto":
        return min(context, MAX_AUTO_SEQ_LEN)
    if asked > context:
        raise InvalidInput(
            f"max_seq_length {asked} exceeds {model.name}'s context length of {context} tokens; use at most {context}.",
            field="hyperparameters.max_seq_length",
        )
    if asked < 16:
        raise InvalidInput("max_seq_length must be at least 16 tokens.", field="hyperparameters.max_seq_length")
    return asked


def _cpt_rows(size_bytes: int, max_seq_length: int) -> int:
    return max(1, math.ceil(size_bytes / BYTES_PER_TOKEN / max_seq_length))


def _parameters(model: CatalogModel, arch: Architecture | None) -> int | None:
    return model.parameter_count or (arch.parameters() if arch else None)


def _estimate(plan: Plan, method: str, checkpointing: bool) -> MemoryEstimate | None:
    if plan.arch is None:
        return None
    return estimate(plan.arch, replace(plan.work, method=method, gradient_checkpointing=checkpointing))


def _fits(plan: Plan, method: str, checkpointing: bool | None) -> bool:
    """Unknown shapes count as fitting: the estimate cannot say otherwise."""
    options = [False, True] if checkpointing is None else [checkpointing]
    for option in options:
        result = _estimate(plan, method, option)
        if result is None or result.fits:
            return True
    return False


def _suggestions(plan: Plan, method: str, checkpointing: bool) -> str:
    ideas = []
    if not checkpointing and _fits(plan, method, True):
        ideas.append("turn on gradient checkpointing")
    for other in ("lora", "qlora"):
        if other != method and _fits(plan, other, None):
            result = _estimate(plan, other, True)
            ideas.append(f"use {other.upper()}" + (f" (≈ {result.total_gb:.1f} GB)" if result else ""))
    shorter = replace(plan, work=replace(plan.work, seq_len=max(16, plan.work.seq_len // 2)))
    if _fits(shorter, method, None):
        ideas.append(f"shorten max_seq_length to {shorter.work.seq_len}")
    sharded = replace(plan, work=replace(plan.work, sharded=True))
    if plan.work.gpus > 1 and method in ("full", "freeze") and not plan.work.sharded and _fits(sharded, method, None):
        ideas.append("set distributed_strategy to 'fsdp' (shard over the GPUs)")
    if plan.work.gpus > 0 and method in ("full", "freeze"):
        more = replace(sharded, work=replace(sharded.work, gpus=plan.work.gpus * 2))
        if _fits(more, method, None):
            ideas.append(f"use {more.work.gpus} GPUs (sharded)")
    return "; ".join(ideas) or "choose a smaller model"


def _check_stage_data(body: TrainingSpecCreate, dataset: Dataset) -> None:
    needed = STAGE_DATA[body.stage]
    if dataset.format not in needed:
        fitting = [stage for stage, kinds in STAGE_DATA.items() if dataset.format in kinds]
        fits = f"which stage {' or '.join(fitting)} trains on" if fitting else "which no stage trains on"
        raise InvalidInput(
            f"Stage {body.stage!r} trains on {' or '.join(needed)} data, but dataset {dataset.id} holds "
            f"{dataset.format!r} records, {fits}; choose a matching dataset or stage.",
            field="stage",
        )
    if body.stage not in PREFERENCE_STAGES:
        return
    hp = body.hyperparameters
    if body.loss_on != "assistant":
        raise InvalidInput(
            f"Stage {body.stage!r} scores only the answers; leave loss_on at 'assistant'.", field="loss_on"
        )
    if hp.packing is True:
        raise InvalidInput(
            f"Stage {body.stage!r} compares answers side by side and does not pack; set packing to false or 'auto'.",
            field="hyperparameters.packing",
        )
    if body.stage == "kto" and hp.batch_size < 2:
        raise InvalidInput(
            "KTO needs batch_size of at least 2: its KL reference point pairs each prompt with another example's "
            "answer in the same batch.",
            field="hyperparameters.batch_size",
        )


def _beta(body: TrainingSpecCreate) -> tuple[float, str | None]:
    asked = body.hyperparameters.beta
    if asked != "auto" and not 0 < asked <= MAX_BETA:
        raise InvalidInput(
            f"beta must be above 0 and at most {MAX_BETA:g}, got {asked:g}; 'auto' picks the stage's usual value.",
            field="hyperparameters.beta",
        )
    if body.stage not in PREFERENCE_STAGES:
        return (AUTO_BETA["dpo"][0] if asked == "auto" else asked), None
    if asked != "auto":
        return asked, f"beta = {asked:g}: as asked."
    value, why = AUTO_BETA[body.stage]
    return value, f"beta = {value:g}: {why}."


def resolve(
    body: TrainingSpecCreate,
    dataset: Dataset,
    candidates: Sequence[CatalogModel],
    dataset_path: str,
    settings: Settings,
    eval_dataset: tuple[Dataset, str] | None = None,
    sizes: tuple[int, int] | None = None,
) -> ResolvedTrainingSpec:
    """`eval_dataset`: a separate eval dataset and its local path, when the run names one. `sizes`: (records,
    bytes) of the dataset version trained on, when it is not the upload itself."""
    hp = body.hyperparameters
    decisions: list[str] = []
    _check_stage_data(body, dataset)
    if eval_dataset is not None and eval_dataset[0].format != dataset.format:
        raise InvalidInput(
            f"The eval dataset {eval_dataset[0].id} holds {eval_dataset[0].format!r} records but the training data "
            f"is {dataset.format!r}; evaluate on data of the same kind.",
            field="eval_dataset_id",
        )
    if eval_dataset is not None and hp.eval_fraction > 0:
        raise InvalidInput(
            "Give either eval_dataset_id or eval_fraction (a share of the training data held out), not both.",
            field="hyperparameters.eval_fraction",
        )
    evaluating = hp.eval_fraction > 0 or eval_dataset is not None
    resources = _resources(body, settings)
    # One process per GPU; a CPU run takes the worker's cpu_processes (worker/tasks/training.py).
    devices = resources.gpus if resources.device == "cuda" else settings.cpu_processes
    accumulation = resolve_accumulation(hp.batch_size, hp.gradient_accumulation_steps, hp.effective_batch_size, devices)
    if accumulation.decision:
        decisions.append(accumulation.decision)
    precision, why = _precision(body, resources)
    decisions.append(why)
    budget = resources.gpu_memory_gb if resources.device == "cuda" else settings.cpu_budget_gb
    policy = Policy(settings.small_data_threshold, settings.large_data_threshold, settings.full_finetune_max_params)
    records, size_bytes = sizes or (dataset.record_count, dataset.size_bytes)

    # A training item is a record (a conversation, a pair, a KTO example), or for CPT a row of max_seq_length
    # tokens (estimated before tokenising).
    items = records if body.stage != "cpt" else _cpt_rows(size_bytes, _seq_len(body, candidates[0]))
    steps_per_epoch = math.ceil(math.ceil(items / hp.batch_size) / accumulation.steps)
    max_steps = max(1, math.ceil(steps_per_epoch * hp.epochs)) if hp.max_steps == "auto" else hp.max_steps
    if max_steps < 1:
        raise InvalidInput("max_steps must be at least 1.", field="hyperparameters.max_steps")
    trained_tokens = int(size_bytes / BYTES_PER_TOKEN * max_steps / max(1, steps_per_epoch))

    by_name = {m.name: m for m in candidates}
    plans: dict[str, Plan] = {}
    for model in candidates:
        arch = read_architecture(model.source)
        work = Workload(
            method="lora",
            lora_r=hp.lora_r,
            freeze_layers=hp.freeze_trainable_layers,
            micro_batch=hp.batch_size,
            seq_len=_seq_len(body, model),
            precision=precision,
            gradient_checkpointing=False,
            gpus=resources.gpus,
            budget_gb=budget,
            gpu_type=resources.gpu_type,
            total_tokens=trained_tokens,
            sequences_per_item=2 if body.stage in PREFERENCE_STAGES else 1,
            reference_model=body.stage in ("dpo", "kto"),
            sharded=hp.distributed_strategy != "ddp",  # whether fitting may count on FSDP
        )
        plans[model.name] = Plan(arch, work)
    checkpointing_asked = None if hp.gradient_checkpointing == "auto" else hp.gradient_checkpointing

    def fits(candidate: Candidate, method: str) -> bool:
        return _fits(plans[candidate.name], method, checkpointing_asked)

    family = [Candidate(m.name, m.variant, _parameters(m, plans[m.name].arch)) for m in candidates]
    if len(family) == 1:
        chosen = family[0]
        decisions.append(f"model = {chosen.name}: as asked.")
    else:
        chosen, why = (
            choose_variant_for_preference(family, body.stage)
            if body.stage in PREFERENCE_STAGES
            else choose_variant(family, records, policy, fits)
        )
        decisions.append(why)
    model, plan = by_name[chosen.name], plans[chosen.name]

    method: str
    if body.method == "auto":
        picked, why = choose_method(chosen, records, policy, fits)
        if picked is None:
            raise InvalidInput(
                f"{why} ({budget} GB per device). Try: {_suggestions(plan, 'qlora', False)}.", field="method"
            )
        method = picked
        decisions.append(why)
    else:
        method = body.method
        decisions.append(f"method = {method}: as asked.")
        if not fits(chosen, method):
            result = _estimate(plan, method, bool(checkpointing_asked))
            assert result is not None
            raise InvalidInput(
                f"{method} fine-tuning of {model.name} needs ≈ {result.total_gb:.1f} GB per device but "
                f"{budget} GB are available. Try: {_suggestions(plan, method, bool(checkpointing_asked))}.",
                field="method",
            )

    strategy, why_strategy = resolve_strategy(
        hp.distributed_strategy,
        method,
        devices,
        _fits(replace(plan, work=replace(plan.work, sharded=False)), method, checkpointing_asked),
        _fits(replace(plan, work=replace(plan.work, sharded=True)), method, checkpointing_asked),
    )
    plan = replace(plan, work=replace(plan.work, sharded=strategy == "fsdp"))
    if why_strategy:
        decisions.append(why_strategy)
    if checkpointing_asked is None:
        without = _estimate(plan, method, False)
        checkpointing = bool(without is not None and not without.fits)
        if checkpointing:
            decisions.append("gradient_checkpointing = on: without it the activations would not fit.")
    else:
        checkpointing = checkpointing_asked
    final_estimate = _estimate(plan, method, checkpointing)
    if final_estimate is not None:
        where = f"per GPU ({resources.gpu_type})" if resources.device == "cuda" else "on the CPU"
        time = f", ≈ {final_estimate.seconds / 60:.0f} min" if final_estimate.seconds else ""
        decisions.append(
            f"estimate: ≈ {final_estimate.total_gb:.2f} GB {where} of {budget} GB{time} "
            f"({final_estimate.trainable_parameters:,} of {final_estimate.parameters:,} parameters trained)."
        )

    max_seq_length = plan.work.seq_len
    if hp.max_seq_length == "auto":
        context = model.context_length or MAX_AUTO_SEQ_LEN
        decisions.append(
            f"max_seq_length = {max_seq_length}: the model's context ({context}) capped at {MAX_AUTO_SEQ_LEN}."
        )
    if hp.max_steps == "auto":
        decisions.append(
            f"max_steps = {max_steps}: {hp.epochs:g} epochs × {steps_per_epoch} steps per epoch "
            f"({items} {'rows of packed text (estimated)' if body.stage == 'cpt' else 'records'}, "
            f"batch {hp.batch_size} × accumulation {accumulation.steps})."
        )

    if hp.learning_rate == "auto":
        recommended = model.recommended.get("learning_rate") if method in ("lora", "qlora") else None
        default = DEFAULT_LORA_LR if method in ("lora", "qlora") else DEFAULT_FULL_LR
        learning_rate = (float(recommended) if recommended is not None else default) * hp.learning_rate_multiplier
        source = f"{model.family} family recommendation" if recommended is not None else f"the usual rate for {method}"
        if hp.learning_rate_multiplier != 1:
            source += f" × learning_rate_multiplier {hp.learning_rate_multiplier:g}"
        if body.stage in PREFERENCE_STAGES:
            tuned = learning_rate * PREFERENCE_LR_FACTOR
            decisions.append(
                f"learning_rate = {tuned:g}: a tenth of the {source} ({learning_rate:g}); preference tuning nudges "
                "a model that already answers well, and higher rates quickly overshoot."
            )
            learning_rate = tuned
        else:
            decisions.append(f"learning_rate = {learning_rate:g}: {source}.")
    else:
        if hp.learning_rate_multiplier != 1:
            raise InvalidInput(
                "learning_rate_multiplier scales the 'auto' learning rate; set learning_rate to 'auto' or drop the "
                "multiplier.",
                field="hyperparameters.learning_rate_multiplier",
            )
        if not 0 < hp.learning_rate <= 1:
            raise InvalidInput("learning_rate must be in (0, 1].", field="hyperparameters.learning_rate")
        learning_rate = hp.learning_rate

    if hp.lora_alpha == "auto":
        lora_alpha = 2.0 * hp.lora_r
        if method in ("lora", "qlora"):
            decisions.append(f"lora_alpha = {lora_alpha:g}: twice the rank ({hp.lora_r}).")
    else:
        if hp.lora_alpha <= 0:
            raise InvalidInput("lora_alpha must be positive.", field="hyperparameters.lora_alpha")
        lora_alpha = hp.lora_alpha

    if hp.save_steps == "auto":
        save_steps = max(1, math.ceil(max_steps / CHECKPOINTS_PER_RUN))
        decisions.append(f"save_steps = {save_steps}: about {CHECKPOINTS_PER_RUN} checkpoints over {max_steps} steps.")
    else:
        if hp.save_steps < 1:
            raise InvalidInput("save_steps must be at least 1.", field="hyperparameters.save_steps")
        save_steps = hp.save_steps

    if hp.packing == "auto" and body.stage in PREFERENCE_STAGES:
        packing = False
        decisions.append("packing = off: preference answers are compared side by side, padded per batch.")
    elif hp.packing == "auto":
        packing = True
        decisions.append("packing = on: examples share rows without padding; attention stays inside each example.")
    else:
        packing = hp.packing
    if hp.eval_steps == "auto":
        eval_steps = save_steps if evaluating else 0
    else:
        if not evaluating:
            raise InvalidInput(
                "eval_steps needs eval_fraction > 0 or an eval dataset (records to evaluate on).",
                field="hyperparameters.eval_steps",
            )
        eval_steps = hp.eval_steps
    if hp.early_stopping_patience is not None and not evaluating:
        raise InvalidInput(
            "early_stopping_patience needs eval_fraction > 0 or an eval dataset (an eval loss to watch).",
            field="hyperparameters.early_stopping_patience",
        )
    if (
        hp.freeze_trainable_layers
        and method == "freeze"
        and plan.arch
        and hp.freeze_trainable_layers > plan.arch.num_layers
    ):
        raise InvalidInput(
            f"freeze_trainable_layers {hp.freeze_trainable_layers} exceeds {model.name}'s {plan.arch.num_layers} layers.",
            field="hyperparameters.freeze_trainable_layers",
        )

    torch_compile, why = resolve_torch_compile(hp.torch_compile, method, resources.device)
    decisions.append(why)
    model_type = plan.arch.model_type if plan.arch else None
    liger, why = resolve_liger(hp.liger_kernels, resources.device, model_type, liger_installed())
    decisions.append(why)

    beta, beta_reason = _beta(body)
    if beta_reason:
        decisions.append(beta_reason)
    if body.stage == "sft" and hp.epochs > EPOCH_WARNING:
        decisions.append(
            f"warning: {hp.epochs:g} epochs of SFT risks overfitting; more than {EPOCH_WARNING} is rarely better."
        )
    if method in ("lora", "qlora") and hp.target_modules == "all-linear":
        decisions.append("target_modules = all-linear: LoRA on every linear layer except the output head.")

    return ResolvedTrainingSpec(
        stage=body.stage,
        method=cast(Method, method),
        loss_on=body.loss_on,
        model=ModelSource(
            name=model.name,
            path=model.source,
            variant="chat" if model.variant == "chat" else "base",
            default_system_prompt=model.default_system_prompt,
            trust_remote_code=model.trust_remote_code,
        ),
        dataset_path=dataset_path,
        dataset_records=records,
        eval_dataset_path=eval_dataset[1] if eval_dataset is not None else None,
        hyperparameters=ResolvedHyperparameters(
            **hp.model_dump(
                exclude={
                    "max_steps",
                    "learning_rate",
                    "max_seq_length",
                    "lora_alpha",
                    "save_steps",
                    "packing",
                    "gradient_checkpointing",
                    "precision",
                    "eval_steps",
                    "beta",
                    "gradient_accumulation_steps",
                    "effective_batch_size",
                    "torch_compile",
                    "liger_kernels",
                    "distributed_strategy",
                }
            ),
            gradient_accumulation_steps=accumulation.steps,
            torch_compile=torch_compile,
            liger_kernels=liger,
            distributed_strategy=strategy,
            beta=beta,
            max_steps=max_steps,
            learning_rate=learning_rate,
            max_seq_length=max_seq_length,
            lora_alpha=lora_alpha,
            save_steps=save_steps,
            packing=packing,
            gradient_checkpointing=checkpointing,
            precision=cast(Precision, precision),
            eval_steps=eval_steps,
        ),
        quantization=Quantization(compute_dtype=cast(Precision, precision)) if method == "qlora" else None,
        resources=resources,
        estimate=final_estimate,
        decisions=decisions,
    )
