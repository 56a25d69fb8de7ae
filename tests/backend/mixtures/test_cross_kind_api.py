"""Text mixtures that take conversation sources (multi-task instruction pretraining) through the API: the kind,
`render_as` (plain or a catalog model's chat template) resolved and kept as lineage, the estimated budget, the
materialised text documents (in process, on the real database and storage), and a 422 for every combination that
makes no sense."""

from __future__ import annotations

import json
from typing import Any

from tests.backend.mixtures.test_mixtures_api import _report, _upload
from worker.engine.demo_models import TINY_DEFAULT_SYSTEM_PROMPT


def _text(api: Any, name: str, count: int) -> tuple[dict[str, Any], str]:
    lines = [json.dumps({"text": f"{name} document {i} about settlement cycles."}) for i in range(count)]
    dataset = api.post("/api/datasets", files={"file": (f"{name}.jsonl", "\n".join(lines).encode())}).json()
    assert dataset["format"] == "text"
    return dataset, api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"][0]["id"]


def _chats(api: Any, name: str, conversations: list[list[dict[str, str]]]) -> tuple[dict[str, Any], str]:
    lines = [json.dumps({"messages": messages}) for messages in conversations]
    dataset = api.post("/api/datasets", files={"file": (f"{name}.jsonl", "\n".join(lines).encode())}).json()
    assert dataset["format"] == "messages", dataset
    return dataset, api.get(f"/api/datasets/{dataset['id']}/versions").json()["items"][0]["id"]


def _records(api: Any, dataset_id: str) -> list[dict[str, Any]]:
    return [r["record"] for r in api.get(f"/api/datasets/{dataset_id}/records", params={"limit": 200}).json()["items"]]


def test_a_text_mixture_renders_conversations_plain_by_default(api: Any) -> None:
    from worker.tasks.mixing import materialise_mixture

    _, text_version = _text(api, "domain", 4)
    _, chat_version = _upload(api, "instructions", 8)
    body = {
        "name": "instruction-pretraining",
        "sources": [
            {"dataset_version_id": text_version, "ratio": 1, "sampling": "up"},
            {"dataset_version_id": chat_version, "ratio": 1, "sampling": "up"},
        ],
    }
    budget = api.post("/api/mixtures/preview", json=body).json()
    assert budget["kind"] == "text" and budget["approximate"] is True
    first, second = budget["sources"]
    assert (first["kind"], first["render_as"]) == ("text", None)
    assert (second["kind"], second["render_as"]) == ("messages", {"style": "plain", "model": None})

    mixture = api.post("/api/mixtures", json=body).json()
    assert mixture["kind"] == "text" and mixture["sources"][1]["render_as"] == {"style": "plain", "model": None}
    assert materialise_mixture(mixture["id"]) == "succeeded"
    done = api.get(f"/api/mixtures/{mixture['id']}").json()
    made = api.get(f"/api/datasets/{done['dataset_id']}").json()
    assert made["format"] == "text" and made["record_count"] == mixture["plan"]["total_records"]
    records = _records(api, made["id"])
    rendered = [r["text"] for r in records if "document" not in r["text"]]
    assert len(rendered) == second["records_out"] and all(set(r) == {"text"} for r in records)
    assert all(t.startswith("instructions q") and t.endswith("\n\na") for t in rendered)
    (version,) = api.get(f"/api/datasets/{made['id']}/versions").json()["items"]
    assert version["parameters"]["sources"][1]["render_as"] == {"style": "plain", "model": None}
    assert version["result"]["plan"]["sources"][1]["render_as"]["style"] == "plain"


def test_a_chat_template_renders_exactly_as_sft_and_its_report_gives_the_budget(api: Any) -> None:
    from worker.tasks.mixing import materialise_mixture

    _, text_version = _text(api, "domain", 5)
    chats, chat_version = _upload(api, "instructions", 6)
    _report(chats, 30)  # computed with tiny-chat, the model that renders
    body: dict[str, Any] = {
        "name": "ipt",
        "seed": 3,
        "kind": "text",
        "sources": [
            {
                "dataset_version_id": chat_version,
                "ratio": 1,
                "render_as": {"style": "chat_template", "model": "tiny-chat"},
            },
            {"dataset_version_id": text_version, "ratio": 5},
        ],
    }
    budget = api.post("/api/mixtures/preview", json=body)
    assert budget.status_code == 200, budget.text
    first = budget.json()["sources"][0]
    assert (first["available_tokens"], first["estimate"]) == (180, "report")
    assert first["render_as"] == {"style": "chat_template", "model": "tiny-chat"}
    plain = {**body, "sources": [{**body["sources"][0], "render_as": {"style": "plain"}}, body["sources"][1]]}
    assert api.post("/api/mixtures/preview", json=plain).json()["sources"][0]["estimate"] == "rendered"

    mixture = api.post("/api/mixtures", json=body).json()
    assert materialise_mixture(mixture["id"]) == "succeeded"
    made = api.get(f"/api/mixtures/{mixture['id']}").json()["dataset_id"]
    rendered = [r["text"] for r in _records(api, made)][: first["records_out"]]
    # The template's bos is left to CPT's own bos + text + eos framing.
    expected = {
        f"<|im_start|>system\n{TINY_DEFAULT_SYSTEM_PROMPT}<|im_end|>\n<|im_start|>user\ninstructions q{i}<|im_end|>\n"
        "<|im_start|>assistant\na<|im_end|>\n"
        for i in range(6)
    }
    assert rendered and set(rendered) <= expected


