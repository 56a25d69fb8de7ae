"""The eval-set kinds: multiple choice in the MMLU, C-Eval and JSONL layouts, and open-ended prompts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backend.datasets.formats import BY_NAME, RECORD_FORMATS, RecordError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "evals"


def _upload(api: Any, name: str, content: bytes, **form: str) -> Any:
    return api.post("/api/datasets", files={"file": (name, content)}, data=form)


def _records(api: Any, dataset_id: str) -> list[dict[str, Any]]:
    response = api.get(f"/api/datasets/{dataset_id}/records", params={"limit": 100})
    assert response.status_code == 200, response.text
    return [item["record"] for item in response.json()["items"]]


def test_mmlu_csv_without_header_takes_its_subject_from_the_file_name(api: Any) -> None:
    response = _upload(api, "arithmetic_test.csv", (FIXTURES / "arithmetic_test.csv").read_bytes())
    assert response.status_code == 201, response.text
    body = response.json()
    assert (body["format"], body["source_format"], body["record_count"]) == ("multiple_choice", "multiple_choice", 4)
    records = _records(api, body["id"])
    assert records[0] == {
        "question": "What is 2 + 2?",
        "choices": ["3", "4", "5", "6"],
        "answer_index": 1,
        "subject": "arithmetic",
    }
    assert records[2]["question"] == "Which is prime, 9 or 7?" and records[2]["answer_index"] == 1
    assert [r["answer_index"] for r in records] == [1, 2, 1, 0]


def test_ceval_csv_with_header_and_chinese_text(api: Any) -> None:
    response = _upload(api, "ceval_geography_val.csv", (FIXTURES / "ceval_geography_val.csv").read_bytes())
    assert response.status_code == 201, response.text
    records = _records(api, response.json()["id"])
    assert records[0] == {
        "question": "中国的首都是哪里？",
        "choices": ["上海", "北京", "广州", "深圳"],
        "answer_index": 1,
        "subject": "all",
    }
    assert [r["answer_index"] for r in records] == [1, 2, 3]


def test_jsonl_with_index_and_letter_answers(api: Any) -> None:
    response = _upload(api, "mixed.jsonl", (FIXTURES / "mixed_subjects.jsonl").read_bytes())
    assert response.status_code == 201, response.text
    records = _records(api, response.json()["id"])
    assert [r["answer_index"] for r in records] == [1, 1, 0, 2, 1, 1]
    assert [r["subject"] for r in records] == ["nature", "nature", "arithmetic", "arithmetic", "food", "food"]


def test_bad_questions_are_listed_by_line_and_field_and_nothing_is_stored(api: Any) -> None:
    lines = [
        {"question": "ok?", "choices": ["a", "b"], "answer": 0},
        {"question": "no answer", "choices": ["a", "b"]},
        {"question": "answer out of range", "choices": ["a", "b"], "answer": "D"},
        {"question": "one choice", "choices": ["a"], "answer": 0},
        {"question": "", "choices": ["a", "b"], "answer": 1},
    ]
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    response = _upload(api, "bad_mc.jsonl", content)
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["problem_count"] == 4
    where = [(p["line"], p["field"]) for p in body["problems"]]
    assert where == [(2, "answer"), (3, "answer"), (4, "choices"), (5, "question")]
    assert "A-B" in body["problems"][1]["message"]
    assert api.get("/api/datasets").json()["items"] == []


def test_prompts_with_and_without_reference(api: Any) -> None:
    lines = [
        {"prompt": "Explain a lease.", "reference": "A lease grants exclusive possession."},
        {"prompt": "Explain a licence."},
        {
            "messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi?"}],
            "reference": "Hi",
        },
    ]
    content = "".join(json.dumps(line) + "\n" for line in lines).encode()
    response = _upload(api, "prompts.jsonl", content)
    assert response.status_code == 201, response.text
    assert response.json()["format"] == "prompts"
    records = _records(api, response.json()["id"])
    assert records[0] == {
        "messages": [{"role": "user", "content": "Explain a lease."}],
        "reference": "A lease grants exclusive possession.",
    }
    assert "reference" not in records[1]
    assert records[2]["messages"][-1] == {"role": "user", "content": "Hi?"}


@pytest.mark.parametrize(
    ("record", "fmt"),
    [
        ({"question": "q", "choices": ["a", "b"], "answer": 0}, "multiple_choice"),
        ({"id": "1", "question": "q", "A": "a", "B": "b", "C": "c", "D": "d", "answer": "A"}, "multiple_choice"),
        ({"prompt": "p"}, "prompts"),
        ({"messages": [{"role": "user", "content": "u"}], "reference": "r"}, "prompts"),
        ({"messages": [{"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}]}, "openai"),
        ({"prompt": "p", "chosen": "c", "rejected": "r"}, "flat_pairs"),
    ],
)
def test_signatures_stay_disjoint(record: dict[str, Any], fmt: str) -> None:
    assert [f.name for f in RECORD_FORMATS if f.matches(record)] == [fmt]


def test_a_prompt_conversation_must_end_with_the_user() -> None:
    record = {"messages": [{"role": "user", "content": "u"}, {"role": "assistant", "content": "a"}], "reference": "r"}
    with pytest.raises(RecordError, match="end with the user turn") as caught:
        BY_NAME["prompts"].normalise(record)
    assert caught.value.field == "messages"
