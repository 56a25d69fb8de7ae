"""Turn a submitted spec into the exact one the engine runs: every "auto" replaced, every choice explained."""

from __future__ import annotations

import math

from backend.core.errors import InvalidInput
from backend.models import CatalogModel, Dataset
from specs.training import ModelSource, ResolvedHyperparameters, ResolvedTrainingSpec, TrainingSpecCreate

DEFAULT_LORA_LR = 2e-4
MAX_AUTO_SEQ_LEN = 1024
CHECKPOINTS_PER_RUN = 4
EPOCH_WARNING = 3


def resolve(body: TrainingSpecCreate, dataset: Dataset, model: CatalogModel, dataset_path: str) -> ResolvedTrainingSpec:
    hp = body.hyperparameters
    decisions: list[str] = []
    context = model.context_length or MAX_AUTO_SEQ_LEN

    if hp.max_seq_length == "auto":
        max_seq_length = min(context, MAX_AUTO_SEQ_LEN)
        decisions.append(
            f"max_seq_length = {max_seq_length}: the model's context ({context}) capped at {MAX_AUTO_SEQ_LEN}."
        )
    else:
        if hp.max_seq_length > context:
            raise InvalidInput(
                f"max_seq_length {hp.max_seq_length} exceeds {model.name}'s context length of {context} tokens; "
                f"use at most {context}.",
                field="hyperparameters.max_seq_length",
            )
        if hp.max_seq_length < 16:
            raise InvalidInput("max_seq_length must be at least 16 tokens.", field="hyperparameters.max_seq_length")
        max_seq_length = hp.max_seq_length

    steps_per_epoch = math.ceil(math.ceil(dataset.record_count / hp.batch_size) / hp.gradient_accumulation_steps)
    if hp.max_steps == "auto":
        max_steps = max(1, math.ceil(steps_per_epoch * hp.epochs))
        decisions.append(
            f"max_steps = {max_steps}: {hp.epochs:g} epochs × {steps_per_epoch} steps per epoch "
            f"({dataset.record_count} records, batch {hp.batch_size} × accumulation {hp.gradient_accumulation_steps})."
        )
    else:
        if hp.max_steps < 1:
            raise InvalidInput("max_steps must be at least 1.", field="hyperparameters.max_steps")
        max_steps = hp.max_steps

    if hp.learning_rate == "auto":
        recommended = model.recommended.get("learning_rate")
        learning_rate = float(recommended) if recommended is not None else DEFAULT_LORA_LR
        source = f"{model.family} family recommendation" if recommended is not None else "the usual LoRA rate"
        decisions.append(f"learning_rate = {learning_rate:g}: {source}.")
    else:
        if not 0 < hp.learning_rate <= 1:
            raise InvalidInput("learning_rate must be in (0, 1].", field="hyperparameters.learning_rate")
        learning_rate = hp.learning_rate

    if hp.lora_alpha == "auto":
        lora_alpha = 2.0 * hp.lora_r
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

    if hp.epochs > EPOCH_WARNING:
        decisions.append(
            f"warning: {hp.epochs:g} epochs of SFT risks overfitting; more than {EPOCH_WARNING} is rarely better."
        )
    if body.hyperparameters.target_modules == "all-linear":
        decisions.append("target_modules = all-linear: LoRA on every linear layer except the output head.")

    return ResolvedTrainingSpec(
        stage=body.stage,
        method=body.method,
        loss_on=body.loss_on,
        model=ModelSource(
            name=model.name,
            path=model.source,
            variant="chat" if model.variant == "chat" else "base",
            default_system_prompt=model.default_system_prompt,
        ),
        dataset_path=dataset_path,
        dataset_records=dataset.record_count,
        hyperparameters=ResolvedHyperparameters(
            **hp.model_dump(exclude={"max_steps", "learning_rate", "max_seq_length", "lora_alpha", "save_steps"}),
            max_steps=max_steps,
            learning_rate=learning_rate,
            max_seq_length=max_seq_length,
            lora_alpha=lora_alpha,
            save_steps=save_steps,
        ),
        decisions=decisions,
    )
