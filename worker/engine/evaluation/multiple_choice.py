"""Multiple-choice scoring by log-likelihood, following lm-evaluation-harness's rules for MMLU.

The context is the question with its lettered options and "Answer:" (preceded, when the subject is known, by
"The following are multiple choice questions (with answers) about <subject>.\\n\\n"); each continuation is the
target delimiter " " plus a choice's letter. Context and continuation are encoded as the harness (0.4.13, HFLM
defaults) does (`_encode_pair`: trailing spaces of the context move to the continuation; the continuation's tokens
are those of context + continuation past the context's tokens; the tokenizer adds its own special tokens, a BOS
for most causal LMs, unless the text already starts with it). A continuation's score is the
sum of the log-probabilities of its tokens. `acc` takes the argmax of the sums, `acc_norm` the argmax of the
sums divided by the continuation's length in characters (the choice string without the delimiter, as the
harness does); with single-letter choices both agree. Ties go to the first choice (numpy's argmax).

With prompt_style "chat" the question is rendered as a user turn with the model's chat template (generation
prompt added) and the continuation is the bare letter.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from transformers import PreTrainedTokenizerBase

from specs.evaluation import PromptStyle
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import DataError
from worker.engine.loading import pad_token_id

LETTERS = string.ascii_uppercase
TARGET_DELIMITER = " "


@dataclass(frozen=True)
class Question:
    question: str
    choices: list[str]
    answer_index: int
    subject: str = "all"

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Question:
        return cls(
            record["question"], list(record["choices"]), int(record["answer_index"]), record.get("subject") or "all"
        )


@dataclass(frozen=True)
class ItemScore:
    index: int
    subject: str
    answer: int
    loglikelihoods: list[float]
    chosen: int  # argmax of the summed log-likelihoods (acc)
    chosen_norm: int  # argmax of the length-normalised ones (acc_norm)

    @property
    def correct(self) -> bool:
        return self.chosen == self.answer

    @property
    def correct_norm(self) -> bool:
        return self.chosen_norm == self.answer


@dataclass(frozen=True)
class Accuracy:
    accuracy: float
    accuracy_norm: float
    count: int


@dataclass(frozen=True)
class MultipleChoiceResult:
    overall: Accuracy
    subjects: dict[str, Accuracy]
    items: list[ItemScore] = field(repr=False)


def mmlu_prompt(question: Question) -> str:
    subject = question.subject.replace("_", " ").strip()
    description = (
        f"The following are multiple choice questions (with answers) about {subject}.\n\n"
        if subject and subject != "all"
        else ""
    )
    options = "".join(f"\n{LETTERS[i]}. {choice}" for i, choice in enumerate(question.choices))
    return f"{description}{question.question.strip()}{options}\nAnswer:"


def context_and_continuations(
    question: Question, tokenizer: PreTrainedTokenizerBase, style: PromptStyle, system_prompt: str | None = None
) -> tuple[str, list[str]]:
    prompt = mmlu_prompt(question)
    letters = [LETTERS[i] for i in range(len(question.choices))]
    if style == "plain":
        return prompt, [TARGET_DELIMITER + letter for letter in letters]
    template, _ = resolve_chat_template(tokenizer)
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    rendered = tokenizer.apply_chat_template(
        [*messages, {"role": "user", "content": prompt}],
        chat_template=template,
        tokenize=False,
        add_generation_prompt=True,
    )
    assert isinstance(rendered, str)
    return rendered, letters


def _encode(tokenizer: PreTrainedTokenizerBase, text: str) -> list[int]:
    """The tokenizer's own special tokens (its BOS), unless the text already starts with it (a rendered template)."""
    prefix = tokenizer.bos_token if tokenizer.bos_token is not None else tokenizer.eos_token
    has_prefix = isinstance(prefix, str) and bool(prefix) and text.startswith(prefix)
    return list(tokenizer(text, add_special_tokens=not has_prefix)["input_ids"])


def encode_pair(tokenizer: PreTrainedTokenizerBase, context: str, continuation: str) -> tuple[list[int], list[int]]:
    """(context ids, continuation ids) exactly as lm-evaluation-harness's `_encode_pair` with HFLM's defaults."""
    spaces = len(context) - len(context.rstrip())
    if spaces:
        continuation = context[-spaces:] + continuation
        context = context[:-spaces]
    whole = _encode(tokenizer, context + continuation)
    context_ids = _encode(tokenizer, context)
    return context_ids, whole[len(context_ids) :]


@dataclass(frozen=True)
class _Request:
    item: int
    choice: int
    context: list[int]
    continuation: list[int]


