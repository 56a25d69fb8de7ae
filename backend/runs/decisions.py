"""The product's opinions, as pure functions: which variant of a family and which method to train, and why.

- Little data (< small_data_threshold): the family's chat model, with LoRA so its alignment survives.
- Preference tuning (dpo, orpo, simpo, kto): always the chat model, whatever the data size: it refines a model
  that already follows instructions, and a base model has no answers worth ranking yet.
- Much data (≥ large_data_threshold) or in between: the base model when full fine-tuning fits the GPUs,
  otherwise the chat model with LoRA.
- Method: full for models up to full_finetune_max_params when it fits; LoRA when it does not (or above that
  size); QLoRA when LoRA does not fit either.
Every choice comes with a sentence for the run's decision list.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

METHODS_BY_PREFERENCE = ("full", "lora", "qlora")


@dataclass(frozen=True)
class Policy:
    small_data: int
    large_data: int
    full_max_params: float


@dataclass(frozen=True)
class Candidate:
    name: str
    variant: str  # base | chat
    parameters: int | None


Fits = Callable[[Candidate, str], bool]


def _params(c: Candidate) -> str:
    return f"{c.parameters / 1e9:.2g}B" if c.parameters and c.parameters >= 1e8 else f"{c.parameters or '?'}"


def choose_variant(family: Sequence[Candidate], records: int, policy: Policy, fits: Fits) -> tuple[Candidate, str]:
    chat = next((c for c in family if c.variant == "chat"), None)
    base = next((c for c in family if c.variant == "base"), None)
    if chat is None or base is None:
        only = chat or base
        assert only is not None, "a family has at least one model"
        return only, f"model = {only.name}: the only variant of its family in the catalog."
    if records < policy.small_data:
        return chat, (
            f"model = {chat.name}: {records:,} records is little data (< {policy.small_data:,}); fine-tuning the chat "
            "model keeps its alignment."
        )
    size = "much data" if records >= policy.large_data else "a middling amount of data"
    if fits(base, "full"):
        return base, f"model = {base.name}: {records:,} records is {size} and full fine-tuning of the base model fits."
    return chat, (
        f"model = {chat.name}: {records:,} records is {size}, but full fine-tuning of {base.name} does not fit the "
        "GPUs, so the chat model is adapted with LoRA."
    )


def choose_variant_for_preference(family: Sequence[Candidate], stage: str) -> tuple[Candidate, str]:
    chat = next((c for c in family if c.variant == "chat"), None)
    if chat is None:
        only = family[0]
        return only, f"model = {only.name}: the only variant of its family in the catalog."
    return chat, (
        f"model = {chat.name}: {stage} refines a model that already follows instructions, so a family's chat model "
        "is tuned, whatever the data size."
    )


def choose_method(model: Candidate, records: int, policy: Policy, fits: Fits) -> tuple[str | None, str]:
    """The method for `model`, or None (with the reason) when nothing fits."""
    if model.variant == "chat" and records < policy.small_data:
        for method in ("lora", "qlora"):
            if fits(model, method):
                why = "its alignment survives" if method == "lora" else "LoRA does not fit in memory, QLoRA does"
                return method, f"method = {method}: a chat model with little data is adapted, not retrained; {why}."
        return None, f"neither LoRA nor QLoRA of {model.name} fits in memory"
    too_big = model.parameters is not None and model.parameters > policy.full_max_params
    for method in METHODS_BY_PREFERENCE:
        if method == "full" and too_big:
            continue
        if fits(model, method):
            if method == "full":
                return method, f"method = full: {model.name} ({_params(model)} parameters) fits fully in memory."
            reason = (
                f"above {policy.full_max_params / 1e9:g}B parameters adapters are the better trade-off"
                if too_big
                else "full fine-tuning does not fit in memory"
            )
            if method == "qlora":
                reason += " and neither does LoRA"
            return method, f"method = {method}: {reason}."
    return None, f"no method of training {model.name} fits in memory"
