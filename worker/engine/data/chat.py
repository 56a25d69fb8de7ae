"""A conversation record → input_ids and labels, rendered with the model's own chat template.

Loss masks come from rendering, not from knowledge of any particular template: the conversation is rendered
prefix by prefix, and what appending assistant message i adds to "messages[:i] + generation prompt" is that
message's trained text — its content plus whatever end-of-turn markers the template writes after it. This works
for any template (no `{% generation %}` blocks needed) as long as rendering is prefix-consistent, which is
checked: a template that renders a prefix differently from the start of the full conversation would train the
model on a shape it never sees at inference, so such records fail with a DataError instead.

Characters map to tokens through the fast tokenizer's offsets, on the one tokenisation of the full text, so the
trained token ids are exactly those the model sees at inference.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import jinja2
from transformers import PreTrainedTokenizerBase

from worker.engine.errors import DataError, EngineError

IGNORE_INDEX = -100  # the label torch's cross-entropy skips

Message = dict[str, Any]


@dataclass(frozen=True)
class AssistantSpan:
    """Characters [start, end) of the rendered text that assistant message `message_index` added."""

    message_index: int
    start: int
    end: int
    trained: bool


@dataclass(frozen=True)
class RenderedChat:
    text: str
    spans: list[AssistantSpan]


@dataclass(frozen=True)
class TokenizedChat:
    input_ids: list[int]
    labels: list[int]
    truncated: bool

    @property
    def trained_tokens(self) -> int:
        # The first position never carries loss in a causal LM: nothing predicts it.
        return sum(1 for label in self.labels[1:] if label != IGNORE_INDEX)


def _content_text(content: Any, index: int | None, position: int) -> str:
    if isinstance(content, str):
        return content
    # Typed parts (OpenAI `text`, LLaMA-Factory `value`): only text can be trained on here.
    if isinstance(content, list) and all(isinstance(p, dict) and p.get("type") == "text" for p in content):
        return "".join(str(p.get("text", p.get("value", ""))) for p in content)
    raise DataError(f"message {position}: content must be a string or a list of text parts", record=index)


def prepare_messages(
    record: Mapping[str, Any], *, default_system_prompt: str | None, index: int | None = None
) -> tuple[list[Message], list[bool]]:
    """Validated messages for the template (without `weight`) and, per message, whether it may be trained."""
    messages = record.get("messages")
    if not isinstance(messages, list) or not messages:
        raise DataError("the record needs a non-empty 'messages' list", record=index)
    prepared: list[Message] = []
    trainable: list[bool] = []
    for position, message in enumerate(messages):
        if not isinstance(message, dict) or not isinstance(message.get("role"), str):
            raise DataError(f"message {position} must be an object with a string 'role'", record=index)
        weight = message.get("weight", 1)
        if weight not in (0, 1) or isinstance(weight, str):
            raise DataError(f"message {position}: 'weight' must be 0 or 1, got {weight!r}", record=index)
        if weight == 0 and message["role"] != "assistant":
            raise DataError(f"message {position}: 'weight' only applies to assistant messages", record=index)
        clean = {key: value for key, value in message.items() if key != "weight"}
        clean["content"] = _content_text(message.get("content"), index, position)
        prepared.append(clean)
        trainable.append(weight == 1)
    if default_system_prompt is not None and prepared[0]["role"] != "system":
        prepared.insert(0, {"role": "system", "content": default_system_prompt})
        trainable.insert(0, True)
    return prepared, trainable


def _render(
    tokenizer: PreTrainedTokenizerBase,
    messages: Sequence[Message],
    chat_template: str,
    add_generation_prompt: bool,
    index: int | None,
    tools: Sequence[Mapping[str, Any]] | None = None,
) -> str:
    try:
        text = tokenizer.apply_chat_template(
            list(messages),
            tools=[dict(tool) for tool in tools] if tools else None,  # tool definitions render as the model expects
            chat_template=chat_template,
            add_generation_prompt=add_generation_prompt,
            tokenize=False,
        )
    except jinja2.TemplateError as exc:
        raise DataError(f"the chat template rejected the conversation: {exc}", record=index) from exc
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        reason = f"the chat template failed on the conversation ({type(exc).__name__}: {exc})"
        raise DataError(reason, record=index) from exc
    if not isinstance(text, str):
        raise EngineError(f"apply_chat_template returned {type(text).__name__}, expected the rendered text")
    return text


def render_chat(
    tokenizer: PreTrainedTokenizerBase,
    messages: Sequence[Message],
    trainable: Sequence[bool],
    *,
    chat_template: str,
    index: int | None = None,
    tools: Sequence[Mapping[str, Any]] | None = None,
) -> RenderedChat:
    """Render the whole conversation once, and each assistant message's added characters via its prefixes."""
    full = _render(tokenizer, messages, chat_template, False, index, tools)
    spans: list[AssistantSpan] = []
    for i, message in enumerate(messages):
        if message["role"] != "assistant":
            continue
        if i == 0:
            raise DataError("the conversation starts with an assistant message; nothing prompts it", record=index)
        prompt = _render(tokenizer, messages[:i], chat_template, True, index, tools)
        upto = _render(tokenizer, messages[: i + 1], chat_template, False, index, tools)
        if not upto.startswith(prompt):
            raise DataError(
                f"the chat template does not render prefixes consistently: the prompt before message {i} "
                "(with the generation prompt) is not the start of the conversation up to that message, "
                "so its loss mask would not match what the model sees at inference",
                record=index,
            )
        if not full.startswith(upto):
            raise DataError(
                f"the chat template does not render prefixes consistently: the conversation up to message {i} "
                "is not the start of the full conversation",
                record=index,
            )
        spans.append(AssistantSpan(i, len(prompt), len(upto), trainable[i]))
    return RenderedChat(full, spans)


