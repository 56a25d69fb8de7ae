"""The authorisation matrix: every route of the OpenAPI schema × every role × an object of the caller's own project
or of another one.

Each route is classified below; a route the schema has and this table does not fails the suite, so a new endpoint
cannot ship unclassified. For a route that names objects (in its path, query, body, form or `OpenAI-Project`
header), a user of another project must get exactly the answer a missing id gets (a 404 that does not confirm the
object exists, or the same 422 a create gives for a missing reference); its own project's members and admins must
get something else; a viewer of that project gets 403 where the route writes. Lists and project-free routes must
never show another project's objects.

Admin routes (`/api/admin/...`) refuse everyone but admins with 403 and change nothing; account routes (sign-in,
your own API keys) never show or touch another account's keys.

The world (tests/tenants.py): project A holds alice (analyst) and victor (viewer), project B holds bob (analyst),
and the admin belongs to neither; every probe targets project A's objects.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest

from tests.tenants import Side, World

Build = Callable[[World, Side], Any]


@dataclass(frozen=True)
class Probe:
    kind: Literal["object", "list", "global", "admin", "account"]
    path: dict[str, Build] = field(default_factory=dict)
    query: Build | None = None
    json: Build | None = None
    form: Build | None = None  # (data, files) of a multipart request
    headers: Build | None = None
    writes: bool = False  # a viewer of the object's project gets 403
    shows: str = ""  # for lists: the Side attribute the own project's members see in it


def _object(*params: str, **options: Any) -> Probe:
    return Probe("object", path={p: _id_of(p) for p in params}, **options)


def _id_of(param: str) -> Build:
    attribute = {
        "dataset_id": "dataset",
        "report_id": "report",
        "version_id": "version",
        "mixture_id": "mixture",
        "run_id": "run",
        "checkpoint_id": "checkpoint",
        "export_id": "export",
        "evaluation_id": "evaluation",
        "comparison_id": "comparison",
        "project_id": "project_id",
        "file_id": "dataset",
        "fine_tuning_job_id": "run",
        "model_id": "model",
    }[param]
    return lambda world, side: getattr(side, attribute)


def _mix(side: Side) -> dict[str, Any]:
    return {"name": "probe", "sources": [{"dataset_version_id": side.version, "ratio": 1}]}


CHAT = {"messages": [{"role": "user", "content": "Hi"}], "max_tokens": 2}
GLOBAL = Probe("global")
ACCOUNT = Probe("account")


def _admin(*params: str, json: Build | None = None) -> Probe:
    """Admin-only: ids that exist nowhere, so that even the admin's call changes nothing."""
    return Probe("admin", path={p: (lambda w, s, p=p: f"{p}-missing") for p in params}, json=json)


