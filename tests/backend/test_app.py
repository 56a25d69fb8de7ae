from __future__ import annotations

import json
from typing import Any

from backend.app import create_app
from tests.support import ROOT


def test_health_reports_database_and_broker(api: Any) -> None:
    body = api.get("/api/health").json()
    assert body["status"] == "ok" and body["database"] and body["broker"]


def test_unknown_api_path_is_a_json_404(api: Any) -> None:
    response = api.get("/api/nothing-here")
    assert response.status_code == 404 and response.json()["error"] == "NotFound"


def test_models_catalog_lists_both_tiny_variants(api: Any) -> None:
    items = {m["name"]: m for m in api.get("/api/models").json()["items"]}
    assert items["tiny-chat"]["variant"] == "chat" and items["tiny-base"]["variant"] == "base"
    assert items["tiny-chat"]["family"] == items["tiny-base"]["family"] == "tiny"
    assert items["tiny-chat"]["available"] and items["tiny-chat"]["default_system_prompt"]
    assert items["tiny-chat"]["parameter_count"] and items["tiny-chat"]["parameter_count"] > 0


def test_operation_ids_follow_tag_name() -> None:
    schema = create_app().openapi()
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert "runs-create" in ids and "datasets-upload" in ids and "runs-stream" in ids
    for path in schema["paths"].values():
        for op in path.values():
            assert op["operationId"] == f"{op['tags'][0]}-{op['operationId'].split('-', 1)[1]}"


def test_committed_openapi_schema_is_current() -> None:
    committed = json.loads((ROOT / "frontend" / "openapi.json").read_text())
    assert committed == json.loads(json.dumps(create_app().openapi())), (
        "frontend/openapi.json is stale: run `.venv/bin/python -m backend.cli openapi --out frontend/openapi.json` "
        "and `cd frontend && npm run generate-client`"
    )


def test_setup_registers_the_sample_dataset_once(api: Any) -> None:
    from backend.setup import SAMPLE_DATASET_NAME, seed

    seed()
    seed()
    names = [d["name"] for d in api.get("/api/datasets").json()["items"]]
    assert names.count(SAMPLE_DATASET_NAME) == 1
    [sample] = [d for d in api.get("/api/datasets").json()["items"] if d["name"] == SAMPLE_DATASET_NAME]
    assert sample["record_count"] == 400


def test_a_nul_character_is_refused_where_the_database_could_not_store_it(api: Any) -> None:
    # PostgreSQL text cannot hold NUL: in a path or query parameter it is refused by name, in a body by the store.
    for url, field in (
        ("/api/runs?cursor=%00", "cursor"),
        ("/api/runs/run_%00", "run_id"),
        ("/v1/files/%00", "file_id"),
    ):
        response = api.get(url)
        body = response.json()
        if url.startswith("/v1"):
            assert response.status_code == 400 and body["error"]["param"] == field, body
        else:
            assert response.status_code == 422 and body["field"] == field and "NUL" in body["detail"], body
    created = api.post("/api/projects", json={"name": "nul\u0000name"})
    assert created.status_code in (201, 422), created.text  # SQLite stores it; PostgreSQL refuses it as bad input
    if created.status_code == 422:
        assert created.json()["error"] == "InvalidInput" and "NUL" in created.json()["detail"]