@torch.no_grad()
def continuation_loglikelihoods(
    model: torch.nn.Module,
    requests: Sequence[tuple[list[int], list[int]]],
    *,
    pad_id: int,
    batch_size: int,
    max_length: int,
    device: torch.device,
) -> list[float]:
    """Summed log-probability of each continuation given its context, batch by batch (longest first).

    The model reads context + continuation minus its last token; requests whose inputs are identical share one
    forward pass (the model is causal, so each reads its own positions): the four one-token letters of a question
    cost one pass, as in the harness.
    """
    rows: dict[tuple[int, ...], list[int]] = {}  # model input → the requests it scores
    for i, (context, continuation) in enumerate(requests):
        if not continuation:
            raise DataError("a choice's continuation encodes to no tokens with this tokenizer")
        rows.setdefault(tuple((context + continuation)[-(max_length + 1) :][:-1]), []).append(i)
    unique = sorted(rows, key=len, reverse=True)
    scores = [0.0] * len(requests)
    for start in range(0, len(unique), batch_size):
        chunk = unique[start : start + batch_size]
        width = len(chunk[0])
        input_ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
        attention = torch.zeros((len(chunk), width), dtype=torch.long)
        for r, row in enumerate(chunk):
            input_ids[r, : len(row)] = torch.tensor(row)
            attention[r, : len(row)] = 1
        logits = model(input_ids=input_ids.to(device), attention_mask=attention.to(device), use_cache=False).logits
        for r, row in enumerate(chunk):
            length = len(row)
            for i in rows[row]:
                continuation = requests[i][1]
                # The last len(continuation) positions of the row predict the continuation's tokens.
                picked = logits[r, length - len(continuation) : length].float().log_softmax(-1)
                targets = torch.tensor(continuation, device=picked.device)
                scores[i] = float(picked.gather(-1, targets[:, None]).sum())
    return scores


def _argmax(values: Sequence[float]) -> int:
    return max(range(len(values)), key=lambda i: (values[i], -i))


def pick(loglikelihoods: Sequence[float], choices: Sequence[str]) -> tuple[int, int]:
    """(acc choice, acc_norm choice): the best summed log-likelihood, and the best per character of the choice."""
    normed = [ll / float(len(choice)) for ll, choice in zip(loglikelihoods, choices, strict=True)]
    return _argmax(loglikelihoods), _argmax(normed)


def _accuracy(items: Sequence[ItemScore]) -> Accuracy:
    count = len(items)
    return Accuracy(
        sum(item.correct for item in items) / count, sum(item.correct_norm for item in items) / count, count
    )


def score_multiple_choice(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    questions: Sequence[Question],
    *,
    style: PromptStyle = "plain",
    system_prompt: str | None = None,
    batch_size: int = 8,
    max_length: int = 1024,
    progress: Callable[[int, int], None] | None = None,
) -> MultipleChoiceResult:
    """Accuracy (acc and acc_norm) overall and per subject, and every item's chosen answer."""
    if not questions:
        raise ValueError("no questions to score")
    device = next(model.parameters()).device
    was_training = model.training
    model.eval()
    items: list[ItemScore] = []
    pad_id = pad_token_id(tokenizer)
    try:
        # A few questions at a time, so memory holds only one group's requests.
        group = max(1, batch_size)
        for start in range(0, len(questions), group):
            requests: list[_Request] = []
            continuations: dict[int, list[str]] = {}
            for offset, question in enumerate(questions[start : start + group]):
                context, options = context_and_continuations(question, tokenizer, style, system_prompt)
                continuations[start + offset] = [option.strip() for option in options]
                for c, option in enumerate(options):
                    context_ids, continuation_ids = encode_pair(tokenizer, context, option)
                    requests.append(_Request(start + offset, c, context_ids, continuation_ids))
            scores = continuation_loglikelihoods(
                model,
                [(r.context, r.continuation) for r in requests],
                pad_id=pad_id,
                batch_size=batch_size,
                max_length=max_length,
                device=device,
            )
            for offset, question in enumerate(questions[start : start + group]):
                index = start + offset
                lls = [s for r, s in zip(requests, scores, strict=True) if r.item == index]
                chosen, chosen_norm = pick(lls, continuations[index])
                items.append(ItemScore(index, question.subject, question.answer_index, lls, chosen, chosen_norm))
            if progress is not None:
                progress(len(items), len(questions))
    finally:
        model.train(was_training)
    subjects = sorted({item.subject for item in items})
    by_subject = {s: _accuracy([item for item in items if item.subject == s]) for s in subjects}
    return MultipleChoiceResult(_accuracy(items), by_subject, items)
