"""Multiple-choice scoring by generating a reply and reading the chosen letter from it (tiny demo models)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from specs.evaluation import EvalSetSpec, EvaluationJob
from worker.engine.demo_models import TINY_CHAT
from worker.engine.evaluation.evaluate import run_evaluation
from worker.engine.evaluation.generate_extract import (
    extract_choice,
    greedy_continuations,
    in_process,
    score_by_generation,
)
from worker.engine.evaluation.multiple_choice import Question, context_and_continuations
from worker.engine.loading import pad_token_id

QUESTIONS = [
    Question("What is 2 + 2?", ["3", "4", "5", "6"], 1, "arithmetic"),
    Question("What is the capital of France, the country whose capital is asked?", ["Rome", "Paris"], 1, "geo"),
    Question("Which is blue?", ["sky", "grass", "sun", "snow"], 0, "nature"),
]
CHOICES = ["Rome", "Paris", "Berlin", "Madrid"]


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("The answer is (C)", 2),
        ("Answer: b", 1),
        ("The answer is: D", 3),
        ("C", 2),
        (" B", 1),
        ("(d) Madrid", 3),
        ("c) Berlin", 2),
        ("B. Paris", 1),
        ("I think C", 2),
        ("C because it is", 2),
        ("A good question. I think D", 3),  # "A" opening a sentence is the article
        ("I think A is right", 0),
        ("answer is a bit unclear; Paris", 1),  # "a" is the article; the choice's text decides
        ("It is Paris.", 1),
        ("paris or rome", None),  # two choices named: no answer
        ("no idea", None),
        ("", None),
        ("E", None),  # not among four choices
    ],
)
def test_the_answer_is_read_from_the_reply(reply: str, expected: int | None) -> None:
    assert extract_choice(reply, CHOICES) == expected


@pytest.fixture(scope="module")
def chat(tiny_family: dict[str, Path]) -> tuple[Any, Any]:
    model = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_CHAT], dtype=torch.float32).eval()
    return model, AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])


def _greedy_by_hand(model: Any, prompt: list[int], steps: int, stop: set[int]) -> list[int]:
    ids, out = list(prompt), []
    with torch.no_grad():
        for _ in range(steps):
            token = int(model(input_ids=torch.tensor([ids])).logits[0, -1].argmax())
            if token in stop:
                break
            out.append(token)
            ids.append(token)
    return out


@pytest.mark.parametrize("style", ["plain", "chat"])
def test_batched_left_padded_generation_equals_one_prompt_at_a_time(chat: tuple[Any, Any], style: str) -> None:
    model, tokenizer = chat
    prompts = [
        tokenizer(context_and_continuations(q, tokenizer, style)[0], add_special_tokens=style == "plain")["input_ids"]
        for q in QUESTIONS
    ]
    assert len({len(p) for p in prompts}) > 1  # different lengths: the batch is padded
    stop = {tokenizer.eos_token_id}
    batched = greedy_continuations(
        model, prompts, pad_id=pad_token_id(tokenizer), stop_ids=stop, max_new_tokens=6, max_length=512, device="cpu"
    )
    assert batched == [_greedy_by_hand(model, p, 6, stop) for p in prompts]


def test_a_model_made_to_say_one_letter_is_scored_by_it(chat: tuple[Any, Any]) -> None:
    model, tokenizer = chat
    (letter_b,) = tokenizer("B", add_special_tokens=False)["input_ids"]
    bias = torch.zeros(model.lm_head.out_features)
    bias[letter_b] = 30.0  # every next token is now "B"
    model.lm_head.bias = torch.nn.Parameter(bias)
    try:
        stop = {tokenizer.eos_token_id}
        one = in_process(model, tokenizer, stop_ids=stop, max_new_tokens=1, max_length=1024)
        three = in_process(model, tokenizer, stop_ids=stop, max_new_tokens=3, max_length=1024)
        result = score_by_generation(tokenizer, QUESTIONS, one, batch_size=2, max_new_tokens=1)
        longer = score_by_generation(tokenizer, QUESTIONS, three, batch_size=2, max_new_tokens=3)
    finally:
        model.lm_head.bias = None
    assert [item.generated for item in result.items] == ["B", "B", "B"]
    assert [item.extracted for item in result.items] == [1, 1, 1]
    assert [item.correct for item in result.items] == [True, True, False]
    assert result.overall.accuracy == pytest.approx(2 / 3) and result.overall.count == 3
    assert result.subjects["arithmetic"].accuracy == 1.0 and result.subjects["nature"].accuracy == 0.0
    # "BBB" is no standalone letter and names no choice: an unreadable reply scores as wrong.
    assert {item.generated for item in longer.items} == {"BBB"} and longer.overall.accuracy == 0.0


def test_an_evaluation_job_reports_generation_accuracy_next_to_loglikelihood(
    tiny_family: dict[str, Path], tmp_path: Path
) -> None:
    path = tmp_path / "mc.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {"question": q.question, "choices": q.choices, "answer_index": q.answer_index, "subject": q.subject}
            )
            + "\n"
            for q in QUESTIONS
        ),
        encoding="utf-8",
    )
    sets = [EvalSetSpec(dataset_id="ds_mc", name="mc", kind="multiple_choice", path=str(path), role="domain")]
    seen: list[float] = []
    job = EvaluationJob(
        model_path=str(tiny_family[TINY_CHAT]), sets=sets, generate_answers=True, max_new_tokens=4, batch_size=2
    )
    outcome = run_evaluation(job, lambda fraction, _: seen.append(fraction))
    plain = run_evaluation(job.model_copy(update={"generate_answers": False}))
    items = outcome.items
    assert len(items) == 3 and all("generated" in i and "extracted" in i for i in items)
    for item in items:
        assert item["extracted"] == extract_choice(item["generated"], QUESTIONS[item["index"]].choices)
        assert item["generate_correct"] == (item["extracted"] == item["answer"])
    assert outcome.summary["mc_generate_accuracy"] == pytest.approx(sum(i["generate_correct"] for i in items) / 3)
    assert outcome.summary["mc_accuracy"] == plain.summary["mc_accuracy"]  # the log-likelihood scores are unchanged
    assert "mc_generate_accuracy" not in plain.summary and "generated" not in plain.items[0]
    assert set(outcome.sets[0]["metrics"]["subjects"]["geo"]) >= {"mc_accuracy", "mc_generate_accuracy"}
    assert seen == sorted(seen) and seen[-1] == 1.0
