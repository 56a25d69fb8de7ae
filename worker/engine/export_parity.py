"""Parity of an exported model with the model it was made from: same greedy tokens, logits within a tolerance.

The reference generates greedily from a handful of chat-rendered prompts; the candidate then generates from the
same prompts, and both score the reference's sequences (prompt + generated tokens) so their logits are compared at
the same positions. The tolerance scales with the logits' size and the export dtype's precision: bf16 keeps
8 bits of mantissa, fp16 11, fp32 24, and rounding every weight once moves logits by a few units of the last place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import PreTrainedTokenizerBase

from specs.export import ExportDtype
from worker.engine.data.chat import Message, prepare_messages, record_tools
from worker.engine.data.records import read_jsonl
from worker.engine.errors import DataError

# Allowed max |logit difference| per unit of the largest |logit|, by the dtype the candidate's weights are in.
RELATIVE_TOLERANCE: dict[ExportDtype, float] = {"fp32": 1e-4, "fp16": 1e-2, "bf16": 5e-2}
DEFAULT_PROMPTS: tuple[str, ...] = (
    "What is a checkpoint?",
    "Name three rivers.",
    "How do I bake bread?",
    "Tell me about clocks.",
)


@dataclass(frozen=True)
class Reference:
    """What the reference model did: the input ids of each prompt and its greedy continuation, and its logits."""

    prompts: list[list[int]]
    generated: list[list[int]]
    logits: list[torch.Tensor]  # float32 on CPU, one [sequence length, vocab] per prompt


@dataclass(frozen=True)
class ParityResult:
    passed: bool
    dtype: str
    max_abs_logit_diff: float
    tolerance: float
    tokens_compared: int
    tokens_matching: int  # the candidate's greedy choice equals the reference's, on the reference's sequences
    generations_identical: int  # prompts whose free-running greedy generation is the reference's, token for token
    prompts: int
    max_new_tokens: int  # generation stops earlier at a stop token
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def render_prompts(tokenizer: PreTrainedTokenizerBase, conversations: Sequence[list[Message]]) -> list[list[int]]:
    """Each conversation as inference would see it: the chat template with the generation prompt, or plain text."""
    rendered = []
    for messages in conversations:
        if isinstance(tokenizer.chat_template, str):
            text = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
            assert isinstance(text, str)
            ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        else:  # a continued-pretraining checkpoint of a base model has no template: it continues text
            ids = tokenizer(" ".join(str(m["content"]) for m in messages))["input_ids"]
        rendered.append(list(ids))
    return rendered


def default_conversations(system_prompt: str | None) -> list[list[Message]]:
    system: list[Message] = [{"role": "system", "content": system_prompt}] if system_prompt else []
    return [[*system, {"role": "user", "content": prompt}] for prompt in DEFAULT_PROMPTS]


def dataset_conversations(dataset_path: Path, system_prompt: str | None, count: int = 4) -> list[list[Message]]:
    """The first usable training conversations up to their last answer: prompts the model was tuned for.

    Tool-calling records are skipped (their prompts need the tool definitions); text records give none, and the
    default prompts are used instead."""
    conversations: list[list[Message]] = []
    if not dataset_path.is_file():
        return default_conversations(system_prompt)
    for index, record in read_jsonl(dataset_path):
        if len(conversations) == count:
            break
        if "messages" not in record or record_tools(record):
            continue
        try:
            messages, _ = prepare_messages(record, default_system_prompt=system_prompt, index=index)
        except DataError:
            continue
        last_answer = max((i for i, m in enumerate(messages) if m["role"] == "assistant"), default=None)
        if last_answer:
            conversations.append(messages[:last_answer])
    return conversations or default_conversations(system_prompt)


@torch.no_grad()
def _logits(model: torch.nn.Module, ids: list[int]) -> torch.Tensor:
    device = next(model.parameters()).device
    logits: torch.Tensor = model(input_ids=torch.tensor([ids], device=device)).logits
    return logits[0].float().cpu()


@torch.no_grad()
def _greedy(model: Any, prompt: list[int], max_new_tokens: int, pad_token_id: int) -> list[int]:
    device = next(model.parameters()).device
    output = model.generate(
        input_ids=torch.tensor([prompt], device=device),
        attention_mask=torch.ones(1, len(prompt), dtype=torch.long, device=device),
        do_sample=False,
        max_new_tokens=max_new_tokens,
        pad_token_id=pad_token_id,
    )
    return [int(t) for t in output[0, len(prompt) :].tolist()]


def run_reference(
    model: torch.nn.Module, prompts: list[list[int]], max_new_tokens: int, pad_token_id: int
) -> Reference:
    generated = [_greedy(model, prompt, max_new_tokens, pad_token_id) for prompt in prompts]
    logits = [_logits(model, prompt + tokens) for prompt, tokens in zip(prompts, generated, strict=True)]
    return Reference(prompts, generated, logits)


def compare(reference: Reference, candidate: torch.nn.Module, dtype: ExportDtype, pad_token_id: int) -> ParityResult:
    """Greedy tokens are compared position by position on the reference's sequences (teacher forcing), so one
    flipped token does not cascade; a flip counts only when the reference preferred its token by more than the
    tolerance (a near tie may legitimately go either way after rounding). Free-running generations are reported."""
    max_new_tokens = max((len(tokens) for tokens in reference.generated), default=0)
    max_diff, scale = 0.0, 1.0
    for expected in reference.logits:
        scale = max(scale, float(expected.abs().max()))
    tolerance = RELATIVE_TOLERANCE[dtype] * scale
    compared = matching = flipped = identical = 0
    finite = all(bool(torch.isfinite(expected).all()) for expected in reference.logits)
    for prompt, tokens, expected in zip(reference.prompts, reference.generated, reference.logits, strict=True):
        got = _logits(candidate, prompt + tokens)
        vocab = min(got.shape[-1], expected.shape[-1])  # a merged model may keep spare embedding rows
        got, expected = got[:, :vocab], expected[:, :vocab]
        finite = finite and bool(torch.isfinite(got).all())
        max_diff = max(max_diff, float((got - expected).abs().max()))
        for offset, token in enumerate(tokens):
            position = len(prompt) - 1 + offset  # the logits that predict generated token `offset`
            choice = int(got[position].argmax())
            compared += 1
            if choice == token:
                matching += 1
            elif float(expected[position, token] - expected[position, choice]) > tolerance:
                flipped += 1
        identical += _greedy(candidate, prompt, max_new_tokens, pad_token_id) == tokens
    reasons = []
    if not finite:  # NaN compares false with everything: it must fail here, not slip through the checks below
        reasons.append("the logits are not all finite (NaN or inf)")
    if flipped:
        reasons.append(f"{flipped} of {compared} greedy tokens differ by more than a near tie")
    if max_diff > tolerance:
        reasons.append(f"max |logit difference| {max_diff:.3g} exceeds the {dtype} tolerance {tolerance:.3g}")
    return ParityResult(
        passed=not reasons,
        dtype=dtype,
        max_abs_logit_diff=max_diff,
        tolerance=tolerance,
        tokens_compared=compared,
        tokens_matching=matching,
        generations_identical=identical,
        prompts=len(reference.prompts),
        max_new_tokens=max_new_tokens,
        reason="; ".join(reasons) or None,
    )
