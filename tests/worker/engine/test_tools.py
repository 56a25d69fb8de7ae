"""Tool definitions on a record reach the chat template, as at inference, and are never trained."""

from __future__ import annotations

from pathlib import Path

from transformers import PreTrainedTokenizerBase

from tests.worker.engine.test_chat_masks import TEMPLATE_TOKENS, load_fixture_template, trained_segments
from worker.engine.data.chat import tokenize_chat

TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "get_exchange_rate",
            "description": "Exchange rate between two currencies",
            "parameters": {"type": "object", "properties": {"base": {"type": "string"}}, "required": ["base"]},
        },
    }
]


def test_qwen_template_renders_the_records_tools_untrained(
    shared_fixtures: Path, base_tokenizer: PreTrainedTokenizerBase
) -> None:
    base_tokenizer.add_special_tokens({"additional_special_tokens": TEMPLATE_TOKENS})
    template = load_fixture_template(shared_fixtures / "chat_templates" / "qwen2.5-instruct.jinja")
    messages = [{"role": "user", "content": "Rate for EUR?"}, {"role": "assistant", "content": "It is 1.08."}]
    with_tools = tokenize_chat({"messages": messages, "tools": TOOLS}, base_tokenizer, chat_template=template)
    without = tokenize_chat({"messages": messages}, base_tokenizer, chat_template=template)
    text = base_tokenizer.decode(with_tools.input_ids)
    assert "get_exchange_rate" in text and "get_exchange_rate" not in base_tokenizer.decode(without.input_ids)
    assert [s.strip() for s in trained_segments(with_tools, base_tokenizer)] == ["It is 1.08.<|im_end|>"]
