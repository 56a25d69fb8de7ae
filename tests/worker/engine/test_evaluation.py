"""Multiple-choice scoring, eval loss and forgetting checks on the tiny demo models (real weights, real logits)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from specs.evaluation import EvalSetSpec, EvaluationJob
from worker.engine.demo_models import TINY_BASE, TINY_CHAT
from worker.engine.evaluation.evaluate import run_evaluation
from worker.engine.evaluation.loss import dataset_loss
from worker.engine.evaluation.multiple_choice import (
    Question,
    context_and_continuations,
    encode_pair,
    mmlu_prompt,
    pick,
    score_multiple_choice,
)
from worker.engine.precision import mixed_precision

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "evals"
QUESTIONS = [
    Question("What is 2 + 2?", ["3", "4", "5", "6"], 2, "arithmetic"),
    Question("What is 3 x 3?", ["6", "8", "9", "12"], 2, "arithmetic"),
    Question("Which is blue?", ["sky", "grass", "sun", "snow"], 0, "nature"),
    Question("Which is green?", ["sky", "grass", "sun", "snow"], 2, "nature"),
]


@pytest.fixture(scope="module")
def chat(tiny_family: dict[str, Path]) -> tuple[Any, Any]:
    model = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_CHAT], dtype=torch.float32).eval()
    return model, AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])


def _by_hand(model: Any, context: list[int], continuation: list[int]) -> float:
    """Sum of log p(continuation token | everything before it), one unpadded sequence at a time."""
    ids = torch.tensor([context + continuation])
    with torch.no_grad():
        logprobs = model(input_ids=ids).logits[0].float().log_softmax(-1)
    return sum(float(logprobs[len(context) - 1 + k, token]) for k, token in enumerate(continuation))


def test_the_prompt_is_mmlus() -> None:
    assert mmlu_prompt(QUESTIONS[0]) == (
        "The following are multiple choice questions (with answers) about arithmetic.\n\n"
        "What is 2 + 2?\nA. 3\nB. 4\nC. 5\nD. 6\nAnswer:"
    )
    assert mmlu_prompt(Question("Q?", ["x", "y"], 0)) == "Q?\nA. x\nB. y\nAnswer:"


def test_pairs_are_encoded_like_the_harness(chat: tuple[Any, Any]) -> None:
    _, tokenizer = chat
    context, continuations = context_and_continuations(QUESTIONS[0], tokenizer, "plain")
    assert continuations == [" A", " B", " C", " D"]
    ctx, cont = encode_pair(tokenizer, context, " B")
    whole = tokenizer(context + " B")["input_ids"]
    assert ctx + cont == whole and ctx == tokenizer(context)["input_ids"] and cont
    # The tokenizer's BOS leads, as the harness's HFLM encodes by default; a text that starts with it gets no second.
    assert ctx[0] == tokenizer.bos_token_id
    again, _ = encode_pair(tokenizer, tokenizer.bos_token + context, " B")
    assert again == ctx
    # Trailing spaces of the context move into the continuation.
    assert encode_pair(tokenizer, "Answer: ", "B") == encode_pair(tokenizer, "Answer:", " B")


def test_loglikelihoods_match_the_logits_computed_by_hand(chat: tuple[Any, Any]) -> None:
    model, tokenizer = chat
    forwards: list[int] = []
    hook = model.register_forward_hook(lambda module, args, output: forwards.append(1))
    try:
        # batch_size 3 puts questions of different lengths side by side, padded.
        result = score_multiple_choice(model, tokenizer, QUESTIONS, batch_size=3)
    finally:
        hook.remove()
    # The four one-token letters of a question share one input: 4 inputs in groups of 3 questions → 2 passes.
    assert len(forwards) == 2
    for question, item in zip(QUESTIONS, result.items, strict=True):
        context, continuations = context_and_continuations(question, tokenizer, "plain")
        expected = [_by_hand(model, *encode_pair(tokenizer, context, c)) for c in continuations]
        assert item.loglikelihoods == pytest.approx(expected, abs=1e-4)
        assert item.chosen == max(range(4), key=lambda i: expected[i])
        assert all(ll < 0 for ll in item.loglikelihoods)


def test_a_model_made_to_prefer_one_letter_answers_it_everywhere(chat: tuple[Any, Any]) -> None:
    model, tokenizer = chat
    (letter_c,) = encode_pair(tokenizer, "Answer:", " C")[1][-1:]
    bias = torch.zeros(model.lm_head.out_features)
    bias[letter_c] = 30.0  # the output layer now strongly prefers the token that ends " C"
    model.lm_head.bias = torch.nn.Parameter(bias)
    try:
        result = score_multiple_choice(model, tokenizer, QUESTIONS, batch_size=8)
    finally:
        model.lm_head.bias = None
    assert [item.chosen for item in result.items] == [2, 2, 2, 2]
    assert [item.correct for item in result.items] == [True, True, False, True]
    assert result.overall.accuracy == 0.75 and result.overall.count == 4
    assert result.subjects["arithmetic"].accuracy == 1.0 and result.subjects["nature"].accuracy == 0.5
    assert result.overall.accuracy_norm == 0.75  # single-letter choices: acc_norm agrees with acc


def test_acc_norm_divides_by_the_length_of_the_choice() -> None:
    # -3/2 = -1.5 < -4/4 = -1.0: the longer choice wins once normalised.
    assert pick([-3.0, -4.0], ["ab", "abcd"]) == (0, 1)
    assert pick([-2.0, -2.0], ["a", "b"]) == (0, 0)  # ties go to the first choice, like numpy's argmax


def test_chat_style_scores_the_bare_letter_after_the_generation_prompt(chat: tuple[Any, Any]) -> None:
    model, tokenizer = chat
    context, continuations = context_and_continuations(QUESTIONS[0], tokenizer, "chat")
    assert continuations == ["A", "B", "C", "D"]
    assert context.rstrip().endswith("assistant") and "Answer:" in context
    result = score_multiple_choice(model, tokenizer, QUESTIONS[:1], style="chat")
    expected = [_by_hand(model, *encode_pair(tokenizer, context, c)) for c in continuations]
    assert result.items[0].loglikelihoods == pytest.approx(expected, abs=1e-4)


def test_text_loss_is_the_mean_token_cross_entropy(chat: tuple[Any, Any], tmp_path: Path) -> None:
    model, tokenizer = chat
    text = "The river runs to the sea and the sea does not fill."
    path = tmp_path / "text.jsonl"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    result = dataset_loss(model, tokenizer, path, "text", mixed_precision("fp32", torch.device("cpu")))
    ids = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
    ids += tokenizer(text, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
    with torch.no_grad():
        logits = model(input_ids=torch.tensor([ids])).logits[0]
    expected = float(torch.nn.functional.cross_entropy(logits[:-1], torch.tensor(ids[1:])))
    assert result.loss == pytest.approx(expected, rel=1e-5)
    assert result.perplexity == pytest.approx(math.exp(expected), rel=1e-5)
    assert result.tokens == len(ids) - 1 and result.records == 1


def test_forgetting_is_the_change_against_the_reference(tiny_family: dict[str, Path], tmp_path: Path) -> None:
    chats = tmp_path / "chats.jsonl"
    chats.write_text(
        "".join(
            json.dumps({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}) + "\n"
            for q, a in [("Hi?", "Hello there."), ("Sky colour?", "Blue, mostly.")]
        ),
        encoding="utf-8",
    )
    mc = str(FIXTURES / "mixed_subjects.jsonl")
    normalised = tmp_path / "mc.jsonl"
    rows = [json.loads(line) for line in Path(mc).read_text(encoding="utf-8").splitlines()]
    letters = "ABCD"
    normalised.write_text(
        "".join(
            json.dumps(
                {
                    "question": r["question"],
                    "choices": r["choices"],
                    "answer_index": r["answer"] if isinstance(r["answer"], int) else letters.index(r["answer"].upper()),
                    "subject": r["subject"],
                }
            )
            + "\n"
            for r in rows
        ),
        encoding="utf-8",
    )
    sets = [
        EvalSetSpec(dataset_id="ds_mc", name="mc", kind="multiple_choice", path=str(normalised), role="domain"),
        EvalSetSpec(dataset_id="ds_gen", name="gen", kind="messages", path=str(chats), role="general"),
        EvalSetSpec(dataset_id="ds_genmc", name="genmc", kind="multiple_choice", path=str(normalised), role="general"),
    ]
    seen: list[float] = []
    outcome = run_evaluation(
        EvaluationJob(
            model_path=str(tiny_family[TINY_BASE]), reference_path=str(tiny_family[TINY_CHAT]), sets=sets, batch_size=4
        ),
        lambda fraction, _: seen.append(fraction),
    )
    alone = run_evaluation(EvaluationJob(model_path=str(tiny_family[TINY_CHAT]), sets=sets[1:], batch_size=2))
    s = outcome.summary
    assert s["reference_general_eval_loss"] == pytest.approx(alone.summary["general_eval_loss"], rel=1e-5)
    assert s["general_eval_loss_delta"] == pytest.approx(s["general_eval_loss"] - s["reference_general_eval_loss"])
    assert s["general_eval_loss_delta"] != 0  # base and chat models differ
    assert s["general_mc_accuracy_delta"] == pytest.approx(
        s["general_mc_accuracy"] - alone.summary["general_mc_accuracy"]
    )
    assert s["mc_accuracy"] == s["general_mc_accuracy"]  # the same questions on the same model
    assert seen == sorted(seen) and seen[-1] == 1.0
    mc_items = [i for i in outcome.items if i["dataset_id"] == "ds_mc"]
    assert len(mc_items) == 6 and sum(i["correct"] for i in mc_items) / 6 == pytest.approx(s["mc_accuracy"])
    assert {i["model"] for i in outcome.items if i["dataset_id"] == "ds_genmc"} == {"candidate", "reference"}
    subjects = outcome.sets[0]["metrics"]["subjects"]
    assert set(subjects) == {"arithmetic", "food", "nature"} and all(v["questions"] == 2 for v in subjects.values())

    # The reference's results come back per general set for caching; given back as the cache, the reference model
    # is not loaded at all (its folder here does not even exist) and the summary is the same.
    assert outcome.reference_loaded and set(outcome.reference_scored) == {"ds_gen", "ds_genmc"}
    assert all(i["model"] == "reference" for _, items in outcome.reference_scored.values() for i in items)
    job = EvaluationJob(
        model_path=str(tiny_family[TINY_BASE]), reference_path=str(tmp_path / "gone"), sets=sets, batch_size=4
    )
    cached = run_evaluation(job, cached_reference=outcome.reference_scored)
    assert not cached.reference_loaded and cached.reference_scored == {}
    assert cached.summary == pytest.approx(s)
    assert [r.get("reference_cached") for r in cached.sets] == [None, True, True]
    assert sorted(map(json.dumps, cached.items)) == sorted(map(json.dumps, outcome.items))
    # Half cached: the reference is loaded for the other set only (a missing folder now fails the job).
    with pytest.raises((OSError, ValueError)):
        run_evaluation(job, cached_reference={"ds_gen": outcome.reference_scored["ds_gen"]})
