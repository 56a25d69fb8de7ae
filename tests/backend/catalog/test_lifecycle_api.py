"""Retiring, restoring, deleting and editing families; the allow-list and what it gates; trust_remote_code."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import SAMPLE_CHAT


@pytest.fixture
def acme(admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path]) -> dict[str, Any]:
    body = {
        "name": "acme",
        "license": "MIT",
        "base_source": str(copy_model(allowed_root / "acme-base", "base")),
        "chat_source": str(copy_model(allowed_root / "acme-chat", "chat")),
    }
    response = admin_api.post("/api/admin/models", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
def dataset_id(admin_api: Any) -> str:
    response = admin_api.post("/api/datasets", files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def names(api: Any) -> set[str]:
    return {m["name"] for m in api.get("/api/models").json()["items"]}


def test_retire_hides_a_family_from_new_work_but_existing_runs_keep_reading(
    admin_api: Any, acme: dict[str, Any], dataset_id: str
) -> None:
    run = admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": "acme-chat"})
    assert run.status_code == 201, run.text

    retired = admin_api.post("/api/admin/models/acme/retire")
    assert retired.status_code == 200 and retired.json()["retired_at"] is not None
    assert {"acme-base", "acme-chat"}.isdisjoint(names(admin_api))
    assert "tiny-chat" in names(admin_api)
    # Still listed for admins, with what uses it.
    admin_list = {f["name"]: f for f in admin_api.get("/api/admin/models").json()["items"]}
    assert admin_list["acme"]["usage"]["runs"] == 1

    for model in ("acme-chat", "acme"):
        again = admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": model})
        assert again.status_code == 422 and again.json()["field"] == "model", again.text
        assert "retired" in again.json()["detail"]
    evaluation = admin_api.post("/api/evaluations", json={"model": "acme-chat", "dataset_ids": [dataset_id]})
    assert evaluation.status_code == 422 and "retired" in evaluation.json()["detail"], evaluation.text
    served = admin_api.post(
        "/v1/chat/completions", json={"model": "acme-chat", "messages": [{"role": "user", "content": "hi"}]}
    )
    assert served.status_code in (400, 422) and "retired" in served.text, served.text

    existing = admin_api.get(f"/api/runs/{run.json()['id']}")
    assert existing.status_code == 200 and existing.json()["model"] == "acme-chat"
    assert existing.json()["resolved_spec"]["model"]["name"] == "acme-chat"

    restored = admin_api.post("/api/admin/models/acme/restore")
    assert restored.status_code == 200 and restored.json()["retired_at"] is None
    assert {"acme-base", "acme-chat"} <= names(admin_api)


def test_delete_only_when_unused(admin_api: Any, acme: dict[str, Any], dataset_id: str) -> None:
    run = admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": "acme"})
    assert run.status_code == 201, run.text
    refused = admin_api.delete("/api/admin/models/acme")
    assert refused.status_code == 409 and "1 runs" in refused.json()["detail"], refused.text
    assert admin_api.delete("/api/admin/models/tiny").status_code == 409  # built in: retire it instead

    from sqlalchemy import delete

    from backend.core.db import session_scope
    from backend.models import Run, RunEvent

    with session_scope() as session:
        session.execute(delete(RunEvent))
        session.execute(delete(Run))
    assert admin_api.delete("/api/admin/models/acme").status_code == 204
    assert admin_api.get("/api/admin/models/acme").status_code == 404
    assert {"acme-base", "acme-chat"}.isdisjoint(names(admin_api))


def test_edits_and_the_trust_remote_code_flag(admin_api: Any, acme: dict[str, Any], dataset_id: str) -> None:
    edited = admin_api.patch(
        "/api/admin/models/acme",
        json={"license": "Apache-2.0", "default_system_prompt": "Be brief.", "trust_remote_code": True},
    )
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert body["license"] == "Apache-2.0" and body["default_system_prompt"] == "Be brief."
    assert body["trust_remote_code"] is True
    assert any("run on every worker" in w for w in body["warnings"])

    trusted = admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": "acme-chat"})
    assert trusted.status_code == 201, trusted.text
    assert trusted.json()["resolved_spec"]["model"]["trust_remote_code"] is True
    assert trusted.json()["resolved_spec"]["model"]["default_system_prompt"] == "Be brief."
    # Only for that model: tiny stays untrusted, and a submitter cannot ask for it.
    tiny = admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": "tiny-chat"})
    assert tiny.json()["resolved_spec"]["model"]["trust_remote_code"] is False
    smuggled = admin_api.post(
        "/api/runs", json={"dataset_id": dataset_id, "model": "tiny-chat", "trust_remote_code": True}
    )
    assert smuggled.status_code == 422, smuggled.text

    off = admin_api.patch("/api/admin/models/acme", json={"trust_remote_code": False})
    assert off.json()["trust_remote_code"] is False and off.json()["warnings"] == []
    assert admin_api.patch("/api/admin/models/tiny", json={"license": "x"}).status_code == 409
    assert admin_api.patch("/api/admin/models/nope", json={"license": "x"}).status_code == 404
    bad = admin_api.patch("/api/admin/models/acme", json={"chat_template": "{{ x.__class__ }}"})
    assert bad.status_code == 422 and bad.json()["field"] == "chat_template"


def test_the_allow_list_crud_and_what_removing_a_root_refuses(
    admin_api: Any, acme: dict[str, Any], dataset_id: str, allowed_root: Path, tmp_path: Path
) -> None:
    sources = admin_api.get("/api/admin/model-sources").json()["items"]
    root = next(s for s in sources if s["value"] == str(allowed_root))
    assert root["kind"] == "local"

    def post(kind: str, value: str) -> Any:
        return admin_api.post("/api/admin/model-sources", json={"kind": kind, "value": value})

    assert post("local", str(allowed_root)).status_code == 409
    assert post("local", "relative/dir").status_code == 422
    assert post("local", str(tmp_path / "missing")).status_code == 422
    assert post("hub", "../etc").status_code == 422
    hub = post("hub", "meta-llama/*")
    assert hub.status_code == 201
    renamed = admin_api.patch(f"/api/admin/model-sources/{hub.json()['id']}", json={"value": "Qwen/*", "note": "ok"})
    assert renamed.status_code == 200 and renamed.json()["value"] == "Qwen/*" and renamed.json()["note"] == "ok"

    assert admin_api.delete(f"/api/admin/model-sources/{root['id']}").status_code == 204
    assert admin_api.delete(f"/api/admin/model-sources/{root['id']}").status_code == 404
    run = admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": "acme-chat"})
    assert run.status_code == 422 and "allow-list" in run.json()["detail"], run.text
    report = admin_api.post(f"/api/datasets/{dataset_id}/reports", json={"model": "acme-chat"})
    assert report.status_code == 422, report.text
    served = {m["id"] for m in admin_api.get("/api/serving/models").json()["items"]}
    assert "acme-chat" not in served and "tiny-chat" in served
    # Other families are untouched.
    assert admin_api.post("/api/runs", json={"dataset_id": dataset_id, "model": "tiny-chat"}).status_code == 201


def test_an_empty_allow_list_is_seeded_from_the_settings_once(admin_api: Any, models_dir: Path, tmp_path: Path) -> None:
    from sqlalchemy import delete

    from backend.catalog import service
    from backend.core.db import session_scope
    from backend.core.settings import Settings
    from backend.models import ModelSource

    settings = Settings(model_roots=[tmp_path], hub_allow=["Qwen/*", "meta-llama/*"])
    with session_scope() as session:
        session.execute(delete(ModelSource))
        service.ensure_builtin(session, models_dir, settings)
    seeded = {(s["kind"], s["value"]) for s in admin_api.get("/api/admin/model-sources").json()["items"]}
    assert seeded == {
        ("local", str(models_dir)),
        ("local", str(tmp_path.resolve())),
        ("hub", "Qwen/*"),
        ("hub", "meta-llama/*"),
    }
    # An admin's edits survive restarts: a non-empty list is left alone.
    qwen = next(s for s in admin_api.get("/api/admin/model-sources").json()["items"] if s["value"] == "Qwen/*")
    assert admin_api.delete(f"/api/admin/model-sources/{qwen['id']}").status_code == 204
    with session_scope() as session:
        service.ensure_builtin(session, models_dir, settings)
    after = {s["value"] for s in admin_api.get("/api/admin/model-sources").json()["items"]}
    assert "Qwen/*" not in after and "meta-llama/*" in after
