"""The projects API over HTTP as the default user (an admin until accounts land), and how objects land in projects."""

from __future__ import annotations

import io
import json
from typing import Any

import openai
import pytest

from tests.support import ADMIN_EMAIL, SAMPLE_CHAT


def _project(api: Any, name: str, **body: Any) -> dict[str, Any]:
    response = api.post("/api/projects", json={"name": name, **body})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _upload(api: Any, project_id: str | None = None, content: bytes | None = None) -> dict[str, Any]:
    data = {"project_id": project_id} if project_id else {}
    files = {"file": ("train.jsonl", content or SAMPLE_CHAT.read_bytes())}
    response = api.post("/api/datasets", files=files, data=data)
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_create_list_rename_and_delete_a_project(api: Any) -> None:
    project = _project(api, "Legal QA", description="contracts")
    assert project["id"].startswith("prj_") and project["slug"] == "legal-qa"
    assert {p["name"] for p in api.get("/api/projects").json()["items"]} >= {"Default", "Legal QA"}
    members = api.get(f"/api/projects/{project['id']}/members").json()["items"]
    assert [m["email"] for m in members] == [ADMIN_EMAIL], "the creator is the first member"
    renamed = api.patch(f"/api/projects/{project['id']}", json={"name": "Legal", "description": "all contracts"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Legal"
    assert renamed.json()["slug"] == "legal-qa", "the slug stays: fine-tuned model names carry it"
    assert api.delete(f"/api/projects/{project['id']}").status_code == 204
    gone = api.get(f"/api/projects/{project['id']}")
    assert gone.status_code == 404 and gone.json()["error"] == "NotFound"


def test_names_and_slugs_are_unique_and_checked(api: Any) -> None:
    _project(api, "Finance")
    again = api.post("/api/projects", json={"name": "Finance"})
    assert again.status_code == 409 and again.json()["field"] == "name"
    assert api.post("/api/projects", json={"name": "Other", "slug": "Not A Slug"}).status_code == 422
    taken = api.post("/api/projects", json={"name": "Other", "slug": "finance"})
    assert taken.status_code == 409 and taken.json()["field"] == "slug"
    derived = _project(api, "finance!")  # its natural slug is taken: it gets a unique one
    assert derived["slug"].startswith("finance-") and derived["slug"] != "finance"


def test_a_project_with_objects_or_the_default_project_cannot_be_deleted(api: Any) -> None:
    project = _project(api, "Busy")
    dataset = _upload(api, project["id"])
    refused = api.delete(f"/api/projects/{project['id']}")
    assert refused.status_code == 409 and "datasets" in refused.json()["detail"]
    assert api.delete("/api/projects/prj_default").status_code == 409
    assert api.get(f"/api/datasets/{dataset['id']}").status_code == 200


def test_members_are_added_by_email_and_removed(api: Any) -> None:
    from backend.core.db import session_scope
    from backend.core.ids import new_id
    from backend.models import User

    project = _project(api, "Team")
    email = f"{new_id('e')}@example.test"
    with session_scope() as session:
        session.add(User(id=new_id("usr"), email=email, name="Colleague"))
    unknown = api.post(f"/api/projects/{project['id']}/members", json={"email": "nobody@example.test"})
    assert unknown.status_code == 404 and unknown.json()["field"] == "email"
    added = api.post(f"/api/projects/{project['id']}/members", json={"email": email})
    assert added.status_code == 201 and added.json()["email"] == email
    assert api.post(f"/api/projects/{project['id']}/members", json={"email": email}).status_code == 409
    url = f"/api/projects/{project['id']}/members"
    assert sorted(m["email"] for m in api.get(url).json()["items"]) == sorted([email, ADMIN_EMAIL])
    assert api.delete(f"{url}/{added.json()['user_id']}").status_code == 204
    assert [m["email"] for m in api.get(url).json()["items"]] == [ADMIN_EMAIL]
    assert api.delete(f"{url}/{added.json()['user_id']}").status_code == 404


def test_objects_land_in_the_named_project_or_the_default_and_lists_filter_by_project(api: Any) -> None:
    project = _project(api, "Medicine")
    in_default = _upload(api)
    in_project = _upload(api, project["id"])
    assert in_default["project_id"] == "prj_default" and in_project["project_id"] == project["id"]
    listed = api.get("/api/datasets", params={"project_id": project["id"]}).json()["items"]
    assert [d["id"] for d in listed] == [in_project["id"]]
    both = {d["id"] for d in api.get("/api/datasets").json()["items"]}
    assert {in_default["id"], in_project["id"]} <= both, "an admin sees every project"
    missing = api.post("/api/datasets", files={"file": ("t.jsonl", b"{}")}, data={"project_id": "prj_nope"})
    assert missing.status_code == 404 and missing.json()["field"] == "project_id"

    run = api.post("/api/runs", json={"dataset_id": in_project["id"], "model": "tiny-chat"})
    assert run.status_code == 201 and run.json()["project_id"] == project["id"], "a run is in its dataset's project"
    runs = api.get("/api/runs", params={"project_id": project["id"]}).json()["items"]
    assert [r["id"] for r in runs] == [run.json()["id"]]
    assert api.get("/api/runs", params={"project_id": "prj_default"}).json()["items"] == []


def test_everything_a_run_or_study_names_must_be_in_its_project(api: Any) -> None:
    project = _project(api, "Industry")
    train = _upload(api, project["id"])
    elsewhere = _upload(api)
    # The eval data of another project reads as missing, as would a dataset asked for in another project.
    mixed = api.post(
        "/api/runs", json={"dataset_id": train["id"], "eval_dataset_id": elsewhere["id"], "model": "tiny-chat"}
    )
    assert mixed.status_code == 422 and mixed.json()["field"] == "eval_dataset_id"
    assert "in this project" in mixed.json()["detail"]
    moved = api.post(
        "/api/runs", params={"project_id": "prj_default"}, json={"dataset_id": train["id"], "model": "tiny-chat"}
    )
    assert moved.status_code == 422 and moved.json()["field"] == "dataset_id"
    evaluation = api.post(
        "/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [elsewhere["id"]], "project_id": project["id"]}
    )
    assert evaluation.status_code == 422 and evaluation.json()["field"] == "dataset_ids[0]"
    ok = api.post(
        "/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [train["id"]], "project_id": project["id"]}
    )
    assert ok.status_code == 201 and ok.json()["project_id"] == project["id"]
    report = api.post(
        f"/api/datasets/{train['id']}/reports", json={"model": "tiny-chat", "compare_with": elsewhere["id"]}
    )
    assert report.status_code == 422 and report.json()["field"] == "compare_with"


def test_openai_project_header_scopes_files_and_jobs_and_names_models(api: Any) -> None:
    from openai import OpenAI

    project = _project(api, "Support Bots")
    scoped = OpenAI(
        base_url=f"{api.base_url}/v1",
        api_key=api.headers["authorization"].removeprefix("Bearer "),
        http_client=api,
        max_retries=0,
        project=project["slug"],
    )
    everywhere = OpenAI(
        base_url=f"{api.base_url}/v1",
        api_key=api.headers["authorization"].removeprefix("Bearer "),
        http_client=api,
        max_retries=0,
    )
    outside = _upload(api)
    inside = scoped.files.create(file=("t.jsonl", io.BytesIO(SAMPLE_CHAT.read_bytes())), purpose="fine-tune")
    assert api.get(f"/api/datasets/{inside.id}").json()["project_id"] == project["id"]
    assert [f.id for f in scoped.files.list()] == [inside.id]
    assert {inside.id, outside["id"]} <= {f.id for f in everywhere.files.list()}
    with pytest.raises(openai.NotFoundError):  # another project's file is missing under OpenAI-Project
        scoped.files.retrieve(outside["id"])
    job = scoped.fine_tuning.jobs.create(model="tiny-chat", training_file=inside.id)
    assert job.organization_id == project["slug"]
    assert api.get(f"/api/runs/{job.id}").json()["project_id"] == project["id"]
    unknown = api.get("/v1/files", headers={"OpenAI-Project": "no-such-project"})
    assert unknown.status_code == 404 and "no-such-project" in json.dumps(unknown.json())
