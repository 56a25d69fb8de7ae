"""Checkpoints that survive a crash at any instant, and resuming from the newest one.

A checkpoint is written completely under `checkpoints/.tmp-step-N` and only then renamed to
`checkpoints/checkpoint-N`; a rename within one filesystem is atomic, so a folder named `checkpoint-N` is always
complete and anything named `.tmp-*` is the debris of an interrupted write, ignored and cleaned up.

A checkpoint holds the weights (the adapter for LoRA/QLoRA, the whole model in safetensors for full/freeze), the
tokenizer with the training chat template in its tokenizer_config.json (and any special tokens training added), the
generation config's stop tokens when the template ends turns with a token other than eos, and the optimizer, scheduler, loss
scaler (fp16 only), RNG states and trainer state (step, data position, early-stopping state).
"""

from __future__ import annotations

import copy
import json
import os
import random
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from peft import PeftModel, set_peft_model_state_dict
from safetensors.torch import load_file
from transformers import GenerationConfig, PreTrainedModel, PreTrainedTokenizerBase

CHECKPOINTS = "checkpoints"
TRAINER_STATE = "trainer_state.json"
OPTIMIZER = "optimizer.pt"
SCHEDULER = "scheduler.pt"
RNG_STATE = "rng_state.pt"
SCALER = "scaler.pt"
ADAPTER_WEIGHTS = "adapter_model.safetensors"
_CHECKPOINT_NAME = re.compile(r"^checkpoint-(\d+)$")
_REQUIRED = (TRAINER_STATE, OPTIMIZER, SCHEDULER, RNG_STATE)
# Either an adapter or a whole model (one safetensors file, or shards listed in an index).
_WEIGHTS = (
    (ADAPTER_WEIGHTS, "adapter_config.json"),
    ("model.safetensors", "config.json"),
    ("model.safetensors.index.json", "config.json"),
)


@dataclass(frozen=True)
class TrainerState:
    step: int
    max_steps: int
    epoch: int  # data position: the epoch and the index into its shuffled order of the next micro-batch
    index: int
    loss: float
    spec_fingerprint: str  # what the run was started with; resuming under a different spec would be wrong
    # Evaluation and early stopping, so a resumed run counts evaluations without improvement where it left off.
    eval_loss: float | None = None  # the latest evaluation's
    best_eval_loss: float | None = None
    best_eval_step: int | None = None
    evals_without_improvement: int = 0


def _fsync_tree(folder: Path) -> None:
    # Without fsync a crash soon after the rename could leave a complete-looking folder of empty files.
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_folder_atomically(destination: Path, write: Callable[[Path], None], tmp_name: str | None = None) -> Path:
    """Run write(tmp) on a fresh `.tmp-*` sibling, then rename it to destination (replacing an old one)."""
    tmp = destination.parent / (tmp_name or f".tmp-{destination.name}")
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    write(tmp)
    _fsync_tree(tmp)
    if destination.exists():
        # Replacing a folder is two renames; the old one is kept until the new one is in place.
        old = destination.parent / f".tmp-old-{destination.name}"
        if old.exists():
            shutil.rmtree(old)
        destination.rename(old)
        tmp.rename(destination)
        shutil.rmtree(old)
    else:
        tmp.rename(destination)
    return destination


def checkpoint_path(output_dir: Path, step: int) -> Path:
    return output_dir / CHECKPOINTS / f"checkpoint-{step}"


def _is_complete(folder: Path) -> bool:
    has_weights = any(all((folder / name).is_file() for name in files) for files in _WEIGHTS)
    return has_weights and all((folder / name).is_file() for name in _REQUIRED)


def complete_checkpoints(output_dir: Path) -> list[tuple[int, Path]]:
    """(step, folder) of every complete checkpoint, oldest first; `.tmp-*` folders are never listed."""
    root = output_dir / CHECKPOINTS
    if not root.is_dir():
        return []
    found = []
    for folder in root.iterdir():
        match = _CHECKPOINT_NAME.match(folder.name)
        if match and folder.is_dir() and _is_complete(folder):
            found.append((int(match.group(1)), folder))
    return sorted(found)


def remove_partial_checkpoints(output_dir: Path) -> list[Path]:
    """Delete the debris of interrupted writes; returns what was removed."""
    root = output_dir / CHECKPOINTS
    debris = sorted(root.glob(".tmp-*")) if root.is_dir() else []
    for path in debris:
        shutil.rmtree(path, ignore_errors=True)
    return debris


def capture_rng_state() -> dict[str, Any]:
    np_state = np.random.get_state(legacy=False)
    # Arrays become plain lists so that the file loads with torch.load(weights_only=True).
    np_state["state"] = {**np_state["state"], "key": np_state["state"]["key"].tolist()}
    return {
        "python": random.getstate(),
        "numpy": np_state,
        "torch": torch.get_rng_state(),
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
    }


