"""Template parity between training and inference, for the tiny model and for every real template, after SFT and
after the preference stages."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from transformers import PreTrainedTokenizerBase

from specs.training import Stage
from tests.worker.engine.test_chat_masks import CONVERSATION, END_OF_TURN, TEMPLATE_TOKENS, load_fixture_template
from tests.worker.engine.test_preference import preference_spec
from tests.worker.support import RecordingReporter
from worker.engine.demo_models import TINY_DEFAULT_SYSTEM_PROMPT
from worker.engine.parity import template_parity
from worker.engine.recipes.train import run_training

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")
# Like a reasoning model's template: the generation prompt opens a block that rendered history never shows, so what
# a server sends the model differs from what training rendered before each answer.
THINKING = (
    "{%- for m in messages -%}{{- '<|im_start|>' + m['role'] + '\\n' + m['content'] + '<|im_end|>\\n' -}}"
    "{%- endfor -%}{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n<think>\\n' -}}{%- endif -%}"
)
USER, AGAIN = {"role": "user", "content": "Name a colour."}, {"role": "user", "content": "Another one?"}
PAIRS = [
    {
        "prompt": [USER, {"role": "assistant", "content": "Blue."}, AGAIN],
        "chosen": [{"role": "assistant", "content": "Green."}],
        "rejected": [{"role": "assistant", "content": "No."}],
    },
    {
        "prompt": [{"role": "system", "content": "Answer in one word."}, USER],
        "chosen": [{"role": "assistant", "content": "Red."}],
        "rejected": [{"role": "assistant", "content": "Colours are wavelengths of light."}],
    },
]
KTO = [
    {"messages": [USER, {"role": "assistant", "content": "Blue."}], "label": True},
    {
        "messages": [USER, {"role": "assistant", "content": "Blue."}, AGAIN, {"role": "assistant", "content": "No."}],
        "label": False,
    },
]


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


@pytest.mark.parametrize(("stage", "records"), [("dpo", PAIRS), ("simpo", PAIRS), ("kto", KTO)])
def test_preference_answers_render_at_inference_as_trained(
    chat_tokenizer: PreTrainedTokenizerBase,
    write_jsonl: Callable[[list[dict[str, Any]], str], Path],
    tmp_path: Path,
    stage: Stage,
    records: list[dict[str, Any]],
) -> None:
    data = write_jsonl(records, f"{stage}.jsonl")
    same = _save(chat_tokenizer, str(chat_tokenizer.chat_template), tmp_path / "same")
    report = template_parity(same, data, default_system_prompt=TINY_DEFAULT_SYSTEM_PROMPT, stage=stage)
    assert (report.checked, report.mismatches) == (len(records), [])

    other = _save(chat_tokenizer, THINKING, tmp_path / "other")
    report = template_parity(other, data, default_system_prompt=TINY_DEFAULT_SYSTEM_PROMPT, stage=stage)
    assert report.checked == len(records) and [index for index, _ in report.mismatches] == list(range(len(records)))
    assert all("prefixes consistently" in reason for _, reason in report.mismatches), report.mismatches


def test_a_dpo_checkpoint_of_the_tiny_model_keeps_parity_until_its_template_is_swapped(
    tiny_family: dict[str, Path], write_jsonl: Callable[[list[dict[str, Any]], str], Path], tmp_path: Path
) -> None:
    data = write_jsonl(PAIRS * 2, "pairs.jsonl")
    spec = preference_spec(tiny_family, data, "dpo", max_steps=2, batch_size=2)
    final = run_training(spec, tmp_path / "run", RecordingReporter()).final_dir
    report = template_parity(final, data, default_system_prompt=spec.model.default_system_prompt, stage="dpo")
    assert (report.checked, report.mismatches) == (4, [])

    config_file = final / "tokenizer_config.json"
    config = json.loads(config_file.read_text())
    config_file.write_text(json.dumps({**config, "chat_template": THINKING}))
    (final / "chat_template.jinja").unlink(missing_ok=True)  # newer tokenizers keep the template beside the config
    report = template_parity(final, data, default_system_prompt=spec.model.default_system_prompt, stage="dpo")
    assert len(report.mismatches) == 4, report


def test_parity_refuses_a_stage_without_a_template(chat_tokenizer: PreTrainedTokenizerBase, tmp_path: Path) -> None:
    checkpoint = _save(chat_tokenizer, str(chat_tokenizer.chat_template), tmp_path / "ckpt")
    with pytest.raises(ValueError, match="renders no chat template"):
        template_parity(checkpoint, _dataset(tmp_path), default_system_prompt=None, stage="cpt")
