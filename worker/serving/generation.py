"""Token-by-token generation with a KV cache, yielding text as soon as it is certain.

A manual loop rather than `model.generate` so that one code path serves streaming and non-streaming requests,
stop strings are cut off exactly (OpenAI never returns them) and text that might still become a stop string or is
half of a multi-byte character is held back until the next token decides. Greedy decoding picks the same tokens as
`model.generate(do_sample=False)`.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import torch
from transformers import PreTrainedTokenizerBase

from specs.inference import FinishReason
from worker.engine.inference import InferenceModel, stop_token_ids

DEFAULT_MAX_TOKENS = 256


@dataclass(frozen=True)
class Sampling:
    temperature: float = 1.0
    top_p: float = 1.0
    max_tokens: int = DEFAULT_MAX_TOKENS
    stop: Sequence[str] = ()
    seed: int | None = None
    stop_ids: frozenset[int] = frozenset()  # the request's, on top of the model's own end tokens
    repetition_penalty: float = 1.0


@dataclass
class Generation:
    """Filled in while the loop runs; read it once the text iterator is exhausted."""

    prompt_tokens: int
    completion_tokens: int = 0
    finish_reason: FinishReason = "length"
    text: list[str] = field(default_factory=list)


def render_chat(tokenizer: PreTrainedTokenizerBase, messages: list[dict[str, str]]) -> list[int]:
    """The conversation in the checkpoint's own chat template, ending with the assistant's turn opening."""
    if not tokenizer.chat_template:
        raise ValueError("this model has no chat template; use /v1/completions with a plain prompt instead")
    rendered = tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)
    return list(tokenizer(str(rendered), add_special_tokens=False)["input_ids"])


def penalise_repetition(logits: torch.Tensor, seen: list[int], penalty: float) -> torch.Tensor:
    """vLLM's and transformers' rule: a seen token's logit is divided by the penalty when positive, multiplied
    when negative, so it always becomes less likely for a penalty above 1."""
    if penalty == 1.0 or not seen:
        return logits
    ids = torch.tensor(sorted(set(seen)), dtype=torch.long)
    picked = logits[ids]
    logits = logits.clone()
    logits[ids] = torch.where(picked > 0, picked / penalty, picked * penalty)
    return logits


def _next_token(logits: torch.Tensor, sampling: Sampling, generator: torch.Generator) -> int:
    if sampling.temperature == 0:
        return int(torch.argmax(logits).item())
    probs = torch.softmax(logits.float() / sampling.temperature, dim=-1)
    if sampling.top_p < 1.0:
        sorted_probs, order = torch.sort(probs, descending=True)
        # Keep each token whose preceding mass is below top_p: the smallest set reaching p, never empty.
        keep = (torch.cumsum(sorted_probs, dim=-1) - sorted_probs) < sampling.top_p
        probs = torch.zeros_like(probs).scatter(-1, order[keep], sorted_probs[keep])
    return int(torch.multinomial(probs, 1, generator=generator).item())


def _held_back(text: str, stops: Sequence[str]) -> int:
    """How many trailing characters could still be the start of a stop string or an unfinished character."""
    hold = 0
    for stop in stops:
        for length in range(min(len(stop) - 1, len(text)), hold, -1):
            if text.endswith(stop[:length]):
                hold = length
                break
    if text.endswith("\ufffd"):  # a multi-byte character split across tokens decodes as U+FFFD until complete
        hold = max(hold, 1)
    return hold


@torch.inference_mode()
def generate(loaded: InferenceModel, prompt_ids: list[int], sampling: Sampling, result: Generation) -> Iterator[str]:
    """Yield the answer's text in pieces as tokens are produced; `result` holds counts and why it stopped."""
    model, tokenizer = loaded.model, loaded.tokenizer
    device = next(model.parameters()).device
    stops = stop_token_ids(loaded) | sampling.stop_ids
    generator = torch.Generator(device="cpu")
    generator.manual_seed(sampling.seed if sampling.seed is not None else secrets.randbits(63))
    tokens: list[int] = []
    sent = 0
    past = None
    inputs = torch.tensor([prompt_ids], device=device)
    for _ in range(sampling.max_tokens):
        output = model(input_ids=inputs, past_key_values=past, use_cache=True)
        past = output.past_key_values
        logits = penalise_repetition(output.logits[0, -1].to("cpu"), prompt_ids + tokens, sampling.repetition_penalty)
        token = _next_token(logits, sampling, generator)
        if token in stops:
            result.finish_reason = "stop"
            break
        tokens.append(token)
        result.completion_tokens = len(tokens)
        text = str(tokenizer.decode(tokens, skip_special_tokens=True))
        cut = min((i for i in (text.find(s, max(sent - len(s), 0)) for s in sampling.stop) if i >= 0), default=-1)
        if cut >= 0:
            result.finish_reason = "stop"
            if cut > sent:
                result.text.append(text[sent:cut])
                yield text[sent:cut]
            return
        ready = len(text) - _held_back(text, sampling.stop)
        if ready > sent:
            result.text.append(text[sent:ready])
            yield text[sent:ready]
            sent = ready
        inputs = torch.tensor([[token]], device=device)
    text = str(tokenizer.decode(tokens, skip_special_tokens=True))
    if len(text) > sent:
        result.text.append(text[sent:])
        yield text[sent:]
