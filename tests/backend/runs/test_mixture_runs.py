"""Runs on a mixture (`mixture_id` instead of `dataset_id`): mixtures materialised by the task in process (on the
real database and storage), the run trains on the mixture's version and records run → mixture → sources, and every
refusal says what to change."""

from __future__ import annotations

from typing import Any

from tests.backend.mixtures.test_cross_kind_api import _chats, _text
from tests.backend.mixtures.test_mixtures_api import _upload


def _mixture(api: Any, sources: list[str], name: str = "domain-general", materialise: bool = True) -> dict[str, Any]:
    from worker.tasks.mixing import materialise_mixture

    body = {
        "name": name,
        "seed": 7,
        "sources": [{"dataset_version_id": v, "ratio": r} for v, r in zip(sources, (1, 5), strict=False)],
    }
    created = api.post("/api/mixtures", json=body)
    assert created.status_code == 202, created.text
    if materialise:
        assert materialise_mixture(created.json()["id"]) == "succeeded"
    return dict(api.get(f"/api/mixtures/{created.json()['id']}").json())


def test_a_run_trains_on_a_mixture_and_records_its_lineage(api: Any) -> None:
    domain, domain_version = _upload(api, "domain", 10)
    _, general_version = _upload(api, "general", 40)
    mixture = _mixture(api, [domain_version, general_version])
    assert mixture["status"] == "succeeded"

    created = api.post("/api/runs", json={"mixture_id": mixture["id"], "model": "tiny-chat"})
    assert created.status_code == 201, created.text
    run = created.json()
    assert run["mixture_id"] == mixture["id"]
    assert (run["dataset_id"], run["dataset_version_id"]) == (mixture["dataset_id"], mixture["dataset_version_id"])
    assert run["name"] == "tiny-chat on domain-general v1"
    resolved = run["resolved_spec"]
    made = api.get(f"/api/dataset-versions/{mixture['dataset_version_id']}").json()
    assert resolved["dataset_sha256"] == made["sha256"] and resolved["dataset_records"] == made["record_count"]
    lineage = resolved["mixture"]
    assert {k: lineage[k] for k in ("id", "name", "version", "seed", "kind")} == {
        "id": mixture["id"],
        "name": "domain-general",
        "version": 1,
        "seed": 7,
        "kind": "messages",
    }
    assert [s["dataset_version_id"] for s in lineage["sources"]] == [domain_version, general_version]
    first, second = lineage["sources"]
    assert first["sha256"] == api.get(f"/api/dataset-versions/{domain_version}").json()["sha256"]
    assert second["sha256"] == api.get(f"/api/dataset-versions/{general_version}").json()["sha256"]
    assert (first["dataset_id"], first["dataset_name"], first["version"]) == (domain["id"], "domain", 1)
    assert (first["ratio"], second["ratio"], first["sampling"]) == (1, 5, "down")
    assert first["records_out"] + second["records_out"] == made["record_count"]
    assert any(
        d.startswith(f"data = mixture domain-general v1 ({mixture['id']}, seed 7)") for d in resolved["decisions"]
    )

    assert api.get(f"/api/runs/{run['id']}").json()["mixture_id"] == mixture["id"]
    plain = api.post("/api/runs", json={"dataset_id": domain["id"], "model": "tiny-chat"}).json()
    assert plain["mixture_id"] is None and plain["resolved_spec"].get("mixture") is None


def test_a_text_mixture_trains_continued_pretraining_only(api: Any) -> None:
    _, text_version = _text(api, "manuals", 12)
    mixture = _mixture(api, [text_version], name="manuals-mix")
    sft = api.post("/api/runs", json={"mixture_id": mixture["id"], "model": "tiny-chat"})
    assert sft.status_code == 422 and sft.json()["field"] == "stage"
    assert f"mixture manuals-mix v1 ({mixture['id']}) holds 'text' records" in sft.json()["detail"]
    assert "which stage cpt trains on" in sft.json()["detail"]
    cpt = api.post("/api/runs", json={"mixture_id": mixture["id"], "model": "tiny-base", "stage": "cpt"})
    assert cpt.status_code == 201, cpt.text
    assert cpt.json()["stage"] == "cpt" and cpt.json()["mixture_id"] == mixture["id"]


