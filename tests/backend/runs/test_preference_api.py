"""Preference stages through the API: the dataset kind must fit the stage, beta resolves per stage, and the
memory estimate accounts for the reference model."""

from __future__ import annotations

import json
from typing import Any

import pytest


def _upload(api: Any, name: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    body = "".join(json.dumps(record) + "\n" for record in records).encode()
    response = api.post("/api/datasets", files={"file": (name, body)})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
def pairs(api: Any) -> dict[str, Any]:
    records = [
        {"prompt": f"What is {i} + {i}?", "chosen": f"{2 * i}.", "rejected": f"Maybe {2 * i + 1}."} for i in range(12)
    ]
    dataset = _upload(api, "pairs.jsonl", records)
    assert dataset["format"] == "preference"
    return dataset


@pytest.fixture
def labelled(api: Any) -> dict[str, Any]:
    records = [
        {
            "messages": [{"role": "user", "content": f"Say {i}."}, {"role": "assistant", "content": f"{i}"}],
            "label": i % 2 == 0,
        }
        for i in range(12)
    ]
    dataset = _upload(api, "kto.jsonl", records)
    assert dataset["format"] == "kto"
    return dataset


def _create(api: Any, dataset: dict[str, Any], stage: str, **overrides: Any) -> Any:
    return api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat", "stage": stage, **overrides})


@pytest.mark.parametrize(
    ("stage", "fixture", "kind", "fits"),
    [
        ("dpo", "dataset", "messages", "stage sft"),
        ("kto", "pairs", "preference", "stage dpo or orpo or simpo"),
        ("simpo", "labelled", "kto", "stage kto"),
        ("sft", "pairs", "preference", "stage dpo or orpo or simpo"),
    ],
)
def test_a_stage_refuses_a_dataset_of_another_kind_naming_both(
    api: Any, request: pytest.FixtureRequest, queued_messages: Any, stage: str, fixture: str, kind: str, fits: str
) -> None:
    dataset = request.getfixturevalue(fixture)
    response = _create(api, dataset, stage)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["error"] == "InvalidInput" and error["field"] == "stage"
    assert f"holds {kind!r} records, which {fits} trains on" in error["detail"]
    assert api.get("/api/runs").json()["items"] == [] and queued_messages("cpu") == 0


@pytest.mark.parametrize(("stage", "beta"), [("dpo", 0.1), ("orpo", 0.1), ("simpo", 2.0)])
def test_beta_auto_resolves_per_stage_with_a_decision(
    api: Any, pairs: dict[str, Any], queued_messages: Any, stage: str, beta: float
) -> None:
    response = _create(api, pairs, stage)
    assert response.status_code == 201, response.text
    run = response.json()
    resolved = run["resolved_spec"]
    assert resolved["stage"] == stage and resolved["hyperparameters"]["beta"] == beta
    assert run["spec"]["hyperparameters"]["beta"] == "auto"
    decisions = resolved["decisions"]
    assert any(d.startswith(f"beta = {beta:g}: ") for d in decisions)
    assert resolved["hyperparameters"]["packing"] is False and any(d.startswith("packing = off") for d in decisions)
    assert queued_messages("cpu") == 1  # the records' rendering is checked before any GPU time


def test_auto_learning_rate_is_a_tenth_of_the_sft_rate(
    api: Any, pairs: dict[str, Any], dataset: dict[str, Any]
) -> None:
    sft = _create(api, dataset, "sft", method="lora").json()["resolved_spec"]
    dpo = _create(api, pairs, "dpo", method="lora").json()["resolved_spec"]
    assert dpo["hyperparameters"]["learning_rate"] == pytest.approx(sft["hyperparameters"]["learning_rate"] / 10)
    assert any(d.startswith("learning_rate = ") and "a tenth of the tiny family" in d for d in dpo["decisions"])
    asked = _create(api, pairs, "dpo", hyperparameters={"learning_rate": 0.01}).json()["resolved_spec"]
    assert asked["hyperparameters"]["learning_rate"] == 0.01


def test_kto_resolves_on_labelled_data_and_an_explicit_beta_is_kept(api: Any, labelled: dict[str, Any]) -> None:
    response = _create(api, labelled, "kto", hyperparameters={"beta": 0.25, "kto_undesirable_weight": 1.5})
    assert response.status_code == 201, response.text
    hp = response.json()["resolved_spec"]["hyperparameters"]
    assert hp["beta"] == 0.25 and hp["kto_undesirable_weight"] == 1.5 and hp["kto_desirable_weight"] == 1.0
    assert "beta = 0.25: as asked." in response.json()["resolved_spec"]["decisions"]


@pytest.mark.parametrize(
    ("stage", "overrides", "field"),
    [
        ("kto", {"hyperparameters": {"batch_size": 1}}, "hyperparameters.batch_size"),
        ("dpo", {"hyperparameters": {"beta": 0}}, "hyperparameters.beta"),
        ("dpo", {"hyperparameters": {"beta": "strong"}}, "hyperparameters.beta"),
        ("dpo", {"hyperparameters": {"packing": True}}, "hyperparameters.packing"),
        ("orpo", {"loss_on": "all"}, "loss_on"),
        ("ipo", {}, "stage"),
    ],
)
def test_bad_preference_settings_are_422_naming_the_field(
    api: Any,
    pairs: dict[str, Any],
    labelled: dict[str, Any],
    stage: str,
    overrides: dict[str, Any],
    field: str,
) -> None:
    response = _create(api, labelled if stage == "kto" else pairs, stage, **overrides)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field and response.json()["detail"]


def test_the_estimate_counts_a_reference_copy_only_where_one_is_held(api: Any, pairs: dict[str, Any]) -> None:
    def estimate(stage: str, method: str) -> dict[str, Any]:
        response = _create(api, pairs, stage, method=method)
        assert response.status_code == 201, response.text
        return dict(response.json()["resolved_spec"]["estimate"])

    full_dpo, full_orpo, lora_dpo = estimate("dpo", "full"), estimate("orpo", "full"), estimate("dpo", "lora")
    assert full_dpo["reference_gb"] > 0 and full_orpo["reference_gb"] == 0 and lora_dpo["reference_gb"] == 0
    assert full_dpo["total_gb"] == pytest.approx(full_orpo["total_gb"] + full_dpo["reference_gb"], abs=2e-3)


def test_a_family_is_preference_tuned_through_its_chat_model(api: Any, pairs: dict[str, Any]) -> None:
    response = api.post("/api/runs", json={"dataset_id": pairs["id"], "model": "tiny", "stage": "orpo"})
    assert response.status_code == 201, response.text
    resolved = response.json()["resolved_spec"]
    assert resolved["model"]["name"] == "tiny-chat"
    assert any(d.startswith("model = tiny-chat: orpo refines") for d in resolved["decisions"])
