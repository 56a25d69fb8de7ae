"""Multiple-choice scoring by generating an answer and extracting the chosen letter from it.

Log-likelihood scoring (multiple_choice.py) asks which letter the model finds likeliest; a chat model that answers
"The answer is (C) because …" is judged better by what it actually says. Here the same prompt (plain MMLU text, or
the user turn rendered with the chat template) is continued greedily for a few tokens, and the answer is read from
the text with rules in the spirit of lm-evaluation-harness's "flexible-extract" filters, most specific first:

1. an explicit statement: "answer is (C)", "Answer: C", "answer: c)";
2. the reply starting with a lowercase letter in parentheses or before punctuation: "(c)", "c.", "c)";
3. the first standalone capital letter among the choices ("C", "C. Paris", "I think C"), except "A" or "I" opening
   a sentence before a lowercase word ("A good question…"), which is the article or the pronoun;
4. the text of exactly one choice appearing in the reply ("Paris" for "C. Paris").

A reply none of these rules reads scores as wrong (extracted = None), as in the harness.

Who generates is the caller's choice (`GenerateReplies`): `in_process` runs the loaded model here, and the worker
can hand in one that asks the inference service instead. Either way the prompt is the same token ids, cut to the
same length, continued greedily until the same stop tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import torch
from transformers import PreTrainedTokenizerBase

from specs.evaluation import PromptStyle
from worker.engine.evaluation.multiple_choice import LETTERS, Question, context_and_continuations
from worker.engine.inference import encode_prompt
from worker.engine.loading import pad_token_id


def extract_choice(text: str, choices: Sequence[str]) -> int | None:
    """The index of the choice a generated reply names, or None when it names none (or several by text)."""
    letters = LETTERS[: len(choices)]
    if not letters:
        return None
    upper, lower = f"[{letters}]", f"[{letters}{letters.lower()}]"
    # A lowercase letter counts only where it cannot be the article "a": in parentheses or before punctuation.
    explicit = rf"(?i:answer)\s*(?:is|:)\s*:?\s*(?:\(({lower})\)|({upper})(?![A-Za-z])|({lower})(?=[).:]|\s*$))"
    leading = rf"^\s*(?:\(({lower})\)|({lower})(?=[).:]|\s*$))"
    standalone = rf"(?<![A-Za-z])\(?({upper})\)?(?![A-Za-z])"
    for rule in (explicit, leading):
        if match := re.search(rule, text):
            return letters.index(next(group for group in match.groups() if group).upper())
    for match in re.finditer(standalone, text):
        # "A" or "I" opening a sentence before a lowercase word is the article or the pronoun ("A good question…").
        opens_sentence = re.search(r"(?:^|[.!?]\s+)\(?$", text[: match.start(1)]) is not None
        if match.group(1) in "AI" and opens_sentence and re.match(r"\s+[a-z]", text[match.end() :]):
            continue
        return letters.index(match.group(1))
    lowered = text.lower()
    named = [i for i, choice in enumerate(choices) if choice.strip() and choice.strip().lower() in lowered]
    return named[0] if len(named) == 1 else None


@dataclass(frozen=True)
class GeneratedAnswer:
    index: int
    subject: str
    answer: int
    generated: str
    extracted: int | None

    @property
    def correct(self) -> bool:
        return self.extracted == self.answer


@dataclass(frozen=True)
class GenerationAccuracy:
    accuracy: float
    count: int


@dataclass(frozen=True)
class GenerationResult:
    overall: GenerationAccuracy
    subjects: dict[str, GenerationAccuracy]
    items: list[GeneratedAnswer] = field(repr=False)


class GenerateReplies(Protocol):
    """Greedy replies (decoded text, special tokens skipped) to prompts given as token ids, in order."""

    def __call__(self, prompts: Sequence[list[int]]) -> list[str]: ...


@torch.no_grad()
def greedy_continuations(
    model: torch.nn.Module,
    prompts: Sequence[list[int]],
    *,
    pad_id: int,
    stop_ids: set[int],
    max_new_tokens: int,
    max_length: int,
    device: torch.device,
) -> list[list[int]]:
    """Greedy continuation of each prompt (left-padded into one batch), up to a stop token or max_new_tokens.

    Written out rather than through `generate()` so that the scoring depends on nothing but the logits: no
    generation_config of a checkpoint (sampling defaults, repetition penalties) can change what is measured.
    """
    keep = max(1, max_length - max_new_tokens)
    rows = [list(p[-keep:]) for p in prompts]
    width = max(len(r) for r in rows)
    input_ids = torch.full((len(rows), width), pad_id, dtype=torch.long)
    attention = torch.zeros((len(rows), width), dtype=torch.long)
    for r, row in enumerate(rows):
        input_ids[r, width - len(row) :] = torch.tensor(row)
        attention[r, width - len(row) :] = 1
    input_ids, attention = input_ids.to(device), attention.to(device)
    outputs: list[list[int]] = [[] for _ in rows]
    done = [False] * len(rows)
    for _ in range(max_new_tokens):
        # Left padding: positions count from each row's first real token.
        positions = (attention.cumsum(-1) - 1).clamp(min=0)
        logits = model(input_ids=input_ids, attention_mask=attention, position_ids=positions, use_cache=False).logits
        next_ids = logits[:, -1].float().argmax(-1)
        for r, token in enumerate(next_ids.tolist()):
            if done[r]:
                continue
            if token in stop_ids:
                done[r] = True
            else:
                outputs[r].append(token)
        if all(done):
            break
        input_ids = torch.cat([input_ids, next_ids[:, None]], dim=1)
        attention = torch.cat([attention, torch.ones_like(next_ids)[:, None]], dim=1)
    return outputs


def in_process(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    *,
    stop_ids: set[int],
    max_new_tokens: int,
    max_length: int,
) -> GenerateReplies:
    """Replies from the model loaded here, a batch at a time."""
    device = next(model.parameters()).device

    def generate(prompts: Sequence[list[int]]) -> list[str]:
        was_training = model.training
        model.eval()
        try:
            replies = greedy_continuations(
                model,
                prompts,
                pad_id=pad_token_id(tokenizer),
                stop_ids=stop_ids,
                max_new_tokens=max_new_tokens,
                max_length=max_length,
                device=device,
            )
        finally:
            model.train(was_training)
        return [str(tokenizer.decode(reply, skip_special_tokens=True)) for reply in replies]

    return generate


def _accuracy(items: Sequence[GeneratedAnswer]) -> GenerationAccuracy:
    return GenerationAccuracy(sum(item.correct for item in items) / len(items), len(items))


def score_by_generation(
    tokenizer: PreTrainedTokenizerBase,
    questions: Sequence[Question],
    generate: GenerateReplies,
    *,
    style: PromptStyle = "plain",
    system_prompt: str | None = None,
    batch_size: int = 8,
    max_length: int = 1024,
    max_new_tokens: int = 32,
    progress: Callable[[int, int], None] | None = None,
) -> GenerationResult:
    """Accuracy of the extracted answers overall and per subject, with every reply and what was read from it."""
    if not questions:
        raise ValueError("no questions to score")
    # Cut here rather than in each backend, so both see the same ids: the reply must fit in max_length.
    keep = max(1, max_length - max_new_tokens)
    items: list[GeneratedAnswer] = []
    for start in range(0, len(questions), batch_size):
        group = questions[start : start + batch_size]
        prompts = [
            encode_prompt(tokenizer, context_and_continuations(q, tokenizer, style, system_prompt)[0])[-keep:]
            for q in group
        ]
        replies = generate(prompts)
        for offset, (question, text) in enumerate(zip(group, replies, strict=True)):
            extracted = extract_choice(text, question.choices)
            items.append(GeneratedAnswer(start + offset, question.subject, question.answer_index, text, extracted))
        if progress is not None:
            progress(len(items), len(questions))
    subjects = sorted({item.subject for item in items})
    by_subject = {s: _accuracy([item for item in items if item.subject == s]) for s in subjects}
    return GenerationResult(_accuracy(items), by_subject, items)
