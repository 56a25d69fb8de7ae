"""Fixtures for the engine tests: the tiny demo models, built once per session from local files only."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from transformers import AutoTokenizer, PreTrainedTokenizerBase

from tests.support import SHARED_FIXTURES
from worker.engine.demo_models import SAMPLE_CHAT, TINY_BASE, TINY_CHAT, build_tiny_family


@pytest.fixture(scope="session")
def tiny_family(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return build_tiny_family(tmp_path_factory.mktemp("models"))


@pytest.fixture
def chat_tokenizer(tiny_family: dict[str, Path]) -> PreTrainedTokenizerBase:
    return AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])


@pytest.fixture
def base_tokenizer(tiny_family: dict[str, Path]) -> PreTrainedTokenizerBase:
    return AutoTokenizer.from_pretrained(tiny_family[TINY_BASE])


@pytest.fixture
def shared_fixtures() -> Path:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED_FIXTURES.resolve()}")
    return SHARED_FIXTURES


@pytest.fixture
def llama3_template(shared_fixtures: Path) -> str:
    # The fixture is laid out for reading; trimming whitespace around its tags gives the real (compact) template,
    # which renders prefixes consistently as training requires.
    text = (shared_fixtures / "chat_templates" / "llama-3-instruct.jinja").read_text(encoding="utf-8")
    for opening, closing in (("{%", "%}"), ("{{", "}}")):
        text = text.replace(opening + " ", opening + "- ").replace(" " + closing, " -" + closing)
    return text


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[[list[dict[str, Any]], str], Path]:
    def write(records: list[dict[str, Any]], name: str = "data.jsonl") -> Path:
        path = tmp_path / name
        path.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
        return path

    return write


@pytest.fixture
def sample_subset(tmp_path: Path) -> Callable[[int], Path]:
    """The first n records of the demo's sample chats, as a JSONL file."""

    def write(n: int) -> Path:
        path = tmp_path / f"sample-{n}.jsonl"
        lines = SAMPLE_CHAT.read_text(encoding="utf-8").splitlines(keepends=True)[:n]
        path.write_text("".join(lines), encoding="utf-8")
        return path

    return write
