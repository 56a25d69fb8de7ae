"""Token counts per role with a model's tokenizer; conversations are also rendered with its chat template."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
from transformers import PreTrainedTokenizerBase

from worker.engine.data.chat import prepare_messages, record_tools
from worker.engine.data.profiling.texts import record_pieces
from worker.engine.errors import DataError

CONVERSATION_KINDS = ("messages", "kto")


@dataclass
class RecordTokens:
    roles: dict[str, int] = field(default_factory=dict)  # tokens of each role's content, summed over its turns
    total: int = 0  # the whole record as the model sees it (chat template included for conversations)
    error: str | None = None  # why the chat template could not render it


class TokenCounter:
    def __init__(
        self,
        tokenizer: PreTrainedTokenizerBase,
        kind: str,
        *,
        chat_template: str | None = None,
        default_system_prompt: str | None = None,
    ) -> None:
        self.tokenizer, self.kind = tokenizer, kind
        self.chat_template, self.default_system_prompt = chat_template, default_system_prompt

    def _lengths(self, texts: Sequence[str]) -> list[int]:
        if not texts:
            return []
        encoded = self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]
        return [len(ids) for ids in encoded]

    def _render(self, record: Mapping[str, Any]) -> str:
        messages, _ = prepare_messages(record, default_system_prompt=self.default_system_prompt)
        tools: list[dict[Any, Any] | Callable[..., Any]] | None = list(record_tools(record) or []) or None
        try:
            text = self.tokenizer.apply_chat_template(
                messages, tools=tools, chat_template=self.chat_template, tokenize=False
            )
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise DataError(f"the chat template cannot render it ({type(exc).__name__}: {exc})") from exc
        return str(text)

    def count(self, records: Sequence[Mapping[str, Any]]) -> list[RecordTokens]:
        """Counts for a batch of records (one tokenizer call for all their pieces, one for all renderings)."""
        pieces = [record_pieces(r, self.kind) for r in records]
        lengths = iter(self._lengths([text for record in pieces for _, text in record]))
        counts = []
        for record in pieces:
            result = RecordTokens()
            for role, _ in record:
                result.roles[role] = result.roles.get(role, 0) + next(lengths)
            result.total = sum(result.roles.values())
            counts.append(result)
        if self.kind in CONVERSATION_KINDS and self.chat_template is not None:
            rendered: list[tuple[int, str]] = []
            for position, conversation in enumerate(records):
                try:
                    rendered.append((position, self._render(conversation)))
                except DataError as exc:
                    counts[position].error = exc.reason
            for (position, _), total in zip(rendered, self._lengths([t for _, t in rendered]), strict=True):
                counts[position].total = total
        return counts