ROUTES: dict[str, Probe] = {
    "GET /api/health": GLOBAL,
    "POST /api/auth/login": ACCOUNT,
    "POST /api/auth/logout": ACCOUNT,
    "GET /api/auth/me": ACCOUNT,
    "GET /api/keys": ACCOUNT,
    "POST /api/keys": ACCOUNT,
    "DELETE /api/keys/{key_id}": Probe("account", path={"key_id": lambda w, s: w.key_ids["alice"]}),
    "GET /api/admin/users": _admin(),
    "POST /api/admin/users": _admin(json=lambda w, s: {}),
    "PATCH /api/admin/users/{user_id}": _admin("user_id", json=lambda w, s: {"role": "admin"}),
    "GET /api/admin/users/{user_id}/keys": _admin("user_id"),
    "POST /api/admin/users/{user_id}/keys": _admin("user_id", json=lambda w, s: {"name": "x"}),
    "DELETE /api/admin/users/{user_id}/keys/{key_id}": _admin("user_id", "key_id"),
    "GET /api/admin/audit": _admin(),
    "GET /api/admin/models": _admin(),
    "POST /api/admin/models": _admin(json=lambda w, s: {}),
    "GET /api/admin/models/{family}": _admin("family"),
    "PATCH /api/admin/models/{family}": _admin("family", json=lambda w, s: {"description": "x"}),
    "DELETE /api/admin/models/{family}": _admin("family"),
    "POST /api/admin/models/{family}/retire": _admin("family"),
    "POST /api/admin/models/{family}/restore": _admin("family"),
    "GET /api/admin/model-sources": _admin(),
    "POST /api/admin/model-sources": _admin(json=lambda w, s: {}),
    "PATCH /api/admin/model-sources/{source_id}": _admin("source_id", json=lambda w, s: {}),
    "DELETE /api/admin/model-sources/{source_id}": _admin("source_id"),
    "GET /api/admin/queue": _admin(),
    "GET /api/admin/workers": _admin(),
    "GET /api/admin/quotas": _admin(),
    "PUT /api/admin/quotas/{user_id}": _admin("user_id", json=lambda w, s: {}),
    "GET /api/admin/project-quotas": _admin(),
    "PUT /api/admin/project-quotas/{project_id}": _admin("project_id", json=lambda w, s: {}),
    "POST /api/admin/workers/{name}/drain": _admin("name"),
    "POST /api/admin/workers/{name}/undrain": _admin("name"),
    "POST /api/admin/queue/runs/{run_id}/priority": _admin("run_id", json=lambda w, s: {"priority": 5}),
    "POST /api/admin/queue/runs/{run_id}/move-to-top": _admin("run_id"),
    "POST /api/admin/queue/runs/{run_id}/pause": _admin("run_id"),
    "POST /api/admin/queue/runs/{run_id}/resume": _admin("run_id"),
    "POST /api/admin/queue/runs/{run_id}/preempt": _admin("run_id"),
    "POST /api/admin/queue/runs/{run_id}/cancel": _admin("run_id"),
    "GET /api/models": GLOBAL,
    "GET /api/datasets/formats": GLOBAL,
    "POST /api/datasets": Probe(
        "object",
        form=lambda w, s: ({"project_id": s.project_id}, {"file": ("d.jsonl", b'{"text": "hello there"}\n')}),
        writes=True,
    ),
    "GET /api/datasets": Probe("list", shows="dataset"),
    "GET /api/datasets/{dataset_id}": _object("dataset_id"),
    "GET /api/datasets/{dataset_id}/records": _object("dataset_id"),
    "GET /api/datasets/{dataset_id}/quarantine": _object("dataset_id"),
    # `tiny` is a family, so the own project's members get a 422 before any worker is asked for a preview.
    "GET /api/datasets/{dataset_id}/records/{index}/mask-preview": Probe(
        "object",
        path={"dataset_id": _id_of("dataset_id"), "index": lambda w, s: "0"},
        query=lambda w, s: {"model": "tiny"},
    ),
    "POST /api/datasets/{dataset_id}/reports": _object(
        "dataset_id", json=lambda w, s: {"model": "tiny-chat"}, writes=True
    ),
    "GET /api/datasets/{dataset_id}/reports": _object("dataset_id"),
    "GET /api/reports/{report_id}": _object("report_id"),
    "GET /api/datasets/{dataset_id}/versions": _object("dataset_id"),
    "POST /api/datasets/{dataset_id}/clean": _object(
        "dataset_id", json=lambda w, s: {"exact_dedup": True}, writes=True
    ),
    "POST /api/datasets/{dataset_id}/split": _object("dataset_id", json=lambda w, s: {"eval_count": 1}, writes=True),
    "GET /api/dataset-versions/{version_id}": _object("version_id"),
    "GET /api/dataset-versions/{version_id}/records": _object("version_id"),
    "GET /api/dataset-versions/{version_id}/records/{index}/mask-preview": Probe(
        "object",
        path={"version_id": _id_of("version_id"), "index": lambda w, s: "0"},
        query=lambda w, s: {"model": "tiny"},
    ),
    "POST /api/mixtures/preview": Probe("object", json=lambda w, s: _mix(s), writes=True),  # POSTs: viewers 403
    "POST /api/mixtures": Probe("object", json=lambda w, s: _mix(s), writes=True),
    "GET /api/mixtures": Probe("list", shows="mixture"),
    "GET /api/mixtures/{mixture_id}": _object("mixture_id"),
    # The world's mixture is queued (no worker), so its members get a 409 and nothing is deleted.
    "DELETE /api/mixtures/{mixture_id}": _object("mixture_id", writes=True),
    "POST /api/runs": Probe("object", json=lambda w, s: {"dataset_id": s.dataset, "model": "tiny-chat"}, writes=True),
    "GET /api/runs": Probe("list", shows="run"),
    "GET /api/runs/{run_id}": _object("run_id"),
    "POST /api/runs/{run_id}/cancel": _object("run_id", writes=True),
    "POST /api/runs/{run_id}/pause": _object("run_id", writes=True),
    "POST /api/runs/{run_id}/resume": _object("run_id", writes=True),
    "GET /api/runs/{run_id}/events": _object("run_id"),
    "GET /api/runs/{run_id}/events/stream": _object("run_id"),
    "GET /api/checkpoints": Probe("list", shows="checkpoint"),
    "POST /api/checkpoints/{checkpoint_id}/exports": _object(
        "checkpoint_id", json=lambda w, s: {"kind": "merged", "dtype": "fp32"}, writes=True
    ),
    "GET /api/checkpoints/{checkpoint_id}/exports": _object("checkpoint_id"),
    "GET /api/exports/{export_id}": _object("export_id"),
    "GET /api/exports/{export_id}/download": _object("export_id"),
    "POST /api/serving/chat/completions": Probe("object", json=lambda w, s: {**CHAT, "model": s.checkpoint}),
    "GET /api/serving/models": Probe("list", shows="checkpoint"),
    "POST /api/evaluations": Probe(
        "object", json=lambda w, s: {"checkpoint_id": s.checkpoint, "dataset_ids": [s.dataset]}, writes=True
    ),
    "GET /api/evaluations": Probe("list", shows="evaluation"),
    "GET /api/evaluations/{evaluation_id}": _object("evaluation_id"),
    "GET /api/evaluations/{evaluation_id}/items": _object("evaluation_id"),
    "POST /api/comparisons": Probe(
        "object",
        json=lambda w, s: {"dataset_id": s.prompts, "candidates": ["tiny-chat", s.checkpoint]},
        writes=True,
    ),
    "GET /api/comparisons": Probe("list", shows="comparison"),
    "GET /api/comparisons/{comparison_id}": _object("comparison_id"),
    "GET /api/comparisons/{comparison_id}/next": _object("comparison_id"),
    "POST /api/comparisons/{comparison_id}/ratings": _object(
        "comparison_id", json=lambda w, s: {"pair_id": s.pair, "choice": "a"}, writes=True
    ),
    "GET /api/comparisons/{comparison_id}/results": _object("comparison_id"),
    "GET /api/comparisons/{comparison_id}/export": _object("comparison_id"),
    "GET /api/projects": Probe("list", shows="project_id"),
    "POST /api/projects": Probe("global", json=lambda w, s: {"name": "Bob's own"}),
    "GET /api/projects/{project_id}": _object("project_id"),
    "PATCH /api/projects/{project_id}": _object("project_id", json=lambda w, s: {"description": "x"}, writes=True),
    "DELETE /api/projects/{project_id}": _object("project_id", writes=True),
    "GET /api/projects/{project_id}/members": _object("project_id"),
    "POST /api/projects/{project_id}/members": _object(
        "project_id", json=lambda w, s: {"email": w.emails["bob"]}, writes=True
    ),
    "DELETE /api/projects/{project_id}/members/{user_id}": Probe(
        "object",
        path={"project_id": _id_of("project_id"), "user_id": lambda w, s: w.users["victor"]},
        writes=True,
    ),
    "POST /v1/files": Probe(
        "object",
        form=lambda w, s: ({"purpose": "fine-tune"}, {"file": ("d.jsonl", b'{"text": "hello there"}\n')}),
        headers=lambda w, s: {"OpenAI-Project": s.project_id},
        writes=True,
    ),
    "GET /v1/files": Probe("list", shows="dataset"),
    "GET /v1/files/{file_id}": _object("file_id"),
    "DELETE /v1/files/{file_id}": _object("file_id", writes=True),
    "GET /v1/files/{file_id}/content": _object("file_id"),
    "POST /v1/fine_tuning/jobs": Probe(
        "object", json=lambda w, s: {"training_file": s.dataset, "model": "tiny-chat"}, writes=True
    ),
    "GET /v1/fine_tuning/jobs": Probe("list", shows="run"),
    "GET /v1/fine_tuning/jobs/{fine_tuning_job_id}": _object("fine_tuning_job_id"),
    "POST /v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel": _object("fine_tuning_job_id", writes=True),
    "POST /v1/fine_tuning/jobs/{fine_tuning_job_id}/pause": _object("fine_tuning_job_id", writes=True),
    "POST /v1/fine_tuning/jobs/{fine_tuning_job_id}/resume": _object("fine_tuning_job_id", writes=True),
    "GET /v1/fine_tuning/jobs/{fine_tuning_job_id}/events": _object("fine_tuning_job_id"),
    "GET /v1/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints": _object("fine_tuning_job_id"),
    "GET /v1/models": Probe("list", shows="model"),
    "GET /v1/models/{model_id}": _object("model_id"),
    "POST /v1/chat/completions": Probe("object", json=lambda w, s: {**CHAT, "model": s.checkpoint}),
    "POST /v1/completions": Probe("object", json=lambda w, s: {"prompt": "Hi", "max_tokens": 2, "model": s.checkpoint}),
}


