"""Token counts per role with a model's tokenizer; conversations are also rendered with its chat template."""

from __future__ import annotations

from bisect import bisect_left
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

    def _render(self, record: Mapping[str, Any]) -> tuple[str, list[tuple[str, str]]]:
        """The conversation as the model sees it, and its own messages' (role, content) (not the default system
        prompt the template run inserts)."""
        messages, _ = prepare_messages(record, default_system_prompt=self.default_system_prompt)
        tools: list[dict[Any, Any] | Callable[..., Any]] | None = list(record_tools(record) or []) or None
        try:
            text = self.tokenizer.apply_chat_template(
                messages, tools=tools, chat_template=self.chat_template, tokenize=False
            )
        except (jinja2.TemplateError, TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
            raise DataError(f"the chat template cannot render it ({type(exc).__name__}: {exc})") from exc
        own = messages[len(messages) - len(record["messages"]) :]
        return str(text), [(m["role"], m["content"]) for m in own]

    @staticmethod
    def _attribute(text: str, pieces: list[tuple[str, str]], starts: list[int]) -> dict[str, int] | None:
        """Tokens of the rendered text per role: those starting inside each message's content. None when a
        content does not appear verbatim (the template changed it), so it is counted on its own instead."""
        roles: dict[str, int] = {}
        cursor = 0
        for role, content in pieces:
            position = text.find(content, cursor) if content else cursor
            if position < 0:
                return None
            cursor = position + len(content)
            roles[role] = roles.get(role, 0) + bisect_left(starts, cursor) - bisect_left(starts, position)
        return roles

    def count(self, records: Sequence[Mapping[str, Any]]) -> list[RecordTokens]:
        """Counts for a batch of records. A conversation is rendered with the chat template and tokenized once;
        each role's tokens are the rendered text's tokens that fall inside its messages' content. Other kinds,
        and conversations the template cannot render, count each piece on its own."""
        counts = [RecordTokens() for _ in records]
        separately: list[int] = []
        if self.kind in CONVERSATION_KINDS and self.chat_template is not None:
            rendered: list[tuple[int, str, list[tuple[str, str]]]] = []
            for position, conversation in enumerate(records):
                try:
                    text, pieces = self._render(conversation)
                except DataError as exc:
                    counts[position].error = exc.reason
                    separately.append(position)
                    continue
                rendered.append((position, text, pieces))
            texts = [text for _, text, _ in rendered]
            encoded = self.tokenizer(texts, add_special_tokens=False, return_offsets_mapping=True) if texts else None
            for row, (position, text, own) in enumerate(rendered):
                assert encoded is not None
                starts = [start for start, _ in encoded["offset_mapping"][row]]
                roles = self._attribute(text, own, starts)
                counts[position].total = len(starts)
                if roles is None:
                    separately.append(position)
                else:
                    counts[position].roles = roles
        else:
            separately = list(range(len(records)))
        by_record = {position: record_pieces(records[position], self.kind) for position in separately}
        lengths = iter(self._lengths([text for position in separately for _, text in by_record[position]]))
        for position in separately:
            for role, _ in by_record[position]:
                counts[position].roles[role] = counts[position].roles.get(role, 0) + next(lengths)
            if not counts[position].total:
                counts[position].total = sum(counts[position].roles.values())
        return counts
