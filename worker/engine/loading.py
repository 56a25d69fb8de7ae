"""Loading a model and its tokenizer from a local folder or a hub id, safely.

Weights load from safetensors only. Remote code (Python files shipped in a model folder) runs only when the
spec's `ModelSource.trust_remote_code` says so, which only an admin can set on one catalog model; every other
model folder is data, not a program.
"""

from __future__ import annotations

import os
from pathlib import Path

import torch
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    BitsAndBytesConfig,
    PreTrainedModel,
    PreTrainedTokenizerBase,
)

from specs.training import ModelSource


def pick_device() -> torch.device:
    return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")


def pick_dtype(device: torch.device) -> torch.dtype:
    # bf16 halves memory on GPUs that support it; CPUs train tiny models fastest and most exactly in fp32.
    if device.type == "cuda" and torch.cuda.is_bf16_supported():
        return torch.bfloat16
    return torch.float32


def resolve_model_path(path: str) -> str:
    """A local folder as an absolute path, or the hub id unchanged; a local-looking path that is missing fails."""
    local = Path(path).expanduser()
    if local.is_dir():
        return str(local.resolve())
    # Hub ids are "name" or "org/name"; anything else that is not a folder is a typo'd or missing local path.
    if path.startswith((".", "/", "~")) or path.count("/") > 1 or (os.sep != "/" and os.sep in path):
        raise FileNotFoundError(f"model folder {path!r} does not exist")
    return path


def load_tokenizer(path: str, *, trust_remote_code: bool = False) -> PreTrainedTokenizerBase:
    tokenizer = AutoTokenizer.from_pretrained(resolve_model_path(path), trust_remote_code=trust_remote_code)
    if not isinstance(tokenizer, PreTrainedTokenizerBase):
        raise TypeError(f"{path!r} did not load as a tokenizer")
    return tokenizer


def load_model(
    path: str,
    *,
    device: torch.device | None = None,
    dtype: torch.dtype | None = None,
    quantization_config: BitsAndBytesConfig | None = None,
    attn_implementation: str = "sdpa",
    trust_remote_code: bool = False,
) -> PreTrainedModel:
    """The causal LM at path on device; SDPA attention unless told otherwise, quantised when a config is given."""
    device = device or pick_device()
    model: PreTrainedModel = AutoModelForCausalLM.from_pretrained(
        resolve_model_path(path),
        use_safetensors=True,
        trust_remote_code=trust_remote_code,
        dtype=dtype or pick_dtype(device),
        device_map=str(device),
        quantization_config=quantization_config,
        attn_implementation=attn_implementation,
    )
    # The KV cache only helps generation; in training it costs memory and warnings.
    model.config.use_cache = False
    return model


def load_model_and_tokenizer(
    source: ModelSource | str, *, device: torch.device | None = None, dtype: torch.dtype | None = None
) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    if isinstance(source, str):
        return load_model(source, device=device, dtype=dtype), load_tokenizer(source)
    trust = source.trust_remote_code
    return (
        load_model(source.path, device=device, dtype=dtype, trust_remote_code=trust),
        load_tokenizer(source.path, trust_remote_code=trust),
    )


def pad_token_id(tokenizer: PreTrainedTokenizerBase) -> int:
    """The id used for padding; padded positions are masked out, so eos serves when there is no pad token."""
    for candidate in (tokenizer.pad_token_id, tokenizer.eos_token_id):
        if isinstance(candidate, int):
            return candidate
    return 0
