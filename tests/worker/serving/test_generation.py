"""The CPU server's decode loop on the tiny chat model: greedy parity with transformers, stop strings, sampling."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch

from worker.engine.demo_models import TINY_CHAT
from worker.engine.inference import InferenceModel, load_for_inference, stop_token_ids
from worker.serving.generation import Generation, Sampling, _held_back, generate, penalise_repetition, render_chat

CHAT = [{"role": "user", "content": "What is the capital of France?"}]


@pytest.fixture(scope="module")
def tiny_chat(tiny_family: dict[str, Path]) -> InferenceModel:
    return load_for_inference(tiny_family[TINY_CHAT])


def _run(loaded: InferenceModel, prompt: list[int], sampling: Sampling) -> tuple[list[str], Generation]:
    result = Generation(prompt_tokens=len(prompt))
    return list(generate(loaded, prompt, sampling, result)), result


def test_greedy_answer_equals_transformers_generate(tiny_chat: InferenceModel) -> None:
    prompt = render_chat(tiny_chat.tokenizer, CHAT)
    assert tiny_chat.tokenizer.decode(prompt).endswith("<|im_start|>assistant\n")
    pieces, result = _run(tiny_chat, prompt, Sampling(temperature=0, max_tokens=40))

    with torch.inference_mode():
        expected_ids = tiny_chat.model.generate(
            torch.tensor([prompt]), do_sample=False, max_new_tokens=40, eos_token_id=sorted(stop_token_ids(tiny_chat))
        )[0, len(prompt) :].tolist()
    stopped = expected_ids[-1] in stop_token_ids(tiny_chat)
    expected_text = tiny_chat.tokenizer.decode(expected_ids, skip_special_tokens=True)
    assert "".join(pieces) == expected_text
    assert result.completion_tokens == len(expected_ids) - (1 if stopped else 0)
    assert result.finish_reason == ("stop" if stopped else "length")
    assert len(pieces) > 1, "text is yielded as tokens are produced, not at the end"


def test_repetition_penalty_matches_transformers_and_changes_the_answer(tiny_chat: InferenceModel) -> None:
    prompt = render_chat(tiny_chat.tokenizer, CHAT)
    plain, _ = _run(tiny_chat, prompt, Sampling(temperature=0, max_tokens=40))
    pieces, _ = _run(tiny_chat, prompt, Sampling(temperature=0, max_tokens=40, repetition_penalty=1.8))
    with torch.inference_mode():
        expected_ids = tiny_chat.model.generate(
            torch.tensor([prompt]),
            do_sample=False,
            max_new_tokens=40,
            repetition_penalty=1.8,
            eos_token_id=sorted(stop_token_ids(tiny_chat)),
        )[0, len(prompt) :].tolist()
    assert "".join(pieces) == tiny_chat.tokenizer.decode(expected_ids, skip_special_tokens=True)
    assert "".join(pieces) != "".join(plain), "a strong penalty changes a random model's greedy answer"


def test_penalty_lowers_seen_tokens_whatever_their_sign() -> None:
    logits = torch.tensor([2.0, -2.0, 1.0, 0.5])
    penalised = penalise_repetition(logits, [0, 1, 1], 2.0)
    assert penalised.tolist() == [1.0, -4.0, 1.0, 0.5]
    assert penalise_repetition(logits, [0, 1], 1.0) is logits


def test_stop_strings_cut_the_answer_before_them(tiny_chat: InferenceModel) -> None:
    prompt = render_chat(tiny_chat.tokenizer, CHAT)
    full = "".join(_run(tiny_chat, prompt, Sampling(temperature=0, max_tokens=40))[0])
    stop = full[12:15]  # a string the greedy answer is known to contain
    assert stop.strip() and stop in full
    pieces, result = _run(tiny_chat, prompt, Sampling(temperature=0, max_tokens=40, stop=[stop]))
    assert "".join(pieces) == full[: full.index(stop)]
    assert result.finish_reason == "stop"


def test_seeded_sampling_repeats_and_differs_from_greedy(tiny_chat: InferenceModel) -> None:
    prompt = render_chat(tiny_chat.tokenizer, CHAT)
    sampled = Sampling(temperature=1.0, top_p=0.9, max_tokens=30, seed=7)
    first, second = _run(tiny_chat, prompt, sampled)[0], _run(tiny_chat, prompt, sampled)[0]
    greedy = _run(tiny_chat, prompt, Sampling(temperature=0, max_tokens=30))[0]
    assert "".join(first) == "".join(second)
    assert "".join(first) != "".join(greedy)


def test_the_chat_models_end_of_turn_token_stops_generation(tiny_chat: InferenceModel) -> None:
    im_end = tiny_chat.tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert im_end in stop_token_ids(tiny_chat)


@pytest.mark.parametrize(
    ("text", "stops", "held"),
    [("hello wor", ["world"], 3), ("hello", ["xyz"], 0), ("ab\ufffd", [], 1), ("end.", ["."], 0), ("a##", ["###"], 2)],
)
def test_text_that_may_become_a_stop_string_is_held_back(text: str, stops: list[str], held: int) -> None:
    assert _held_back(text, stops) == held
