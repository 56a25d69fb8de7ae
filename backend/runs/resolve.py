"""Turn a submitted spec into the exact one the engine runs: every "auto" replaced, every choice explained.

Order matters: the hardware and precision first, then the model (a family's chat or base variant), then the
method, then the memory switches (gradient checkpointing), each checked against the pre-flight estimate. A run
that cannot fit fails here, before it queues, with concrete suggestions. The single choices live beside this
module: hardware.py, fitting.py, stages.py, hyperparameters.py, engine_options.py, decisions.py.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace
from typing import cast

from backend.catalog.architecture import read_architecture
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
from backend.runs.estimate import Workload
from backend.runs.fitting import Plan, plan_estimate, plan_fits, suggestions
from backend.runs.hardware import resolve_precision, resolve_resources
from backend.runs.hyperparameters import (
    BYTES_PER_TOKEN,
    cpt_rows,
    epochs_warning,
    resolve_eval_steps,
    resolve_learning_rate,
    resolve_lora_alpha,
    resolve_packing,
    resolve_save_steps,
    resolve_seq_len,
    seq_len_decision,
)
from backend.runs.stages import check_stage_data, resolve_beta
from specs.training import (
    PREFERENCE_STAGES,
    Method,
    ModelSource,
    Precision,
    Quantization,
    ResolvedHyperparameters,
    ResolvedTrainingSpec,
    TrainingSpecCreate,
)


def _parameters(model: CatalogModel, plan: Plan) -> int | None:
    return model.parameter_count or (plan.arch.parameters() if plan.arch else None)


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
    check_stage_data(body, dataset)
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
    resources = resolve_resources(body, settings)
    # One process per GPU; a CPU run takes the worker's cpu_processes (worker/tasks/training.py).
    devices = resources.gpus if resources.device == "cuda" else settings.cpu_processes
    accumulation = resolve_accumulation(hp.batch_size, hp.gradient_accumulation_steps, hp.effective_batch_size, devices)
    if accumulation.decision:
        decisions.append(accumulation.decision)
    precision, why = resolve_precision(body, resources)
    decisions.append(why)
    budget = resources.gpu_memory_gb if resources.device == "cuda" else settings.cpu_budget_gb
    policy = Policy(settings.small_data_threshold, settings.large_data_threshold, settings.full_finetune_max_params)
    records, size_bytes = sizes or (dataset.record_count, dataset.size_bytes)

    # A training item is a record (a conversation, a pair, a KTO example), or for CPT a row of max_seq_length
    # tokens (estimated before tokenising).
    items = records if body.stage != "cpt" else cpt_rows(size_bytes, resolve_seq_len(body, candidates[0]))
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
            seq_len=resolve_seq_len(body, model),
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
        return plan_fits(plans[candidate.name], method, checkpointing_asked)

    family = [Candidate(m.name, m.variant, _parameters(m, plans[m.name])) for m in candidates]
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
                f"{why} ({budget} GB per device). Try: {suggestions(plan, 'qlora', False)}.", field="method"
            )
        method = picked
        decisions.append(why)
    else:
        method = body.method
        decisions.append(f"method = {method}: as asked.")
        if not fits(chosen, method):
            result = plan_estimate(plan, method, bool(checkpointing_asked))
            assert result is not None
            raise InvalidInput(
                f"{method} fine-tuning of {model.name} needs ≈ {result.total_gb:.1f} GB per device but "
                f"{budget} GB are available. Try: {suggestions(plan, method, bool(checkpointing_asked))}.",
                field="method",
            )

    strategy, why_strategy = resolve_strategy(
        hp.distributed_strategy,
        method,
        devices,
        plan_fits(replace(plan, work=replace(plan.work, sharded=False)), method, checkpointing_asked),
        plan_fits(replace(plan, work=replace(plan.work, sharded=True)), method, checkpointing_asked),
    )
    plan = replace(plan, work=replace(plan.work, sharded=strategy == "fsdp"))
    if why_strategy:
        decisions.append(why_strategy)
    if checkpointing_asked is None:
        without = plan_estimate(plan, method, False)
        checkpointing = bool(without is not None and not without.fits)
        if checkpointing:
            decisions.append("gradient_checkpointing = on: without it the activations would not fit.")
    else:
        checkpointing = checkpointing_asked
    final_estimate = plan_estimate(plan, method, checkpointing)
    if final_estimate is not None:
        where = f"per GPU ({resources.gpu_type})" if resources.device == "cuda" else "on the CPU"
        time = f", ≈ {final_estimate.seconds / 60:.0f} min" if final_estimate.seconds else ""
        decisions.append(
            f"estimate: ≈ {final_estimate.total_gb:.2f} GB {where} of {budget} GB{time} "
            f"({final_estimate.trainable_parameters:,} of {final_estimate.parameters:,} parameters trained)."
        )

    max_seq_length = plan.work.seq_len
    if hp.max_seq_length == "auto":
        decisions.append(seq_len_decision(model, max_seq_length))
    if hp.max_steps == "auto":
        decisions.append(
            f"max_steps = {max_steps}: {hp.epochs:g} epochs × {steps_per_epoch} steps per epoch "
            f"({items} {'rows of packed text (estimated)' if body.stage == 'cpt' else 'records'}, "
            f"batch {hp.batch_size} × accumulation {accumulation.steps})."
        )
    learning_rate, why_lr = resolve_learning_rate(body, model, method)
    lora_alpha, why_alpha = resolve_lora_alpha(hp, method)
    save_steps, why_save = resolve_save_steps(hp, max_steps)
    packing, why_packing = resolve_packing(body)
    decisions.extend(why for why in (why_lr, why_alpha, why_save, why_packing) if why)
    eval_steps = resolve_eval_steps(hp, save_steps, evaluating)
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

    beta, why_beta = resolve_beta(body)
    decisions.extend(why for why in (why_beta, epochs_warning(body)) if why)
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