def test_the_data_is_named_once(api: Any) -> None:
    dataset, version = _upload(api, "domain", 6)
    mixture = _mixture(api, [version])
    both = api.post("/api/runs", json={"dataset_id": dataset["id"], "mixture_id": mixture["id"], "model": "tiny-chat"})
    assert both.status_code == 422 and both.json()["field"] == "mixture_id"
    assert "not both" in both.json()["detail"]
    neither = api.post("/api/runs", json={"model": "tiny-chat"})
    assert neither.status_code == 422 and neither.json()["field"] == "dataset_id"
    assert "dataset_id" in neither.json()["detail"] and "mixture_id" in neither.json()["detail"]
    with_version = api.post(
        "/api/runs",
        json={"mixture_id": mixture["id"], "dataset_version_id": mixture["dataset_version_id"], "model": "tiny-chat"},
    )
    assert with_version.status_code == 422 and with_version.json()["field"] == "dataset_version_id"
    assert "remove dataset_version_id" in with_version.json()["detail"]
    assert api.get("/api/runs").json()["items"] == []


def test_a_mixture_out_of_sight_reads_as_missing(api: Any, analyst: Any) -> None:
    unknown = api.post("/api/runs", json={"mixture_id": "mix_nope", "model": "tiny-chat"})
    assert unknown.status_code == 422 and unknown.json()["field"] == "mixture_id"
    assert unknown.json()["detail"] == "No mixture 'mix_nope'."

    project = api.post("/api/projects", json={"name": "Elsewhere"}).json()
    content = b'{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]}\n' * 4
    dataset = api.post(
        "/api/datasets", files={"file": ("elsewhere.jsonl", content)}, data={"project_id": project["id"]}
    ).json()
    version = api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"][0]["id"]
    mixture = _mixture(api, [version], name="elsewhere-mix")
    assert mixture["project_id"] == project["id"]

    hidden = analyst.post("/api/runs", json={"mixture_id": mixture["id"], "model": "tiny-chat"})
    assert hidden.status_code == 422 and hidden.json()["detail"] == f"No mixture {mixture['id']!r}."
    moved = api.post(
        "/api/runs", params={"project_id": "prj_default"}, json={"mixture_id": mixture["id"], "model": "tiny-chat"}
    )
    assert moved.status_code == 422 and moved.json()["field"] == "mixture_id"
    assert "in this project" in moved.json()["detail"]
    placed = api.post("/api/runs", json={"mixture_id": mixture["id"], "model": "tiny-chat"})
    assert placed.status_code == 201 and placed.json()["project_id"] == project["id"]


def test_only_a_materialised_mixture_is_trained_on(api: Any) -> None:
    from worker.tasks.mixing import materialise_mixture

    _, version = _upload(api, "domain", 6)
    queued = _mixture(api, [version], materialise=False)
    waiting = api.post("/api/runs", json={"mixture_id": queued["id"], "model": "tiny-chat"})
    assert waiting.status_code == 409 and waiting.json()["field"] == "mixture_id"
    assert "still being materialised" in waiting.json()["detail"]

    # A conversation the template cannot render fails the materialisation (the worker records why).
    user = {"role": "user", "content": "q"}
    _, odd_version = _chats(api, "odd", [[user, user, {"role": "assistant", "content": "b"}]])
    source = {
        "dataset_version_id": odd_version,
        "ratio": 1,
        "render_as": {"style": "chat_template", "model": "tiny-chat"},
    }
    broken = api.post("/api/mixtures", json={"name": "broken", "kind": "text", "sources": [source]}).json()
    assert materialise_mixture(broken["id"]) == "failed"
    failed = api.post("/api/runs", json={"mixture_id": broken["id"], "model": "tiny-base", "stage": "cpt"})
    assert failed.status_code == 409 and failed.json()["field"] == "mixture_id"
    detail = failed.json()["detail"]
    assert f"Mixture broken v1 ({broken['id']}) failed to materialise: " in detail
    assert "source 1 (odd v1), record #1" in detail
    assert "save it again" in detail

    done = _mixture(api, [version], name="gone")
    # The materialised dataset is deleted (DELETE /v1/files/{id} deletes datasets no run uses).
    assert api.delete(f"/v1/files/{done['dataset_id']}").status_code == 200
    gone = api.post("/api/runs", json={"mixture_id": done["id"], "model": "tiny-chat"})
    assert gone.status_code == 409 and "save the mixture again" in gone.json()["detail"]
    assert api.get("/api/runs").json()["items"] == []