def restore_rng_state(state: dict[str, Any]) -> None:
    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    np_state = dict(state["numpy"])
    np_state["state"] = {**np_state["state"], "key": np.array(np_state["state"]["key"], dtype=np.uint32)}
    np.random.set_state(np_state)
    torch.set_rng_state(state["torch"])
    if state["cuda"] and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save_model_and_tokenizer(
    folder: Path,
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    chat_template: str | None,
    stop_token_ids: Sequence[int] = (),
    state_dict: dict[str, torch.Tensor] | None = None,
) -> None:
    """A PeftModel saves its adapter only (never a quantised base); a plain model saves all of its weights.

    `chat_template` is the one training rendered with (SFT); None (CPT, which renders none) keeps the tokenizer's.
    A PeftModel whose embeddings were resized for new tokens also saves the embedding matrices (peft's choice), so
    the adapter loads onto the original base once that is resized to the tokenizer. `stop_token_ids` (eos and the
    template's end-of-turn token), when given, become generation_config.json's eos_token_id list. `state_dict`: the
    weights to save instead of the model's own parameters (a sharded model's, gathered; see sharding.py).
    """
    if isinstance(model, PeftModel):
        model.save_pretrained(str(folder), safe_serialization=True)
    elif isinstance(model, PreTrainedModel):
        model.save_pretrained(str(folder), state_dict=state_dict)  # safetensors, in files of at most 50 GB
    else:
        raise TypeError(f"cannot save a {type(model).__name__}")
    if chat_template is not None:
        tokenizer.chat_template = chat_template
    # The template used in training goes into tokenizer_config.json itself, so serving renders the same way.
    tokenizer.save_pretrained(folder, save_jinja_files=False)
    if stop_token_ids:
        _write_stop_tokens(folder, model, list(stop_token_ids))


def _write_stop_tokens(folder: Path, model: torch.nn.Module, stop_token_ids: list[int]) -> None:
    if (folder / "generation_config.json").is_file():
        config = GenerationConfig.from_pretrained(folder)
    else:
        base = model.get_base_model() if isinstance(model, PeftModel) else model
        found = getattr(base, "generation_config", None)
        config = copy.deepcopy(found) if isinstance(found, GenerationConfig) else GenerationConfig()  # type: ignore[no-untyped-call]
    config.eos_token_id = stop_token_ids
    config.save_pretrained(folder)


def save_checkpoint(
    output_dir: Path,
    state: TrainerState,
    *,
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    chat_template: str | None,
    stop_token_ids: Sequence[int] = (),
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LRScheduler,
    scaler: torch.amp.GradScaler | None = None,
    model_state: dict[str, torch.Tensor] | None = None,
    optimizer_state: dict[str, Any] | None = None,
) -> Path:
    """`model_state` / `optimizer_state`: full states gathered from a sharded model, saved instead of the local ones."""

    def write(folder: Path) -> None:
        save_model_and_tokenizer(folder, model, tokenizer, chat_template, stop_token_ids, model_state)
        torch.save(optimizer.state_dict() if optimizer_state is None else optimizer_state, folder / OPTIMIZER)
        torch.save(scheduler.state_dict(), folder / SCHEDULER)
        if scaler is not None:
            torch.save(scaler.state_dict(), folder / SCALER)
        torch.save(capture_rng_state(), folder / RNG_STATE)
        (folder / TRAINER_STATE).write_text(json.dumps(asdict(state), indent=2), encoding="utf-8")

    final = checkpoint_path(output_dir, state.step)
    final.parent.mkdir(parents=True, exist_ok=True)
    # Staged as `.tmp-step-N`: a crash mid-write leaves only debris that resume ignores.
    return write_folder_atomically(final, write, tmp_name=f".tmp-step-{state.step}")


def read_trainer_state(folder: Path) -> TrainerState:
    return TrainerState(**json.loads((folder / TRAINER_STATE).read_text(encoding="utf-8")))


def load_adapter_weights(folder: Path, model: PeftModel) -> None:
    """Put a checkpoint's adapter weights into the (freshly built) adapter model; whole models load from the folder."""
    result = set_peft_model_state_dict(model, load_file(folder / ADAPTER_WEIGHTS))
    unexpected = getattr(result, "unexpected_keys", [])
    if unexpected:
        raise ValueError(f"checkpoint {folder} does not fit the model: unexpected adapter keys {unexpected[:3]}")


def load_training_state(
    folder: Path,
    *,
    optimizer: torch.optim.Optimizer,
    scheduler: torch.optim.lr_scheduler.LRScheduler,
    scaler: torch.amp.GradScaler | None = None,
    load_optimizer: Callable[[dict[str, Any]], None] | None = None,
) -> TrainerState:
    """Restore optimizer, scheduler, loss scaler and RNG from folder; returns its trainer state.

    `load_optimizer` puts the saved optimizer state in place when optimizer.load_state_dict cannot (a sharded model).
    """
    saved_optimizer = torch.load(folder / OPTIMIZER, weights_only=True)
    (load_optimizer or optimizer.load_state_dict)(saved_optimizer)
    scheduler.load_state_dict(torch.load(folder / SCHEDULER, weights_only=True))
    if scaler is not None and (folder / SCALER).is_file():
        scaler.load_state_dict(torch.load(folder / SCALER, weights_only=True))
    restore_rng_state(torch.load(folder / RNG_STATE, weights_only=True))
    return read_trainer_state(folder)
