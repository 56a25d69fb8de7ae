"""Loading what a run produced for inference: a base or chat model, a whole fine-tuned model, or an adapter.

Evaluation, export and serving all start here, so a checkpoint means the same model to each of them. An adapter
folder names its base (adapter_config.json); tokens that training added to the tokenizer get their embedding rows
on the base exactly as training gave them (methods.add_token_rows) before the adapter's weights load on top.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import torch
from peft import PeftModel
from transformers import BitsAndBytesConfig, GenerationConfig, PreTrainedModel, PreTrainedTokenizerBase

from worker.engine.errors import EngineError
from worker.engine.loading import load_model, load_tokenizer, pick_device, pick_dtype, resolve_model_path
from worker.engine.methods import add_token_rows, keep_cpu_4bit_layout

ADAPTER_CONFIG = "adapter_config.json"


@dataclass(frozen=True)
class InferenceModel:
    model: PreTrainedModel | PeftModel
    tokenizer: PreTrainedTokenizerBase  # the checkpoint's: it carries the training chat template
    base_path: str  # the model the weights started from (the folder itself for a whole model)
    adapter_path: str | None  # set when `model` is a base with a LoRA adapter on top

    @property
    def is_adapter(self) -> bool:
        return self.adapter_path is not None


def adapter_base_path(folder: Path) -> str:
    """The base model an adapter folder was trained on, as recorded by peft."""
    config = json.loads((folder / ADAPTER_CONFIG).read_text(encoding="utf-8"))
    base = config.get("base_model_name_or_path")
    if not isinstance(base, str) or not base:
        raise EngineError(f"{folder / ADAPTER_CONFIG} does not name its base model (base_model_name_or_path)")
    return base


def is_adapter_folder(path: str | Path) -> bool:
    return (Path(path) / ADAPTER_CONFIG).is_file()


def added_token_ids(tokenizer: PreTrainedTokenizerBase, base_tokenizer: PreTrainedTokenizerBase) -> list[int]:
    """Ids of tokens the checkpoint's tokenizer has beyond its base's (tokens training added for a template)."""
    return sorted(i for i in tokenizer.get_vocab().values() if i >= len(base_tokenizer))


def load_for_inference(
    path: str | Path,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype | None = None,
    quantization: BitsAndBytesConfig | None = None,
    trust_remote_code: bool = False,
) -> InferenceModel:
    """The model at `path` (model folder, hub id or adapter folder) in eval mode with its KV cache on.

    `quantization` loads an adapter's base the way QLoRA trained on it (4-bit), with training's CPU numerics.
    `trust_remote_code` comes from the run's spec (an admin's per-model flag), never from a request.
    """
    trust = trust_remote_code
    device = device or pick_device()
    dtype = dtype or pick_dtype(device)
    source = str(path)
    if is_adapter_folder(source):
        folder = Path(source)
        base_path = adapter_base_path(folder)
        tokenizer = load_tokenizer(str(folder), trust_remote_code=trust)
        base = load_model(
            base_path, device=device, dtype=dtype, quantization_config=quantization, trust_remote_code=trust
        )
        if quantization is not None:
            keep_cpu_4bit_layout(base)
        new_ids = added_token_ids(tokenizer, load_tokenizer(base_path, trust_remote_code=trust))
        add_token_rows(base, new_ids, len(tokenizer))
        model: PreTrainedModel | PeftModel = PeftModel.from_pretrained(base, str(folder), is_trainable=False)
        adapter_path: str | None = str(folder.resolve())
    else:
        base_path = resolve_model_path(source)
        model = load_model(base_path, device=device, dtype=dtype, trust_remote_code=trust)
        tokenizer = load_tokenizer(base_path, trust_remote_code=trust)
        adapter_path = None
    model.eval()
    inner = model.get_base_model() if isinstance(model, PeftModel) else model
    cast(PreTrainedModel, inner).config.use_cache = True  # load_model turns it off for training; generation wants it
    return InferenceModel(model, tokenizer, base_path, adapter_path)


def encode_prompt(tokenizer: PreTrainedTokenizerBase, text: str) -> list[int]:
    """A text prompt's token ids, with the tokenizer's special tokens unless the text already opens with them.

    A chat template usually writes the BOS itself; the tokenizer adding another would give the model a doubled BOS
    it never saw in training. Evaluation and the inference server both encode this way, so a prompt is the same
    tokens in process and through the server.
    """
    prefix = tokenizer.bos_token if tokenizer.bos_token is not None else tokenizer.eos_token
    has_prefix = isinstance(prefix, str) and bool(prefix) and text.startswith(prefix)
    return list(tokenizer(text, add_special_tokens=not has_prefix)["input_ids"])


def stop_token_ids(loaded: InferenceModel) -> set[int]:
    """Where generation ends: the checkpoint's generation config (eos and the template's end-of-turn token) or else
    the model's (an adapter's base), and the tokenizer's eos."""
    ids: set[int] = set()
    folder = Path(loaded.adapter_path or loaded.base_path)
    configs = [loaded.model.generation_config]
    if (folder / "generation_config.json").is_file():
        configs.insert(0, GenerationConfig.from_pretrained(folder))
    for config in configs:
        eos = config.eos_token_id if config is not None else None
        if eos is not None:
            ids.update([eos] if isinstance(eos, int) else eos)
            break
    if isinstance(loaded.tokenizer.eos_token_id, int):
        ids.add(loaded.tokenizer.eos_token_id)
    return ids
