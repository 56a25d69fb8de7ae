"""Mixtures through the API: the preview's token budget (report-based or chars/4), materialisation by the task
(in process, on the real database and storage) into a dataset a run can train on, versions by name, and 422s."""

from __future__ import annotations

import json
from typing import Any

from backend.core.db import session_scope
from backend.core.ids import new_id
from backend.models import DatasetReport


def _upload(api: Any, name: str, count: int) -> tuple[dict[str, Any], str]:
    lines = [
        json.dumps({"messages": [{"role": "user", "content": f"{name} q{i}"}, {"role": "assistant", "content": "a"}]})
        for i in range(count)
    ]
    dataset = api.post("/api/datasets", files={"file": (f"{name}.jsonl", "\n".join(lines).encode())}).json()
    version = api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"][0]
    return dataset, version["id"]


def _report(dataset: dict[str, Any], tokens_per_record: int) -> None:
    """A finished data report, as the CPU worker records it (only the fields the budget reads)."""
    records = dataset["record_count"]
    result = {"records": records, "tokens": {"total": {"total": records * tokens_per_record}}}
    with session_scope() as session:
        session.add(
            DatasetReport(
                id=new_id("rep"),
                owner_id=_owner(dataset),
                project_id=dataset["project_id"],
                dataset_id=dataset["id"],
                model="tiny-chat",
                max_length=512,
                near_duplicate_threshold=0.8,
                status="succeeded",
                result=result,
            )
        )


def _owner(dataset: dict[str, Any]) -> str:
    from backend.models import Dataset

    with session_scope() as session:
        row = session.get(Dataset, dataset["id"])
        assert row is not None
        return row.owner_id


def test_preview_materialise_and_train_on_a_mixture(api: Any) -> None:
    from worker.tasks.mixing import materialise_mixture

    domain, domain_version = _upload(api, "domain", 10)
    general, general_version = _upload(api, "general", 100)
    _report(domain, 20)
    _report(general, 20)
    body = {
        "name": "finance-mix",
        "seed": 5,
        "sources": [
            {"dataset_version_id": domain_version, "ratio": 1},
            {"dataset_version_id": general_version, "ratio": 5},
        ],
    }
    preview = api.post("/api/mixtures/preview", json=body)
    assert preview.status_code == 200, preview.text
    budget = preview.json()
    assert budget["approximate"] is False and budget["total_tokens"] == 1200 and budget["total_records"] == 60
    first, second = budget["sources"]
    assert (first["tokens"], first["records_out"], first["estimate"]) == (200, 10, "report")
    assert (second["tokens"], second["records_out"], round(second["share"], 3)) == (1000, 50, 0.833)

    created = api.post("/api/mixtures", json=body)
    assert created.status_code == 202, created.text
    mixture = created.json()
    assert mixture["status"] == "queued" and mixture["version"] == 1 and mixture["plan"]["total_records"] == 60
    assert materialise_mixture(mixture["id"]) == "succeeded"
    assert materialise_mixture(mixture["id"]) == "not-queued"
    done = api.get(f"/api/mixtures/{mixture['id']}").json()
    assert done["status"] == "succeeded" and done["dataset_id"]
    made = api.get(f"/api/datasets/{done['dataset_id']}").json()
    assert made["record_count"] == 60 and made["name"] == "finance-mix v1"
    (version,) = api.get(f"/api/datasets/{made['id']}/versions").json()["items"]
    assert version["operation"] == "mixture" and version["parameters"]["mixture_id"] == mixture["id"]
    assert version["sha256"] == made["sha256"]

    again = api.post("/api/mixtures", json=body).json()
    assert again["version"] == 2
    materialise_mixture(again["id"])
    remade_id = api.get(f"/api/mixtures/{again['id']}").json()["dataset_id"]
    remade = api.get(f"/api/datasets/{remade_id}").json()
    assert remade["sha256"] == made["sha256"]  # the same seed and sources: the same records

    run = api.post("/api/runs", json={"dataset_id": made["id"], "model": "tiny-chat"})
    assert run.status_code == 201, run.text
    assert run.json()["resolved_spec"]["dataset_sha256"] == made["sha256"]
    listed = api.get("/api/mixtures").json()["items"]
    assert [m["id"] for m in listed] == [again["id"], mixture["id"]]

    assert api.delete(f"/api/mixtures/{mixture['id']}").status_code == 204
    assert api.get(f"/api/mixtures/{mixture['id']}").status_code == 404
    assert api.get(f"/api/datasets/{made['id']}").status_code == 200  # its dataset stays
    queued = api.post("/api/mixtures", json=body).json()
    assert api.delete(f"/api/mixtures/{queued['id']}").status_code == 409  # still to be materialised


def test_a_version_without_records_cannot_be_trained_on(api: Any) -> None:
    from worker.tasks.cleaning import clean_version

    dataset, _ = _upload(api, "tiny", 3)
    version = api.post(f"/api/datasets/{dataset['id']}/clean", json={"max_length": 1}).json()
    assert clean_version(version["id"]) == "succeeded"
    assert api.get(f"/api/dataset-versions/{version['id']}").json()["record_count"] == 0
    run = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"})
    assert run.status_code == 422 and "no records" in run.json()["detail"]


def test_without_a_report_the_budget_is_chars_over_four_and_says_so(api: Any) -> None:
    dataset, version = _upload(api, "plain", 8)
    budget = api.post(
        "/api/mixtures/preview", json={"name": "m", "sources": [{"dataset_version_id": version, "target_tokens": 10}]}
    ).json()
    (source,) = budget["sources"]
    assert budget["approximate"] is True and source["estimate"] == "chars/4"
    assert source["available_tokens"] == dataset["size_bytes"] // 4


def test_bad_mixtures_are_422(api: Any) -> None:
    _, version = _upload(api, "one", 4)
    text = api.post("/api/datasets", files={"file": ("t.jsonl", b'{"text": "some words"}\n')}).json()
    text_version = api.get(f"/api/datasets/{text['id']}/versions").json()["items"][0]["id"]
    cases = [
        {"name": "m", "sources": []},
        {"name": "m", "sources": [{"dataset_version_id": version}]},
        {"name": "m", "sources": [{"dataset_version_id": version, "ratio": 1, "target_tokens": 5}]},
        {"name": "m", "sources": [{"dataset_version_id": version, "ratio": -1}]},
        {"name": "m", "sources": [{"dataset_version_id": "dsv_missing", "ratio": 1}]},
        {
            "name": "m",
            "sources": [{"dataset_version_id": version, "ratio": 1}, {"dataset_version_id": version, "ratio": 2}],
        },
        {
            "name": "m",
            "sources": [{"dataset_version_id": version, "ratio": 1}, {"dataset_version_id": text_version, "ratio": 1}],
        },
    ]
    for body in cases:
        for url in ("/api/mixtures/preview", "/api/mixtures"):
            response = api.post(url, json=body)
            assert response.status_code == 422, (url, body, response.text)
    assert api.get("/api/mixtures/mix_missing").status_code == 404
