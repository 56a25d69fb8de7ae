"""What each training stage accepts: the kind of data it trains on, its limits, and its beta."""

from __future__ import annotations

from backend.core.errors import InvalidInput
from backend.models import Dataset
from specs.training import PREFERENCE_STAGES, Stage, TrainingSpecCreate

# Which dataset kinds each stage can train on.
STAGE_DATA: dict[Stage, tuple[str, ...]] = {
    "sft": ("messages",),
    "cpt": ("text",),
    "dpo": ("preference",),
    "orpo": ("preference",),
    "simpo": ("preference",),
    "kto": ("kto",),
}
MAX_BETA = 100.0
# beta = "auto" per preference stage, with the reason shown on the run.
AUTO_BETA: dict[Stage, tuple[float, str]] = {
    "dpo": (0.1, "DPO's usual strength of the pull towards the reference model"),
    "kto": (0.1, "KTO's usual strength of the pull towards the reference model"),
    "orpo": (0.1, "ORPO's usual lambda, the weight of the odds-ratio term next to the NLL loss"),
    "simpo": (2.0, "SimPO's usual reward scale"),
}


def check_stage_kind(stage: Stage, kind: str, what: str) -> None:
    """`what` holds records of `kind` ("dataset ds_…", "mixture finance-mix v2 (mix_…)"): can `stage` train on it?"""
    needed = STAGE_DATA[stage]
    if kind not in needed:
        fitting = [s for s, kinds in STAGE_DATA.items() if kind in kinds]
        fits = f"which stage {' or '.join(fitting)} trains on" if fitting else "which no stage trains on"
        noun = what.split(" ", 1)[0]
        raise InvalidInput(
            f"Stage {stage!r} trains on {' or '.join(needed)} data, but {what} holds {kind!r} records, {fits}; "
            f"choose a matching {noun} or stage.",
            field="stage",
        )


def check_stage_data(body: TrainingSpecCreate, dataset: Dataset) -> None:
    check_stage_kind(body.stage, dataset.format, f"dataset {dataset.id}")
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


def resolve_beta(body: TrainingSpecCreate) -> tuple[float, str | None]:
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
