"""The create body → run spec translation, and the names it gives back (pure; no database)."""

from __future__ import annotations

from typing import Any

import pytest

from backend.core.errors import InvalidInput
from backend.openai_compat.schemas import JobCreate
from backend.openai_compat.translate import fine_tuned_model_name, run_id_of_model, to_spec


def _spec(**body: Any) -> Any:
    return to_spec(JobCreate.model_validate({"model": "tiny-chat", "training_file": "ds_1", **body}))


def test_auto_everything_leaves_the_workbench_defaults() -> None:
    t = _spec()
    assert t.spec == {"dataset_id": "ds_1", "model": "tiny-chat", "hyperparameters": {}}
    assert t.method_type == "supervised"


def test_supervised_numbers_map_to_spec_names_and_back() -> None:
    t = _spec(
        seed=7,
        method={
            "type": "supervised",
            "supervised": {"hyperparameters": {"n_epochs": 2, "batch_size": "auto", "learning_rate_multiplier": 0.5}},
        },
    )
    assert t.spec["hyperparameters"] == {"epochs": 2, "learning_rate_multiplier": 0.5, "seed": 7}
    assert t.param("hyperparameters.epochs") == "method.supervised.hyperparameters.n_epochs"
    assert t.param("dataset_id") == "training_file"
    assert t.param("hyperparameters.lora_r") == "tunewright.hyperparameters.lora_r"


def test_legacy_hyperparameters_are_supervised() -> None:
    t = _spec(hyperparameters={"n_epochs": 1})
    assert t.spec["hyperparameters"] == {"epochs": 1}
    assert t.param("hyperparameters.epochs") == "hyperparameters.n_epochs"


def test_dpo_maps_to_the_dpo_stage_with_beta() -> None:
    t = _spec(method={"type": "dpo", "dpo": {"hyperparameters": {"beta": 0.2, "n_epochs": 1}}})
    assert t.spec == {
        "dataset_id": "ds_1",
        "model": "tiny-chat",
        "stage": "dpo",
        "hyperparameters": {"beta": 0.2, "epochs": 1},
    }
    assert t.param("stage") == "method.type"
    assert t.param("hyperparameters.beta") == "method.dpo.hyperparameters.beta"


def test_dpo_auto_beta_is_left_to_the_spec_default() -> None:
    assert _spec(method={"type": "dpo"}).spec["hyperparameters"] == {}


def test_the_extension_passes_workbench_settings_through() -> None:
    t = _spec(tunewright={"method": "qlora", "stage": "sft", "hyperparameters": {"lora_r": 16, "max_steps": 4}})
    assert t.spec["method"] == "qlora" and t.spec["stage"] == "sft"
    assert t.spec["hyperparameters"] == {"lora_r": 16, "max_steps": 4}


@pytest.mark.parametrize(
    ("body", "param"),
    [
        ({"hyperparameters": {"n_epochs": 1}, "method": {"type": "supervised"}}, "hyperparameters"),
        ({"method": {"type": "supervised", "dpo": {}}}, "method.dpo"),
        (
            {
                "method": {"type": "supervised", "supervised": {"hyperparameters": {"n_epochs": 2}}},
                "tunewright": {"hyperparameters": {"epochs": 3}},
            },
            "tunewright.hyperparameters.epochs",
        ),
        ({"method": {"type": "dpo"}, "tunewright": {"stage": "cpt"}}, "tunewright.stage"),
    ],
)
def test_contradictions_are_refused_naming_the_parameter(body: dict[str, Any], param: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _spec(**body)
    assert caught.value.field == param


def test_fine_tuned_names_end_with_the_run_id() -> None:
    name = fine_tuned_model_name("tiny-chat", "support", "run_abc")
    assert name == "ft:tiny-chat:default:support:run_abc"
    assert run_id_of_model(name) == "run_abc"
    assert run_id_of_model(fine_tuned_model_name("tiny-chat", None, "run_x")) == "run_x"
    assert run_id_of_model("tiny-chat") is None