def record_tools(record: Mapping[str, Any]) -> list[dict[str, Any]] | None:
    """The record's tool definitions (OpenAI style), if it has any."""
    tools = record.get("tools")
    return [dict(tool) for tool in tools if isinstance(tool, Mapping)] if isinstance(tools, list) and tools else None


def render_record(
    record: Mapping[str, Any],
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None = None,
    index: int | None = None,
) -> RenderedChat:
    """One record as training renders it: its messages (with the default system prompt) and tools, templated."""
    messages, trainable = prepare_messages(record, default_system_prompt=default_system_prompt, index=index)
    return render_chat(
        tokenizer, messages, trainable, chat_template=chat_template, index=index, tools=record_tools(record)
    )


def _overlaps(token_start: int, token_end: int, span: AssistantSpan) -> bool:
    if token_start == token_end:
        # Zero-width offsets (some normalisers produce them): place the token at its start.
        return span.start <= token_start < span.end
    return token_start < span.end and token_end > span.start


def _encode(tokenizer: PreTrainedTokenizerBase, text: str) -> tuple[list[int], list[tuple[int, int]]]:
    if not tokenizer.is_fast:
        raise EngineError("loss masks need a fast tokenizer (character offsets); this model only has a slow one")
    # Templates write their own bos/eos, and apply_chat_template(tokenize=True) encodes without adding more.
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    return list(encoding["input_ids"]), [tuple(pair) for pair in encoding["offset_mapping"]]


def _trained_flags(offsets: list[tuple[int, int]], spans: list[AssistantSpan], loss_on: str) -> list[bool]:
    if loss_on == "assistant":
        trained_spans = [span for span in spans if span.trained]
        return [any(_overlaps(a, b, span) for span in trained_spans) for a, b in offsets]
    # loss_on="all" trains everything except assistant turns the data explicitly marked weight 0.
    skipped = [span for span in spans if not span.trained]
    return [not any(_overlaps(a, b, span) for span in skipped) for a, b in offsets]


def tokenize_chat(
    record: Mapping[str, Any],
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None = None,
    loss_on: Literal["assistant", "all"] = "assistant",
    max_seq_length: int | None = None,
    index: int | None = None,
) -> TokenizedChat:
    """input_ids and labels (IGNORE_INDEX where no loss) of one record, truncated to max_seq_length tokens."""
    rendered = render_record(
        record, tokenizer, chat_template=chat_template, default_system_prompt=default_system_prompt, index=index
    )
    input_ids, offsets = _encode(tokenizer, rendered.text)
    flags = _trained_flags(offsets, rendered.spans, loss_on)
    labels = [token if trained else IGNORE_INDEX for token, trained in zip(input_ids, flags, strict=True)]
    truncated = max_seq_length is not None and len(input_ids) > max_seq_length
    if truncated:
        input_ids, labels = input_ids[:max_seq_length], labels[:max_seq_length]
    return TokenizedChat(input_ids, labels, truncated)


def mask_preview(
    record: Mapping[str, Any],
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None = None,
    loss_on: Literal["assistant", "all"] = "assistant",
) -> list[tuple[str, bool]]:
    """(token text, trained?) for every token of the rendered record: the loss-mask preview shown to users."""
    rendered = render_record(
        record, tokenizer, chat_template=chat_template, default_system_prompt=default_system_prompt
    )
    _, offsets = _encode(tokenizer, rendered.text)
    flags = _trained_flags(offsets, rendered.spans, loss_on)
    return [(rendered.text[a:b], trained) for (a, b), trained in zip(offsets, flags, strict=True)]
