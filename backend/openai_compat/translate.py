"""Pure translation between OpenAI's fine-tuning vocabulary and the workbench's run spec, both ways.

A `/v1` job is a run: the create body becomes a `TrainingSpecCreate`-shaped dict (validated by the runs domain, as
any run is), and a field the runs domain complains about is named back as the caller wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from backend.core.errors import InvalidInput
from backend.openai_compat.schemas import JobCreate, SupervisedHyperparameters

DEFAULT_PROJECT = "default"  # the Default project's slug: the project part of names from before projects
# OpenAI's hyperparameter names → the run spec's.
SPEC_NAMES = {"n_epochs": "epochs", "batch_size": "batch_size", "learning_rate_multiplier": "learning_rate_multiplier"}
SPEC_NAMES_DPO = {**SPEC_NAMES, "beta": "beta"}
JOB_STATUS = {
    "validating": "validating_files",
    "queued": "queued",
    "running": "running",
    "paused": "paused",
    "succeeded": "succeeded",
    "failed": "failed",
    "cancelled": "cancelled",
}


@dataclass
class Translation:
    spec: dict[str, Any]
    method_type: str
    # Run-spec field path → the create body's parameter it came from.
    origins: dict[str, str] = field(default_factory=dict)

    def param(self, spec_field: str | None) -> str | None:
        """The create-body parameter a run-spec error is about."""
        if spec_field is None:
            return None
        if spec_field in self.origins:
            return self.origins[spec_field]
        fixed = {"dataset_id": "training_file", "eval_dataset_id": "validation_file", "model": "model"}
        if spec_field in fixed:
            return fixed[spec_field]
        if spec_field == "stage" and self.method_type == "dpo":
            return "method.type"
        return f"tunewright.{spec_field}"


def _chosen_hyperparameters(body: JobCreate) -> tuple[str, SupervisedHyperparameters | None, str]:
    """(method type, its hyperparameters as sent, their parameter path)."""
    if body.method is None:
        return "supervised", body.hyperparameters, "hyperparameters"
    if body.hyperparameters is not None:
        raise InvalidInput(
            "Send hyperparameters either in `method.<type>.hyperparameters` or in the deprecated top-level "
            "`hyperparameters`, not both.",
            field="hyperparameters",
        )
    kind = body.method.type
    other = "dpo" if kind == "supervised" else "supervised"
    if getattr(body.method, other) is not None:
        raise InvalidInput(
            f"method.type is {kind!r}, so `method.{other}` does not apply; remove it.", field=f"method.{other}"
        )
    block = getattr(body.method, kind)
    return kind, (block.hyperparameters if block is not None else None), f"method.{kind}.hyperparameters"


def to_spec(body: JobCreate) -> Translation:
    kind, openai_hp, prefix = _chosen_hyperparameters(body)
    ext = body.tunewright
    translation = Translation(spec={}, method_type=kind)
    hp: dict[str, Any] = (
        ext.hyperparameters.model_dump(mode="json", exclude_unset=True) if ext and ext.hyperparameters else {}
    )
    names = SPEC_NAMES_DPO if kind == "dpo" else SPEC_NAMES
    sent = openai_hp.model_dump(exclude_unset=True) if openai_hp is not None else {}
    pairs = [(f"{prefix}.{name}", names[name], value) for name, value in sent.items() if value != "auto"]
    if body.seed is not None:
        pairs.append(("seed", "seed", body.seed))
    for param, spec_name, value in pairs:
        if spec_name in hp:
            raise InvalidInput(
                f"{param} and tunewright.hyperparameters.{spec_name} set the same thing; send only one.",
                field=f"tunewright.hyperparameters.{spec_name}",
            )
        hp[spec_name] = value
        translation.origins[f"hyperparameters.{spec_name}"] = param
    spec: dict[str, Any] = {"dataset_id": body.training_file, "model": body.model, "hyperparameters": hp}
    if body.validation_file is not None:
        spec["eval_dataset_id"] = body.validation_file
    if kind == "dpo":
        if ext is not None and ext.stage not in (None, "dpo"):
            raise InvalidInput(
                f"method.type 'dpo' trains the dpo stage; tunewright.stage {ext.stage!r} contradicts it.",
                field="tunewright.stage",
            )
        spec["stage"] = "dpo"
    if ext is not None:
        extras = ext.model_dump(mode="json", exclude_unset=True, exclude={"hyperparameters"})
        spec.update({key: value for key, value in extras.items() if value is not None})
    if kind == "dpo":
        spec["stage"] = "dpo"
    translation.spec = spec
    return translation


def fine_tuned_model_name(base: str, suffix: str | None, run_id: str, project: str = DEFAULT_PROJECT) -> str:
    """`ft:<base>:<project slug>:<suffix>:<job id>`; serving takes the last part as the run id."""
    return f"ft:{base}:{project}:{suffix or ''}:{run_id}"


def run_id_of_model(name: str) -> str | None:
    parts = name.split(":")
    return parts[-1] if len(parts) == 5 and parts[0] == "ft" else None


def as_number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value
