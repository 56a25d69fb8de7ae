"""Template parity between training and inference, for the tiny model and for every real template."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from transformers import PreTrainedTokenizerBase

from tests.worker.engine.test_chat_masks import CONVERSATION, END_OF_TURN, TEMPLATE_TOKENS, load_fixture_template
from worker.engine.parity import template_parity


def _save(tokenizer: PreTrainedTokenizerBase, template: str, folder: Path) -> Path:
    tokenizer.chat_template = template
    tokenizer.save_pretrained(folder)
    return folder


def _dataset(folder: Path) -> Path:
    path = folder / "records.jsonl"
    records = [{"messages": CONVERSATION}, {"messages": CONVERSATION[1:3]}, {"messages": CONVERSATION[1:]}]
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_tiny_chat_checkpoint_renders_what_it_trained_on(
    chat_tokenizer: PreTrainedTokenizerBase, tmp_path: Path
) -> None:
    checkpoint = _save(chat_tokenizer, str(chat_tokenizer.chat_template), tmp_path / "ckpt")
    report = template_parity(checkpoint, _dataset(tmp_path), default_system_prompt="You are Tiny.")
    assert report.checked == 3 and report.mismatches == []


def test_a_checkpoint_without_its_template_is_flagged(base_tokenizer: PreTrainedTokenizerBase, tmp_path: Path) -> None:
    base_tokenizer.chat_template = None
    base_tokenizer.save_pretrained(tmp_path / "ckpt")
    report = template_parity(tmp_path / "ckpt", _dataset(tmp_path), default_system_prompt=None)
    assert report.mismatches == [(-1, "the checkpoint's tokenizer has no chat template")]


@pytest.mark.parametrize("name", sorted(END_OF_TURN))
def test_real_templates_keep_parity(
    shared_fixtures: Path, base_tokenizer: PreTrainedTokenizerBase, name: str, tmp_path: Path
) -> None:
    base_tokenizer.add_special_tokens({"additional_special_tokens": TEMPLATE_TOKENS})
    template = load_fixture_template(shared_fixtures / "chat_templates" / f"{name}.jinja")
    checkpoint = _save(base_tokenizer, template, tmp_path / "ckpt")
    report = template_parity(checkpoint, _dataset(tmp_path), default_system_prompt=None)
    assert report.checked > 0 and report.mismatches == [], report.mismatches