def _schema_routes() -> set[str]:
    from backend.app import create_app

    return {f"{method.upper()} {path}" for path, ops in create_app().openapi()["paths"].items() for method in ops}


def test_every_route_is_classified() -> None:
    """A new endpoint must be added to ROUTES (with the objects it names) before it can ship."""
    routes = _schema_routes()
    assert routes - ROUTES.keys() == set(), "classify these routes in tests/backend/test_authz_matrix.py"
    assert ROUTES.keys() - routes == set(), "these classified routes no longer exist; remove them"


def _missing(world: World) -> tuple[Side, dict[str, str]]:
    """Project A's side with every id replaced by one that exists nowhere, and that replacement."""
    replace: dict[str, str] = {}
    for name, value in dataclasses.asdict(world.a).items():
        if name not in ("slug", "model") and value:
            prefix = value.split("_", 1)[0]
            replace[value] = f"{prefix}_{'0' * 10}{name[:4].ljust(4, 'z')}{'0' * 8}"
    values = {k: _swap(v, replace) for k, v in dataclasses.asdict(world.a).items()}
    return Side(**values), replace


def _swap(text: str, replace: dict[str, str]) -> str:
    for old, new in replace.items():
        text = text.replace(old, new)
    return text


def _call(client: Any, route: str, probe: Probe, world: World, side: Side) -> Any:
    method, template = route.split(" ", 1)
    url = template
    for param, build in probe.path.items():
        url = url.replace("{" + param + "}", build(world, side))
    kwargs: dict[str, Any] = {}
    if probe.query:
        kwargs["params"] = probe.query(world, side)
    if probe.json:
        kwargs["json"] = probe.json(world, side)
    if probe.form:
        kwargs["data"], kwargs["files"] = probe.form(world, side)
    if probe.headers:
        kwargs["headers"] = probe.headers(world, side)
    return client.request(method, url, **kwargs)


