"""The demo family "tiny": what the rest of the workbench relies on when it trains and serves tiny-chat."""

from __future__ import annotations

import json
from pathlib import Path

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaForCausalLM

from specs.training import ResolvedHyperparameters
from worker.engine.demo_models import (
    TINY_BASE,
    TINY_CHAT,
    TINY_DEFAULT_SYSTEM_PROMPT,
    TINY_RECOMMENDED_HYPERPARAMETERS,
    build_tiny_family,
    demo_spec,
    is_complete,
)


def test_both_models_are_small_llamas_in_safetensors(tiny_family: dict[str, Path]) -> None:
    for name in (TINY_BASE, TINY_CHAT):
        folder = tiny_family[name]
        assert is_complete(folder)
        assert not list(folder.glob("*.bin")), "weights must be safetensors only"
        model = AutoModelForCausalLM.from_pretrained(folder, use_safetensors=True)
        assert isinstance(model, LlamaForCausalLM)
        assert model.config.num_hidden_layers == 2 and model.config.hidden_size <= 128
        assert sum(p.numel() for p in model.parameters()) < 2_000_000
        tokenizer = AutoTokenizer.from_pretrained(folder)
        assert 1000 <= len(tokenizer) <= model.config.vocab_size <= 4096
        logits = model(**tokenizer("The river runs to the sea.", return_tensors="pt")).logits
        assert torch.isfinite(logits).all()


def test_chat_tokenizer_has_single_token_markers_and_ends_turns_with_im_end(tiny_family: dict[str, Path]) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])
    for marker in ("<|im_start|>", "<|im_end|>", "<s>", "</s>", "<pad>"):
        assert len(tokenizer(marker, add_special_tokens=False)["input_ids"]) == 1, marker
    assert tokenizer.eos_token == "<|im_end|>"
    assert tokenizer.pad_token == "<pad>" and tokenizer.bos_token == "<s>"
    generation = json.loads((tiny_family[TINY_CHAT] / "generation_config.json").read_text())
    assert generation["eos_token_id"] == tokenizer.convert_tokens_to_ids("<|im_end|>")


def test_chat_template_inserts_default_system_prompt_and_generation_prompt(tiny_family: dict[str, Path]) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])
    text = tokenizer.apply_chat_template(
        [{"role": "user", "content": "Hi"}], tokenize=False, add_generation_prompt=True
    )
    assert text == (
        f"<s><|im_start|>system\n{TINY_DEFAULT_SYSTEM_PROMPT}<|im_end|>\n"
        "<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
    )
    own = tokenizer.apply_chat_template(
        [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"}], tokenize=False
    )
    assert "Be brief." in own and TINY_DEFAULT_SYSTEM_PROMPT not in own


def test_base_shares_the_tokenizer_but_has_no_template(tiny_family: dict[str, Path]) -> None:
    base = AutoTokenizer.from_pretrained(tiny_family[TINY_BASE])
    chat = AutoTokenizer.from_pretrained(tiny_family[TINY_CHAT])
    assert base.chat_template is None
    assert base.eos_token == "</s>"
    assert base.get_vocab() == chat.get_vocab()


def test_build_is_idempotent_and_deterministic(tiny_family: dict[str, Path], tmp_path: Path) -> None:
    weights = tiny_family[TINY_CHAT] / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert build_tiny_family(tiny_family[TINY_CHAT].parent) == tiny_family
    assert weights.stat().st_mtime_ns == before, "a complete family must not be rebuilt"

    again = build_tiny_family(tmp_path / "again")
    for name in (TINY_BASE, TINY_CHAT):
        for file in ("model.safetensors", "tokenizer.json"):
            assert (again[name] / file).read_bytes() == (tiny_family[name] / file).read_bytes(), (name, file)
    assert not [p.name for p in (tmp_path / "again").iterdir() if p.name.startswith(".tmp")]


def test_recommended_hyperparameters_form_a_valid_demo_spec(tiny_family: dict[str, Path]) -> None:
    spec = demo_spec(tiny_family[TINY_CHAT].parent)
    assert isinstance(spec.hyperparameters, ResolvedHyperparameters)
    for key, value in TINY_RECOMMENDED_HYPERPARAMETERS.items():
        assert getattr(spec.hyperparameters, key) == value, key
    assert spec.dataset_records >= 300
    assert spec.model.default_system_prompt == TINY_DEFAULT_SYSTEM_PROMPT
