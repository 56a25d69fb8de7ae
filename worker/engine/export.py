"""Exporting a checkpoint as a model others can use without Tunewright.

    adapter  the LoRA adapter (weights cast to the export dtype, adapter_config.json naming its base), for peft
    merged   one model for plain AutoModelForCausalLM: a LoRA adapter merged into its base loaded in the export dtype;
             a QLoRA adapter merged into the *dequantised* base, i.e. the original 16-bit weights rather than the
             4-bit ones it was trained against; a whole (full/freeze) checkpoint converted to the export dtype

Both carry the tokenizer with the training chat template in tokenizer_config.json (and the tokens training added),
generation_config.json with the stop tokens, and reproducibility.json. Weights are safetensors only.

A merged export is checked against the model it was made from (export_parity): the adapter on the same base, or
the whole checkpoint as trained. Failing parity raises ParityFailed and leaves no export behind. For QLoRA the
merged model also differs from the 4-bit model training saw by the base's quantisation error; that gap is measured
(`quantisation_gap` in the record) and reported, not failed on: it is the price of an unquantised merged model.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, cast

import torch
from peft import PeftModel
from safetensors.torch import load_file, save_file
from transformers import GenerationConfig, PreTrainedModel, PreTrainedTokenizerBase

from specs.export import REPRODUCIBILITY_RECORD, ExportDtype, ExportKind
from specs.training import Quantization
from worker.engine.builders import TORCH_DTYPES, bnb_config
from worker.engine.checkpointing import ADAPTER_WEIGHTS, write_folder_atomically
from worker.engine.data.chat import Message
from worker.engine.errors import EngineError
from worker.engine.export_parity import (
    ParityResult,
    Reference,
    compare,
    default_conversations,
    render_prompts,
    run_reference,
)
from worker.engine.inference import ADAPTER_CONFIG, is_adapter_folder, load_for_inference
from worker.engine.loading import load_model, load_tokenizer, pad_token_id, pick_device

GENERATION_CONFIG = "generation_config.json"
LIBRARIES = ("tunewright", "torch", "transformers", "peft", "bitsandbytes", "safetensors", "accelerate")
PARITY_NEW_TOKENS = 8


class ParityFailed(EngineError):
    def __init__(self, parity: ParityResult) -> None:
        super().__init__(f"parity check failed: {parity.reason}")
        self.parity = parity


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    size_bytes: int
    parity: dict[str, Any] | None  # None for an adapter export: nothing was merged


def library_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def export_checkpoint(
    checkpoint_dir: Path,
    destination: Path,
    kind: ExportKind,
    dtype: ExportDtype,
    *,
    record: dict[str, Any],
    quantization: Quantization | None = None,
    conversations: Sequence[list[Message]] = (),
    system_prompt: str | None = None,
    device: torch.device | None = None,
    trust_remote_code: bool = False,
) -> ExportResult:
    """Write the export to `destination` atomically, with `record` (run, data, spec) in its reproducibility.json.

    `quantization` is the QLoRA base's (the spec's), to measure the quantisation gap of a merged QLoRA adapter.
    `conversations` are the parity prompts (the default ones, with `system_prompt`, when empty).
    `trust_remote_code` is the spec's per-model flag: the model's own code runs to load and check it.
    """
    if not checkpoint_dir.is_dir():
        raise EngineError(f"checkpoint folder {checkpoint_dir} does not exist")
    adapter = is_adapter_folder(checkpoint_dir)
    if kind == "adapter" and not adapter:
        raise EngineError(
            "this checkpoint holds a whole model (method full or freeze), not an adapter; export it merged"
        )
    device = device or pick_device()
    prompts = list(conversations) or default_conversations(system_prompt)
    parity: dict[str, Any] | None = None

    def write(folder: Path) -> None:
        nonlocal parity
        if kind == "adapter":
            _write_adapter(checkpoint_dir, folder, dtype, trust_remote_code)
        else:
            parity = _write_merged(
                checkpoint_dir, folder, dtype, device, prompts, quantization if adapter else None, trust_remote_code
            )
        tokenizer_config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        full_record = {
            **record,
            "export": {"kind": kind, "dtype": dtype},
            "template": {
                "chat_template": tokenizer_config.get("chat_template"),
                "default_system_prompt": system_prompt,
            },
            "libraries": library_versions(),
            "parity": parity,
            "created_at": datetime.now(UTC).isoformat(),
        }
        (folder / REPRODUCIBILITY_RECORD).write_text(json.dumps(full_record, indent=2), encoding="utf-8")

    destination.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_folder_atomically(destination, write)
    except Exception:  # a failed parity check or a crash: leave no half-written export behind
        shutil.rmtree(destination.parent / f".tmp-{destination.name}", ignore_errors=True)
        raise
    size = sum(path.stat().st_size for path in destination.rglob("*") if path.is_file())
    return ExportResult(destination, size, parity)


def _write_adapter(checkpoint_dir: Path, folder: Path, dtype: ExportDtype, trust_remote_code: bool) -> None:
    tensors = load_file(checkpoint_dir / ADAPTER_WEIGHTS)
    target = TORCH_DTYPES[dtype]
    converted = {name: t.to(target) if t.is_floating_point() else t for name, t in tensors.items()}
    save_file(converted, folder / ADAPTER_WEIGHTS, metadata={"format": "pt"})
    shutil.copy2(checkpoint_dir / ADAPTER_CONFIG, folder / ADAPTER_CONFIG)
    tokenizer = load_tokenizer(str(checkpoint_dir), trust_remote_code=trust_remote_code)
    _write_tokenizer_and_generation_config(checkpoint_dir, folder, tokenizer, None)


def _write_tokenizer_and_generation_config(
    checkpoint_dir: Path, folder: Path, tokenizer: PreTrainedTokenizerBase, model: PreTrainedModel | None
) -> None:
    # save_jinja_files=False: the training template goes into tokenizer_config.json itself, where servers look.
    tokenizer.save_pretrained(folder, save_jinja_files=False)
    if (checkpoint_dir / GENERATION_CONFIG).is_file():  # training wrote the template's stop tokens here
        config = GenerationConfig.from_pretrained(checkpoint_dir)
    elif model is not None and isinstance(model.generation_config, GenerationConfig):
        config = model.generation_config
    else:
        config = GenerationConfig()  # type: ignore[no-untyped-call]
    stops = config.eos_token_id if isinstance(config.eos_token_id, list) else [config.eos_token_id]
    if tokenizer.eos_token_id is not None and tokenizer.eos_token_id not in stops:
        stops = [*stops, tokenizer.eos_token_id]
    config.eos_token_id = [s for s in stops if s is not None]
    config.save_pretrained(folder)


def _write_merged(
    checkpoint_dir: Path,
    folder: Path,
    dtype: ExportDtype,
    device: torch.device,
    conversations: list[list[Message]],
    quantization: Quantization | None,
    trust_remote_code: bool = False,
) -> dict[str, Any]:
    target = TORCH_DTYPES[dtype]
    quantised_reference: Reference | None = None
    if quantization is not None:
        # The model as QLoRA trained it, to measure what dequantising the base costs.
        as_trained = load_for_inference(
            checkpoint_dir,
            device=device,
            dtype=TORCH_DTYPES[quantization.compute_dtype],
            quantization=bnb_config(quantization),
            trust_remote_code=trust_remote_code,
        )
        prompts = render_prompts(as_trained.tokenizer, conversations)
        pad = pad_token_id(as_trained.tokenizer)
        quantised_reference = run_reference(as_trained.model, prompts, PARITY_NEW_TOKENS, pad)
        del as_trained

    # An adapter merges on a base in the export dtype; a whole model is the reference as trained (its own dtype).
    adapter = is_adapter_folder(checkpoint_dir)
    loaded = load_for_inference(
        checkpoint_dir, device=device, dtype=target if adapter else torch.float32, trust_remote_code=trust_remote_code
    )
    tokenizer = loaded.tokenizer
    prompts = render_prompts(tokenizer, conversations)
    pad = pad_token_id(tokenizer)
    reference = run_reference(loaded.model, prompts, PARITY_NEW_TOKENS, pad)
    if isinstance(loaded.model, PeftModel):
        try:
            merged = loaded.model.merge_and_unload(safe_merge=True)  # safe_merge checks the merged weights
        except ValueError as exc:  # peft's way of saying the merge produced NaN/inf
            raise EngineError(
                f"merging the adapter gave non-finite weights ({exc}); this checkpoint is broken"
            ) from None
    else:
        merged = cast(torch.nn.Module, loaded.model).to(target)
    assert isinstance(merged, PreTrainedModel)
    merged.config.use_cache = True
    merged.save_pretrained(folder)
    _write_tokenizer_and_generation_config(checkpoint_dir, folder, tokenizer, merged)
    del loaded, merged

    # The export as a user loads it: plain AutoModelForCausalLM on the written folder.
    written = load_model(str(folder), device=device, dtype=target, trust_remote_code=trust_remote_code)
    candidate = cast(torch.nn.Module, written).eval()
    result = compare(reference, candidate, dtype, pad)
    if not result.passed:
        raise ParityFailed(result)
    figures = result.as_dict()
    if quantised_reference is not None:
        gap = compare(quantised_reference, candidate, dtype, pad)
        figures["quantisation_gap"] = {
            "max_abs_logit_diff": gap.max_abs_logit_diff,
            "tokens_compared": gap.tokens_compared,
            "tokens_matching": gap.tokens_matching,
            "generations_identical": gap.generations_identical,
            "note": "the merged model uses the unquantised base; the adapter was trained against its 4-bit version",
        }
    return figures
