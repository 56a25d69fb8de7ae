"""The admin model catalog over HTTP: adding families from local folders and hub ids, and every refusal."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support import SAMPLE_CHAT


def family(name: str, **fields: Any) -> dict[str, Any]:
    return {"name": name, "license": "Apache-2.0", "description": "test family", **fields}


def add(api: Any, body: dict[str, Any]) -> Any:
    return api.post("/api/admin/models", json=body)


def refused(response: Any, status: int, field: str | None, *words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    if field is not None:
        assert body["field"] == field, body
    for word in words:
        assert word in body["detail"], body["detail"]


def test_a_family_from_local_folders_is_checked_counted_and_offered(
    admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path]
) -> None:
    base = copy_model(allowed_root / "acme-base", "base")
    chat = copy_model(allowed_root / "acme-chat", "chat")
    response = add(
        admin_api,
        family(
            "acme",
            base_source=str(base),
            chat_source=str(chat),
            default_system_prompt="You are Acme.",
            recommended={"learning_rate": 1e-3},
        ),
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["warnings"] == [] and created["trust_remote_code"] is False and created["builtin"] is False
    variants = {v["name"]: v for v in created["variants"]}
    assert set(variants) == {"acme-base", "acme-chat"}
    tiny = {m["name"]: m for m in admin_api.get("/api/models").json()["items"]}["tiny-chat"]
    for variant in variants.values():
        assert variant["parameter_count"] == tiny["parameter_count"] > 0
        assert variant["context_length"] == 512
        assert variant["available"] and variant["source_allowed"]

    listed = {m["name"]: m for m in admin_api.get("/api/models").json()["items"]}
    assert listed["acme-chat"]["default_system_prompt"] == "You are Acme."
    assert listed["acme-chat"]["recommended"] == {"learning_rate": 1e-3}
    assert listed["acme-base"]["default_system_prompt"] is None

    dataset = admin_api.post("/api/datasets", files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    run = admin_api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "acme-chat"})
    assert run.status_code == 201, run.text
    spec = run.json()["resolved_spec"]
    assert spec["model"]["path"] == str(chat) and spec["model"]["trust_remote_code"] is False
    assert spec["hyperparameters"]["learning_rate"] == pytest.approx(1e-3)


def test_a_base_only_family_trains_with_its_configured_template(
    admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path]
) -> None:
    from worker.engine.demo_models import TINY_CHAT_TEMPLATE

    base = copy_model(allowed_root / "solo", "base")
    response = add(admin_api, family("solo", base_source=str(base), chat_template=TINY_CHAT_TEMPLATE))
    assert response.status_code == 201, response.text
    assert response.json()["chat_template"] == TINY_CHAT_TEMPLATE
    dataset = admin_api.post("/api/datasets", files={"file": ("chat.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    run = admin_api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "solo-base"})
    assert run.status_code == 201, run.text
    assert run.json()["resolved_spec"]["model"]["chat_template"] == TINY_CHAT_TEMPLATE


def test_sources_outside_the_allowed_roots_are_refused(
    admin_api: Any, allowed_root: Path, tmp_path: Path, copy_model: Callable[..., Path]
) -> None:
    outside = copy_model(tmp_path / "elsewhere", "chat")
    refused(add(admin_api, family("out", chat_source=str(outside))), 422, "chat_source", "outside the allowed")
    # `..` that climbs out of the root
    sneaky = f"{allowed_root}/../elsewhere"
    refused(add(admin_api, family("dots", chat_source=sneaky)), 422, "chat_source", "outside the allowed")
    # a symlink inside the root that points outside it
    (allowed_root / "link").symlink_to(outside, target_is_directory=True)
    refused(add(admin_api, family("link", chat_source=str(allowed_root / "link"))), 422, "chat_source", str(outside))
    refused(add(admin_api, family("rel", chat_source="./models/x")), 422, "chat_source", "absolute")
    missing = allowed_root / "nothing-here"
    refused(add(admin_api, family("gone", base_source=str(missing))), 422, "base_source", "not an existing folder")
    assert {m["family"] for m in admin_api.get("/api/models").json()["items"]} == {"tiny"}


def test_pickles_missing_files_and_missing_templates_are_refused(
    admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path]
) -> None:
    pickled = copy_model(allowed_root / "pickled", "chat")
    (pickled / "model.safetensors").rename(pickled / "pytorch_model.bin")
    refused(add(admin_api, family("p1", chat_source=str(pickled))), 422, "chat_source", "pytorch_model.bin", "pickle")

    mixed = copy_model(allowed_root / "mixed", "chat")
    (mixed / "optimizer.pt").write_bytes(b"\x80\x04pickle")
    refused(add(admin_api, family("p2", chat_source=str(mixed))), 422, "chat_source", "optimizer.pt")

    no_config = copy_model(allowed_root / "noconfig", "base")
    (no_config / "config.json").unlink()
    refused(add(admin_api, family("nc", base_source=str(no_config))), 422, "base_source", "config.json")

    no_tokenizer = copy_model(allowed_root / "notok", "base")
    (no_tokenizer / "tokenizer.json").unlink()
    refused(add(admin_api, family("nt", base_source=str(no_tokenizer))), 422, "base_source", "tokenizer")

    base_as_chat = copy_model(allowed_root / "plain", "base")
    refused(add(admin_api, family("bc", chat_source=str(base_as_chat))), 422, "chat_source", "no chat template")


def _set_template(folder: Path, template: str) -> None:
    config_path = folder / "tokenizer_config.json"
    config = json.loads(config_path.read_text())
    config.pop("chat_template", None)
    config_path.write_text(json.dumps(config))
    (folder / "chat_template.jinja").write_text(template)


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{{ messages.__class__.__mro__[1].__subclasses__() }}", ("__class__", "sandbox")),
        ("{% for m in messages %}{{ m['__class__'] }}{% endfor %}", ("__class__",)),
        ("{{ cycler.__init__.__globals__ }}", ("__init__",)),
        ("{% for m in messages %}{{ m.update({'role': 'system'}) }}{% endfor %}", ("sandbox",)),
        ("{% for m in messages %}{{ m['content'] }}", ("does not parse",)),
        ("{{ raise_exception('no system role allowed here') }}", ("no system role allowed here",)),
    ],
)
def test_templates_that_escape_the_sandbox_or_fail_are_refused(
    admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path], template: str, words: tuple[str, ...]
) -> None:
    chat = copy_model(allowed_root / "evil", "chat")
    _set_template(chat, template)
    refused(add(admin_api, family("evil", chat_source=str(chat))), 422, "chat_source", *words)
    # The same template as a base model's override is refused as well.
    base = copy_model(allowed_root / "evil-base", "base")
    refused(add(admin_api, family("evil2", base_source=str(base), chat_template=template)), 422, "chat_template")


def test_a_generation_block_template_renders(
    admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path]
) -> None:
    chat = copy_model(allowed_root / "gen", "chat")
    _set_template(
        chat,
        "{% for m in messages %}{% if m['role'] == 'assistant' %}{% generation %}{{ m['content'] + eos_token }}"
        "{% endgeneration %}{% else %}{{ m['content'] | tojson }}{% endif %}{% endfor %}",
    )
    response = add(admin_api, family("gen", chat_source=str(chat)))
    assert response.status_code == 201, response.text


def test_hub_ids_must_match_an_allowed_pattern(admin_api: Any) -> None:
    refused(add(admin_api, family("qw", chat_source="Qwen/Qwen2.5-0.5B-Instruct")), 422, "chat_source", "Qwen/*")
    refused(add(admin_api, family("bad", base_source="Qwen/../../etc")), 422, "base_source", "hub id")
    pattern = admin_api.post("/api/admin/model-sources", json={"kind": "hub", "value": "Qwen/*"})
    assert pattern.status_code == 201, pattern.text
    response = add(
        admin_api,
        family(
            "qwen2.5-0.5b",
            base_source="Qwen/Qwen2.5-0.5B",
            chat_source="qwen/Qwen2.5-0.5B-Instruct",
            parameter_count=494_032_768,
            context_length=32768,
        ),
    )
    assert response.status_code == 201, response.text
    created = response.json()
    assert any("checked when a worker first downloads" in w for w in created["warnings"])
    assert {v["parameter_count"] for v in created["variants"]} == {494_032_768}
    # Removing the pattern takes the family's sources off the allow-list.
    admin_api.delete(f"/api/admin/model-sources/{pattern.json()['id']}")
    listed = admin_api.get("/api/admin/models/qwen2.5-0.5b").json()
    assert [v["source_allowed"] for v in listed["variants"]] == [False, False]


def test_duplicates_and_empty_families_are_refused(
    admin_api: Any, allowed_root: Path, copy_model: Callable[..., Path]
) -> None:
    chat = copy_model(allowed_root / "dup", "chat")
    refused(add(admin_api, family("tiny", chat_source=str(chat))), 409, "name", "exists")
    assert add(admin_api, family("dup", chat_source=str(chat))).status_code == 201
    refused(add(admin_api, family("dup", chat_source=str(chat))), 409, "name", "exists")
    refused(add(admin_api, family("empty")), 422, None, "base_source, chat_source")
    refused(add(admin_api, family("Bad Name!", chat_source=str(chat))), 422, "name")


def test_only_admins_reach_the_admin_catalog(admin_api: Any, analyst: Any) -> None:
    for method, path in (
        ("get", "/api/admin/models"),
        ("post", "/api/admin/models"),
        ("delete", "/api/admin/models/tiny"),
        ("get", "/api/admin/model-sources"),
        ("post", "/api/admin/model-sources"),
    ):
        response = analyst.request(method, path, json={})
        assert response.status_code == 403, (method, path, response.text)
    assert analyst.get("/api/models").status_code == 200