def test_a_conversation_the_template_cannot_render_fails_the_mixture_with_its_record(api: Any) -> None:
    from worker.tasks.mixing import materialise_mixture

    user = {"role": "user", "content": "q"}
    _, chat_version = _chats(
        api, "odd", [[user, {"role": "assistant", "content": "a"}], [user, user, {"role": "assistant", "content": "b"}]]
    )
    source = {
        "dataset_version_id": chat_version,
        "ratio": 1,
        "render_as": {"style": "chat_template", "model": "tiny-chat"},
    }
    mixture = api.post("/api/mixtures", json={"name": "m", "kind": "text", "sources": [source]}).json()
    assert materialise_mixture(mixture["id"]) == "failed"
    failed = api.get(f"/api/mixtures/{mixture['id']}").json()
    assert failed["dataset_id"] is None
    assert "source 1 (odd v1), record #2 (index 1)" in failed["error"]
    assert "Conversation roles must alternate" in failed["error"]


def test_cross_kind_mixtures_that_make_no_sense_are_422_naming_the_field(api: Any) -> None:
    _, text_version = _text(api, "domain", 2)
    _, chat_version = _upload(api, "chats", 2)
    pairs = api.post(
        "/api/datasets", files={"file": ("p.jsonl", b'{"prompt": "2+2?", "chosen": "4", "rejected": "5"}\n')}
    ).json()
    assert pairs["format"] == "preference"
    pair_version = api.get(f"/api/datasets/{pairs['id']}/versions").json()["items"][0]["id"]

    def source(version: str, **extra: Any) -> dict[str, Any]:
        return {"dataset_version_id": version, "ratio": 1, **extra}

    chat_template = {"style": "chat_template", "model": "tiny-chat"}
    cases: list[tuple[dict[str, Any], str, str]] = [
        # text into a conversation mixture (implicitly: the first source's kind, and explicitly)
        ({"sources": [source(chat_version), source(text_version)]}, "sources[1].dataset_version_id", "kind to 'text'"),
        ({"kind": "messages", "sources": [source(text_version)]}, "sources[0].dataset_version_id", "messages sources"),
        (
            {"kind": "text", "sources": [source(text_version), source(pair_version)]},
            "sources[1].dataset_version_id",
            "preference records",
        ),
        ({"sources": [source(text_version, render_as={"style": "plain"})]}, "sources[0].render_as", "Remove render_as"),
        (
            {"kind": "messages", "sources": [source(chat_version, render_as=chat_template)]},
            "sources[0].render_as",
            "Remove render_as",
        ),
        (
            {"kind": "text", "sources": [source(chat_version, render_as={"style": "chat_template", "model": "gpt-9"})]},
            "sources[0].render_as.model",
            "Unknown model or family 'gpt-9'",
        ),
        (
            {"kind": "text", "sources": [source(chat_version, render_as={"style": "chat_template", "model": "tiny"})]},
            "sources[0].render_as.model",
            "is a family",
        ),
    ]
    for extra, field, words in cases:
        body = {"name": "m", **extra}
        for url in ("/api/mixtures/preview", "/api/mixtures"):
            response = api.post(url, json=body)
            assert response.status_code == 422, (url, body, response.text)
            assert response.json()["field"] == field and words in response.json()["detail"], response.json()
    invalid = [
        {"kind": "text", "sources": [source(chat_version, render_as={"style": "chat_template"})]},
        {"kind": "text", "sources": [source(chat_version, render_as={"style": "plain", "model": "tiny-chat"})]},
        {"kind": "text", "sources": [source(chat_version, render_as={"style": "markdown"})]},
        {"kind": "video", "sources": [source(text_version)]},
    ]
    for extra in invalid:
        response = api.post("/api/mixtures/preview", json={"name": "m", **extra})
        assert response.status_code == 422, (extra, response.text)
    assert api.get("/api/mixtures").json()["items"] == []
