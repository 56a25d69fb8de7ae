"""Multi-task instruction pretraining end to end: a text mixture of domain text and conversations rendered with the
model's family chat template, materialised by a real CPU worker process, then continued-pretrained on."""

from __future__ import annotations

import json
from typing import Any

from tests.support import event_kinds, wait_for


def test_a_worker_mixes_conversations_into_text_and_cpt_trains_on_it(
    api: Any, start_worker: Any, wait_status: Any, all_events: Any
) -> None:
    start_worker("mixer")
    paragraph = "The river Aldwater rises in the northern hills and runs for ninety miles to the sea."
    texts = [json.dumps({"text": f"{paragraph} Mill {i} grinds oats."}) for i in range(20)]
    text = api.post("/api/datasets", files={"file": ("aldwater.jsonl", "\n".join(texts).encode())}).json()
    chats = [
        json.dumps(
            {
                "messages": [
                    {"role": "user", "content": f"Where does mill {i} stand?"},
                    {"role": "assistant", "content": f"On the Aldwater, mile {i}."},
                ]
            }
        )
        for i in range(20)
    ]
    chat = api.post("/api/datasets", files={"file": ("mills.jsonl", "\n".join(chats).encode())}).json()
    version = {d["id"]: api.get(f"/api/datasets/{d['id']}/versions").json()["items"][0]["id"] for d in (text, chat)}
    body = {
        "name": "aldwater-ipt",
        "seed": 2,
        "sources": [
            {"dataset_version_id": version[text["id"]], "ratio": 5},
            {
                "dataset_version_id": version[chat["id"]],
                "ratio": 1,
                "render_as": {"style": "chat_template", "model": "tiny-base"},  # its family's (tiny-chat's) template
            },
        ],
    }
    created = api.post("/api/mixtures", json=body)
    assert created.status_code == 202, created.text
    mixture = created.json()
    assert mixture["kind"] == "text" and mixture["plan"]["approximate"] is True

    def finished() -> dict[str, Any] | None:
        found = api.get(f"/api/mixtures/{mixture['id']}").json()
        return found if found["status"] in ("succeeded", "failed") else None

    done = wait_for(finished, timeout=180, interval=0.5, what="the mixture to be materialised")
    assert done["status"] == "succeeded", done["error"]
    made = api.get(f"/api/datasets/{done['dataset_id']}").json()
    assert made["format"] == "text" and made["record_count"] == mixture["plan"]["total_records"]
    records = [
        r["record"] for r in api.get(f"/api/datasets/{made['id']}/records", params={"limit": 200}).json()["items"]
    ]
    rendered = [r["text"] for r in records if "<|im_start|>" in r["text"]]
    assert len(rendered) == mixture["plan"]["sources"][1]["records_out"] > 0
    assert all(t.startswith("<|im_start|>system\n") and "<|im_start|>assistant\nOn the Aldwater" in t for t in rendered)

    run = api.post(
        "/api/runs",
        json={
            "dataset_id": made["id"],
            "model": "tiny-base",
            "stage": "cpt",
            "hyperparameters": {"max_steps": 6, "save_steps": 6, "batch_size": 4, "max_seq_length": 128},
        },
    )
    assert run.status_code == 201, run.text
    trained = wait_status(run.json()["id"], {"succeeded", "failed", "cancelled"})
    assert trained["status"] == "succeeded", trained["error"]
    events = all_events(trained["id"])
    assert len(event_kinds(events, "metric")) == 6
    data_line = next(
        e["data"]["message"] for e in event_kinds(events, "log") if e["data"]["message"].startswith("data:")
    )
    assert f"of {made['record_count']} records" in data_line
