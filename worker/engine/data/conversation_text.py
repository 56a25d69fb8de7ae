"""A conversation as one text document, for continued pretraining on instruction data mixed into domain text.

Two layouts:
    chat_template  the conversation exactly as SFT training renders it for a model (render_record: its chat
                   template, default system prompt and tools), so pretraining sees the shape inference will. A
                   leading bos token the template writes is left out: CPT frames every document as bos + text + eos
                   itself, and would otherwise train on two.
    plain          each message's text in order, separated by a blank line — no role names, no special tokens
                   (instruction-pretraining style: "prompt\\n\\nresponse" per turn; a system message comes first
                   as written). Model-agnostic; tool definitions and empty messages are left out.

A record either layout cannot render is a DataError naming it, never silently dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from transformers import PreTrainedTokenizerBase

from worker.engine.data.chat import prepare_messages, render_record
from worker.engine.errors import DataError

ToText = Callable[[Mapping[str, Any], int], str]  # (record, index) → the document's text

PLAIN_SEPARATOR = "\n\n"


def plain_text(record: Mapping[str, Any], index: int | None = None) -> str:
    messages, _ = prepare_messages(record, default_system_prompt=None, index=index)
    text = PLAIN_SEPARATOR.join(m["content"] for m in messages if m["content"].strip())
    if not text:
        raise DataError("the conversation has no text in any message", record=index)
    return text


def chat_text(
    record: Mapping[str, Any],
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None,
    index: int | None = None,
) -> str:
    text = render_record(
        record, tokenizer, chat_template=chat_template, default_system_prompt=default_system_prompt, index=index
    ).text
    bos = tokenizer.bos_token
    return text[len(bos) :] if isinstance(bos, str) and bos and text.startswith(bos) else text


def chat_text_renderer(
    tokenizer: PreTrainedTokenizerBase, *, chat_template: str, default_system_prompt: str | None
) -> ToText:
    def render(record: Mapping[str, Any], index: int) -> str:
        return chat_text(
            record, tokenizer, chat_template=chat_template, default_system_prompt=default_system_prompt, index=index
        )

    return render