def _answer(response: Any) -> tuple[int, str]:
    return response.status_code, response.text


def _a_ids(world: World) -> list[str]:
    return [*world.a.ids(), world.a.project_id, world.a.model]


OBJECT_ROUTES = sorted(r for r, p in ROUTES.items() if p.kind == "object")
OTHER_ROUTES = sorted(r for r, p in ROUTES.items() if p.kind in ("list", "global"))
ADMIN_ROUTES = sorted(r for r, p in ROUTES.items() if p.kind == "admin")


@pytest.mark.parametrize("route", OBJECT_ROUTES)
def test_another_projects_object_reads_exactly_as_a_missing_one(
    route: str, world: World, act_as: Callable[[str], Any]
) -> None:
    probe = ROUTES[route]
    missing, replace = _missing(world)
    client = act_as("bob")
    foreign = _call(client, route, probe, world, world.a)
    absent = _call(client, route, probe, world, missing)
    assert foreign.status_code in (400, 404, 422), foreign.text  # 400: OpenAI's status for a bad parameter
    assert (foreign.status_code, _swap(foreign.text, replace)) == _answer(absent), (
        "another project's object must read exactly like a missing one"
    )
    # Its own project's viewer: reads work, writes are refused without touching anything.
    viewer = _call(act_as("victor"), route, probe, world, world.a)
    if probe.writes:
        assert viewer.status_code == 403, viewer.text
        error = viewer.json()["error"]  # ours, or OpenAI's shape on /v1
        assert error == "Forbidden" or error["code"] == "permission_denied", error
    else:
        assert _answer(viewer) != _answer(_call(act_as("victor"), route, probe, world, missing)), viewer.text
    # Its own project's analyst, and an admin who is no member, find the object.
    for name in ("alice", "admin"):
        client = act_as(name)
        own = _call(client, route, probe, world, world.a)
        assert own.status_code != 403, (name, own.text)
        assert _answer(own) != _answer(_call(client, route, probe, world, missing)), (name, own.text)


