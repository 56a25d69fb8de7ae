"""Conversations rendered as text documents for a text mixture: exactly the text SFT training renders, the plain
layout, records that cannot be rendered named, and a CPT run on a mixture of domain text and rendered chats."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from transformers import PreTrainedTokenizerBase

from tests.worker.engine.test_cpt import cpt_spec, paragraphs
from tests.worker.support import RecordingReporter
from worker.engine.data.chat import render_record, tokenize_chat
from worker.engine.data.conversation_text import chat_text, chat_text_renderer, plain_text
from worker.engine.data.cpt_dataset import tokenize_documents
from worker.engine.data.mixing import MixSource, materialise
from worker.engine.data.templates import resolve_chat_template
from worker.engine.demo_models import SAMPLE_CHAT, TINY_DEFAULT_SYSTEM_PROMPT
from worker.engine.errors import DataError
from worker.engine.recipes.train import run_training

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")
WriteJsonl = Callable[[list[dict[str, Any]], str], Path]
RECORD: dict[str, Any] = {
    "messages": [
        {"role": "user", "content": "What is the settlement cycle for equities?"},
        {"role": "assistant", "content": "Two business days after the trade date."},
        {"role": "user", "content": "And for government bonds?"},
        {"role": "assistant", "content": "Usually one.", "weight": 0},
    ]
}


def test_chat_text_is_the_training_render_and_cpt_trains_on_the_sft_tokens(
    chat_tokenizer: PreTrainedTokenizerBase, write_jsonl: WriteJsonl
) -> None:
    template, _ = resolve_chat_template(chat_tokenizer)
    options: dict[str, Any] = {"chat_template": template, "default_system_prompt": TINY_DEFAULT_SYSTEM_PROMPT}
    text = chat_text(RECORD, chat_tokenizer, **options)
    trained = render_record(RECORD, chat_tokenizer, **options).text
    assert trained.startswith(chat_tokenizer.bos_token) and TINY_DEFAULT_SYSTEM_PROMPT in text
    assert chat_tokenizer.bos_token + text == trained  # only the leading bos is left to CPT's framing

    # As a CPT document (bos + text + eos) it is exactly the token ids SFT trains on, then eos.
    (document,) = tokenize_documents(write_jsonl([{"text": text}], "doc.jsonl"), chat_tokenizer).documents
    sft = tokenize_chat(RECORD, chat_tokenizer, **options)
    assert document.tolist() == [*sft.input_ids, chat_tokenizer.eos_token_id]


def test_plain_text_needs_no_model_and_a_template_that_refuses_a_record_names_it(
    chat_tokenizer: PreTrainedTokenizerBase, tmp_path: Path
) -> None:
    assert plain_text(RECORD).split("\n\n") == [m["content"] for m in RECORD["messages"]]
    with pytest.raises(DataError, match="has no text in any message"):
        plain_text({"messages": [{"role": "user", "content": " "}]}, 4)
    template, _ = resolve_chat_template(chat_tokenizer)
    render = chat_text_renderer(chat_tokenizer, chat_template=template, default_system_prompt=None)
    chats = tmp_path / "chats.jsonl"
    odd = {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}]}
    chats.write_text("\n".join(json.dumps(r) for r in (RECORD, RECORD, odd)) + "\n")
    with pytest.raises(DataError, match=r"^chats v1, record #3 \(index 2\): the chat template rejected"):
        materialise([MixSource(chats, 3, 3, "chats v1", render)], 0, tmp_path / "m.jsonl")


def test_cpt_trains_on_a_mixture_of_domain_text_and_rendered_conversations(
    tiny_family: dict[str, Path], base_tokenizer: PreTrainedTokenizerBase, write_jsonl: WriteJsonl, tmp_path: Path
) -> None:
    domain = write_jsonl([{"text": text} for text in paragraphs("rivers")[:4]], "domain.jsonl")
    chats = SAMPLE_CHAT.read_text(encoding="utf-8").splitlines()[:12]
    conversations = tmp_path / "chats.jsonl"
    conversations.write_text("\n".join(chats) + "\n")
    template, _ = resolve_chat_template(base_tokenizer)  # a base model: the plain '### User' template
    render = chat_text_renderer(base_tokenizer, chat_template=template, default_system_prompt=None)
    sources = [MixSource(domain, 4, 4), MixSource(conversations, 12, 8, "chats", render)]
    written, _, _ = materialise(sources, 1, tmp_path / "mixture.jsonl")
    assert written == 12

    reporter = RecordingReporter()
    run_training(
        cpt_spec(tiny_family, tmp_path / "mixture.jsonl", max_steps=6, batch_size=4), tmp_path / "run", reporter
    )
    losses = [m.loss for m in reporter.steps]
    assert len(losses) == 6 and losses[-1] < losses[0], losses
    data_line = next(line for line in reporter.logs if line.startswith("data:"))
    assert "12 documents of 12 records" in data_line
