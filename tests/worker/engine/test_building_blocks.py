"""Batching, schedules, LoRA targets, atomic folders and model paths: the pieces the recipe is made of."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
import torch
from transformers import AutoModelForCausalLM

from specs.training import Quantization, ResolvedHyperparameters
from worker.engine.builders import bnb_config, lora_config, lora_target_modules, lr_factor
from worker.engine.checkpointing import complete_checkpoints, remove_partial_checkpoints, write_folder_atomically
from worker.engine.data.batching import BatchStream, DataPosition, collate
from worker.engine.data.chat import IGNORE_INDEX, TokenizedChat
from worker.engine.demo_models import TINY_CHAT, TINY_RECOMMENDED_HYPERPARAMETERS
from worker.engine.loading import resolve_model_path


def test_batch_stream_visits_every_example_once_per_epoch_and_resumes_exactly() -> None:
    stream = BatchStream(num_examples=10, batch_size=4, seed=7)
    epoch0 = [stream.next_batch() for _ in range(3)]
    assert [len(batch) for batch in epoch0] == [4, 4, 2]
    assert sorted(i for batch in epoch0 for i in batch) == list(range(10))
    assert stream.position == DataPosition(1, 0) and stream.epochs_done == 1.0
    saved = stream.position
    ahead = [stream.next_batch() for _ in range(3)]
    assert ahead != epoch0, "each epoch is shuffled afresh"
    resumed = BatchStream(num_examples=10, batch_size=4, seed=7, position=saved)
    assert [resumed.next_batch() for _ in range(3)] == ahead


def test_collate_pads_right_and_masks_padding() -> None:
    batch = collate([TokenizedChat([5, 6, 7], [IGNORE_INDEX, 6, 7], False), TokenizedChat([8], [8], False)], 2)
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 2, 2]]
    assert batch["labels"].tolist() == [[IGNORE_INDEX, 6, 7], [8, IGNORE_INDEX, IGNORE_INDEX]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]
    assert collate([TokenizedChat([5], [5], False)], 2, pad_to=4)["input_ids"].shape == (1, 4)


def test_lr_schedules_warm_up_then_decay() -> None:
    cosine = [lr_factor(s, total_steps=100, warmup=10, scheduler="cosine") for s in range(100)]
    assert cosine[0] == pytest.approx(0.1) and cosine[9] == 1.0 and cosine[10] == 1.0
    assert all(a >= b for a, b in pairwise(cosine[10:])) and cosine[-1] < 0.01
    assert lr_factor(55, total_steps=100, warmup=10, scheduler="linear") == pytest.approx(0.5)
    assert lr_factor(99, total_steps=100, warmup=0, scheduler="constant") == 1.0


def test_all_linear_targets_every_linear_layer_but_the_output_head(tiny_family: dict[str, Path]) -> None:
    model = AutoModelForCausalLM.from_pretrained(tiny_family[TINY_CHAT])
    targets = lora_target_modules(model, "all-linear")
    assert targets == ["down_proj", "gate_proj", "k_proj", "o_proj", "q_proj", "up_proj", "v_proj"]
    assert lora_target_modules(model, ["q_proj", "v_proj"]) == ["q_proj", "v_proj"]
    hp = ResolvedHyperparameters(
        **{**TINY_RECOMMENDED_HYPERPARAMETERS, "lora_r": 4, "lora_alpha": 8.0, "lora_dropout": 0.05},
        weight_decay=0.0,
        max_grad_norm=1.0,
        target_modules="all-linear",
        seed=1,
    )
    config = lora_config(hp, targets)
    assert (config.r, config.lora_alpha, config.lora_dropout) == (4, 8, 0.05)
    assert set(config.target_modules) == set(targets)
    assert not config.use_rslora and not config.use_dora
    variant = lora_config(hp.model_copy(update={"use_rslora": True, "use_dora": True}), targets)
    assert variant.use_rslora and variant.use_dora


def test_quantization_settings_become_a_4_bit_bitsandbytes_config() -> None:
    config = bnb_config(Quantization())
    assert config.load_in_4bit and config.bnb_4bit_quant_type == "nf4" and config.bnb_4bit_use_double_quant
    assert config.bnb_4bit_compute_dtype == torch.bfloat16
    other = bnb_config(Quantization(quant_type="fp4", double_quant=False, compute_dtype="fp16"))
    assert (other.bnb_4bit_quant_type, other.bnb_4bit_use_double_quant) == ("fp4", False)
    assert other.bnb_4bit_compute_dtype == torch.float16


def test_folder_writes_are_all_or_nothing(tmp_path: Path) -> None:
    destination = tmp_path / "checkpoints" / "checkpoint-4"
    destination.parent.mkdir()

    def crash(folder: Path) -> None:
        (folder / "adapter_model.safetensors").write_bytes(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_folder_atomically(destination, crash, tmp_name=".tmp-step-4")
    assert not destination.exists()
    assert complete_checkpoints(tmp_path) == []
    # A folder with the right name but missing files is not a checkpoint either.
    (tmp_path / "checkpoints" / "checkpoint-9").mkdir()
    assert complete_checkpoints(tmp_path) == []
    assert [p.name for p in remove_partial_checkpoints(tmp_path)] == [".tmp-step-4"]

    write_folder_atomically(tmp_path / "final", lambda folder: (folder / "a.txt").write_text("one"))
    write_folder_atomically(tmp_path / "final", lambda folder: (folder / "b.txt").write_text("two"))
    assert sorted(p.name for p in (tmp_path / "final").iterdir()) == ["b.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".tmp")]


def test_missing_local_model_paths_never_fall_back_to_the_hub(tmp_path: Path) -> None:
    assert resolve_model_path(str(tmp_path)) == str(tmp_path.resolve())
    for path in (str(tmp_path / "missing"), "./models/tiny", "var/models/tiny-chat"):
        with pytest.raises(FileNotFoundError):
            resolve_model_path(path)
    assert resolve_model_path("Qwen/Qwen2.5-0.5B-Instruct") == "Qwen/Qwen2.5-0.5B-Instruct"