@pytest.mark.parametrize("route", OTHER_ROUTES)
def test_lists_and_project_free_routes_show_nothing_of_another_project(
    route: str, world: World, act_as: Callable[[str], Any]
) -> None:
    probe = ROUTES[route]
    seen = _call(act_as("bob"), route, probe, world, world.b)
    assert seen.status_code < 300, seen.text
    leaked = [i for i in _a_ids(world) if i in seen.text]
    assert leaked == [], f"{route} shows project A's {leaked} to a member of project B only"
    if probe.kind == "list":
        for name in ("alice", "victor", "admin"):
            own = _call(act_as(name), route, probe, world, world.a)
            assert getattr(world.a, probe.shows) in own.text, (name, own.text)
        assert getattr(world.b, probe.shows) in seen.text, "bob sees his own project's objects"


def test_the_matrix_covers_every_id_a_route_can_name() -> None:
    """Every path parameter of every route is one the probes know how to fill."""
    for route, probe in ROUTES.items():
        params = {part[1:-1] for part in route.split("/") if part.startswith("{")}
        assert params == set(probe.path), route


def test_openai_project_header_narrows_even_an_admin_to_one_project(world: World, act_as: Callable[[str], Any]) -> None:
    client = act_as("admin")
    to_b = {"OpenAI-Project": world.b.slug}
    assert client.get(f"/v1/files/{world.a.dataset}").status_code == 200
    assert client.get(f"/v1/files/{world.a.dataset}", headers=to_b).status_code == 404
    assert client.get(f"/v1/files/{world.b.dataset}", headers=to_b).status_code == 200
    chat = client.post("/v1/chat/completions", headers=to_b, json={**CHAT, "model": world.a.checkpoint})
    assert chat.status_code == 404, chat.text
    listed = client.get("/v1/models", headers=to_b).text
    assert world.b.model in listed and world.a.model not in listed
    # A member of A cannot reach B by naming it: the header only narrows.
    assert act_as("alice").get("/v1/files", headers=to_b).status_code == 404


@pytest.mark.parametrize("route", ADMIN_ROUTES)
def test_admin_routes_refuse_everyone_but_admins(route: str, world: World, act_as: Callable[[str], Any]) -> None:
    probe = ROUTES[route]
    for name in ("alice", "victor", "bob"):
        refused = _call(act_as(name), route, probe, world, world.a)
        assert refused.status_code == 403 and refused.json()["error"] == "Forbidden", (name, refused.text)
    answered = _call(act_as("admin"), route, probe, world, world.a)
    assert answered.status_code not in (401, 403), answered.text


def test_accounts_see_and_revoke_only_their_own_keys(world: World, act_as: Callable[[str], Any]) -> None:
    bob = act_as("bob")
    alice_key = world.key_ids["alice"]
    listed = bob.get("/api/keys")
    assert listed.status_code == 200 and world.key_ids["bob"] in listed.text and alice_key not in listed.text
    foreign = bob.delete(f"/api/keys/{alice_key}")
    absent = bob.delete("/api/keys/key_missing")
    assert foreign.status_code == absent.status_code == 404
    assert foreign.json()["detail"] == absent.json()["detail"].replace("key_missing", alice_key)
    assert act_as("alice").get("/api/keys").json()["items"][0]["revoked_at"] is None  # untouched
    me = bob.get("/api/auth/me").json()
    assert me["user"]["id"] == world.users["bob"] and me["project_ids"] == [world.b.project_id]
    assert bob.post("/api/auth/logout").status_code in (200, 204)  # a key holder has no session to end
    assert bob.get("/api/auth/me").status_code == 200  # and keeps its key
