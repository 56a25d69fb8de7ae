"""The "auto" training hyperparameters, each resolved from what was asked and the facts it depends on.

Each function returns the value and the sentence recorded on the run (None when there is nothing to explain);
impossible values raise InvalidInput naming the field to change.
"""

from __future__ import annotations

import math

from backend.core.errors import InvalidInput
from backend.models import CatalogModel
from specs.training import PREFERENCE_STAGES, Hyperparameters, TrainingSpecCreate

DEFAULT_LORA_LR = 2e-4
DEFAULT_FULL_LR = 2e-5
MAX_AUTO_SEQ_LEN = 1024
CHECKPOINTS_PER_RUN = 4
EPOCH_WARNING = 3
BYTES_PER_TOKEN = 4  # rough size of a token in JSONL text, for the time estimate before tokenisation
# Preference stages start from a tuned model and move it less: "auto" is this share of the SFT rate.
PREFERENCE_LR_FACTOR = 0.1


def resolve_seq_len(body: TrainingSpecCreate, model: CatalogModel) -> int:
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


def seq_len_decision(model: CatalogModel, max_seq_length: int) -> str:
    context = model.context_length or MAX_AUTO_SEQ_LEN
    return f"max_seq_length = {max_seq_length}: the model's context ({context}) capped at {MAX_AUTO_SEQ_LEN}."


def cpt_rows(size_bytes: int, max_seq_length: int) -> int:
    """Rows of max_seq_length tokens that `size_bytes` of text packs into, estimated before tokenising."""
    return max(1, math.ceil(size_bytes / BYTES_PER_TOKEN / max_seq_length))


def resolve_learning_rate(body: TrainingSpecCreate, model: CatalogModel, method: str) -> tuple[float, str | None]:
    hp = body.hyperparameters
    if hp.learning_rate != "auto":
        if hp.learning_rate_multiplier != 1:
            raise InvalidInput(
                "learning_rate_multiplier scales the 'auto' learning rate; set learning_rate to 'auto' or drop the "
                "multiplier.",
                field="hyperparameters.learning_rate_multiplier",
            )
        if not 0 < hp.learning_rate <= 1:
            raise InvalidInput("learning_rate must be in (0, 1].", field="hyperparameters.learning_rate")
        return hp.learning_rate, None
    adapters = method in ("lora", "qlora")
    recommended = model.recommended.get("learning_rate") if adapters else None
    default = DEFAULT_LORA_LR if adapters else DEFAULT_FULL_LR
    learning_rate = (float(recommended) if recommended is not None else default) * hp.learning_rate_multiplier
    source = f"{model.family} family recommendation" if recommended is not None else f"the usual rate for {method}"
    if hp.learning_rate_multiplier != 1:
        source += f" × learning_rate_multiplier {hp.learning_rate_multiplier:g}"
    if body.stage not in PREFERENCE_STAGES:
        return learning_rate, f"learning_rate = {learning_rate:g}: {source}."
    tuned = learning_rate * PREFERENCE_LR_FACTOR
    return tuned, (
        f"learning_rate = {tuned:g}: a tenth of the {source} ({learning_rate:g}); preference tuning nudges "
        "a model that already answers well, and higher rates quickly overshoot."
    )


def resolve_lora_alpha(hp: Hyperparameters, method: str) -> tuple[float, str | None]:
    if hp.lora_alpha != "auto":
        if hp.lora_alpha <= 0:
            raise InvalidInput("lora_alpha must be positive.", field="hyperparameters.lora_alpha")
        return hp.lora_alpha, None
    lora_alpha = 2.0 * hp.lora_r
    why = f"lora_alpha = {lora_alpha:g}: twice the rank ({hp.lora_r})." if method in ("lora", "qlora") else None
    return lora_alpha, why


def resolve_save_steps(hp: Hyperparameters, max_steps: int) -> tuple[int, str | None]:
    if hp.save_steps != "auto":
        if hp.save_steps < 1:
            raise InvalidInput("save_steps must be at least 1.", field="hyperparameters.save_steps")
        return hp.save_steps, None
    save_steps = max(1, math.ceil(max_steps / CHECKPOINTS_PER_RUN))
    return save_steps, f"save_steps = {save_steps}: about {CHECKPOINTS_PER_RUN} checkpoints over {max_steps} steps."


def resolve_packing(body: TrainingSpecCreate) -> tuple[bool, str | None]:
    asked = body.hyperparameters.packing
    if asked != "auto":
        return asked, None
    if body.stage in PREFERENCE_STAGES:
        return False, "packing = off: preference answers are compared side by side, padded per batch."
    return True, "packing = on: examples share rows without padding; attention stays inside each example."


def resolve_eval_steps(hp: Hyperparameters, save_steps: int, evaluating: bool) -> int:
    """`evaluating`: the run holds out a share of its data or names an eval dataset."""
    if hp.eval_steps == "auto":
        eval_steps = save_steps if evaluating else 0
    elif not evaluating:
        raise InvalidInput(
            "eval_steps needs eval_fraction > 0 or an eval dataset (records to evaluate on).",
            field="hyperparameters.eval_steps",
        )
    else:
        eval_steps = hp.eval_steps
    if hp.early_stopping_patience is not None and not evaluating:
        raise InvalidInput(
            "early_stopping_patience needs eval_fraction > 0 or an eval dataset (an eval loss to watch).",
            field="hyperparameters.early_stopping_patience",
        )
    return eval_steps


def epochs_warning(body: TrainingSpecCreate) -> str | None:
    epochs = body.hyperparameters.epochs
    if body.stage == "sft" and epochs > EPOCH_WARNING:
        return f"warning: {epochs:g} epochs of SFT risks overfitting; more than {EPOCH_WARNING} is rarely better."
    return None
