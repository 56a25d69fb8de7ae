"""How a run's weights train: (spec, device, precision) → the model with exactly the right parameters trainable.

    lora    the base model frozen (stored in the compute dtype), LoRA adapters on it in fp32; rsLoRA/DoRA as asked
    qlora   the base model loaded 4-bit by bitsandbytes (NF4/FP4, optional double quantisation), prepared with
            peft's prepare_model_for_kbit_training (norms/embeddings in fp32), then LoRA as above
    full    every parameter trains, in fp32
    freeze  only the last `freeze_trainable_layers` decoder layers train, in fp32; embeddings, the final norm and
            the output head stay frozen

New special tokens (a base model trained with its family's chat template, see data/templates.py) get embedding
rows — the embeddings are resized when the model has no spare rows — initialised to the mean of the existing rows
of the input embeddings and of the output head, and those rows train with every method:

    lora/qlora  peft's trainable tokens (`trainable_token_indices`) on the input embeddings and, when it is not tied
                to them, the output head: only the new rows train; the adapter saves their deltas and (peft does
                this for resized embeddings) the embedding matrices, so it loads onto the original base
    full        every weight trains anyway
    freeze      the whole input embedding and output head matrices are unfrozen as well (simpler than masking
                gradients to the new rows; on a tiny share of the parameters)

Adapter methods save only the adapter (the frozen base is reloaded from the model source on resume); full and
freeze save the whole model, and resume loads it back from the checkpoint folder (`weights_path`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import torch
from peft import LoraConfig, get_peft_model, prepare_model_for_kbit_training
from transformers import PreTrainedModel

from specs.training import Method, ResolvedTrainingSpec
from worker.engine.builders import bnb_config, lora_config, lora_target_modules
from worker.engine.errors import EngineError
from worker.engine.loading import load_model
from worker.engine.precision import MixedPrecision

ADAPTER_METHODS: frozenset[Method] = frozenset({"lora", "qlora"})
# Non-reentrant checkpointing handles inputs that need no grad and keyword arguments (position_ids) correctly.
CHECKPOINTING_KWARGS = {"use_reentrant": False}


@dataclass(frozen=True)
class TrainableModel:
    model: torch.nn.Module  # a PeftModel for adapter methods, the PreTrainedModel itself otherwise
    saves_adapter: bool
    description: str

    @property
    def trainable_parameters(self) -> list[torch.nn.Parameter]:
        return [p for p in self.model.parameters() if p.requires_grad]


def saves_adapter(method: Method) -> bool:
    return method in ADAPTER_METHODS


def parameter_count(param: torch.nn.Parameter) -> int:
    # A 4-bit weight stores two values per byte of its (flat, packed) storage.
    if param.__class__.__name__ == "Params4bit":
        return param.numel() * 2 * param.element_size()
    return param.numel()


def count_parameters(model: torch.nn.Module) -> tuple[int, int]:
    """(trainable, total) parameters; quantised weights count as the values they hold, not their bytes."""
    params = list(model.parameters())
    return sum(parameter_count(p) for p in params if p.requires_grad), sum(parameter_count(p) for p in params)


def decoder_layers(model: torch.nn.Module) -> torch.nn.ModuleList:
    """The stack of decoder blocks: the first ModuleList with config.num_hidden_layers entries (model.layers etc.)."""
    count = getattr(getattr(model, "config", None), "num_hidden_layers", None)
    for _, module in model.named_modules():
        if isinstance(module, torch.nn.ModuleList) and len(module) == count:
            return module
    raise EngineError(f"cannot find the decoder layers of {type(model).__name__} (expected {count} of them)")


def freeze_all_but_last_layers(model: torch.nn.Module, trainable_layers: int) -> list[str]:
    """requires_grad only on the last `trainable_layers` decoder layers; returns their parameter names."""
    layers = decoder_layers(model)
    if not 1 <= trainable_layers <= len(layers):
        raise EngineError(
            f"freeze_trainable_layers={trainable_layers}, but the model has {len(layers)} decoder layers; "
            f"choose 1 to {len(layers)} (or method 'full' to train everything)"
        )
    model.requires_grad_(False)
    trained = {id(p) for layer in layers[len(layers) - trainable_layers :] for p in layer.parameters()}
    for param in model.parameters():
        param.requires_grad = id(param) in trained
    return [name for name, param in model.named_parameters() if param.requires_grad]


def _enable_checkpointing(model: PreTrainedModel, *, inputs_need_grad: bool) -> None:
    # transformers 5 renamed gradient_checkpointing_enable (a deprecated alias until v6) to this.
    if hasattr(model, "activation_checkpointing_enable"):
        model.activation_checkpointing_enable(activation_checkpointing_kwargs=CHECKPOINTING_KWARGS)
    else:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs=CHECKPOINTING_KWARGS)  # type: ignore[no-untyped-call]
    if inputs_need_grad:
        # Adapters sit behind frozen embeddings; make their output carry grad into the checkpointed blocks.
        model.enable_input_require_grads()  # type: ignore[no-untyped-call]


def keep_cpu_4bit_layout(model: torch.nn.Module) -> None:
    """Turn off bitsandbytes' CPU inference repacking of 4-bit weights.

    On CPUs with AVX512-BF16, bitsandbytes repacks a Linear4bit's weights on its first eval-mode forward into a
    layout for a fused bf16 kernel, and unpacks them again when a state dict is saved. Each switch changes the
    numerics of the training steps that follow, so evaluations and checkpoints would perturb training and a
    resumed run would not match an uninterrupted one. Training keeps the one dequantise-then-matmul path.
    """
    from bitsandbytes.nn.modules import Linear4bit

    for module in model.modules():
        if isinstance(module, Linear4bit):
            module.support_avx512bf16_for_cpu = False


def _embedding_modules(model: PreTrainedModel) -> list[torch.nn.Module]:
    """The input embeddings and, when it does not share their weight (untied), the output head."""
    embeddings: torch.nn.Module = model.get_input_embeddings()
    head = model.get_output_embeddings()  # type: ignore[no-untyped-call]
    if isinstance(head, torch.nn.Module) and head.weight is not embeddings.weight:
        return [embeddings, head]
    return [embeddings]


def add_token_rows(model: PreTrainedModel, new_token_ids: Sequence[int], vocab_size: int) -> None:
    """Give the new tokens embedding rows: resize to vocab_size if the model has too few, rows set to the mean.

    The mean of the other rows (input embeddings and output head) keeps the new tokens' logits and hidden states
    ordinary at the start; it is exact and draws no random numbers, so a resumed run builds the same model.
    """
    if not new_token_ids:
        return
    current = _embedding_modules(model)[0].weight
    assert isinstance(current, torch.Tensor)
    if max(new_token_ids) >= current.shape[0]:
        model.resize_token_embeddings(vocab_size, mean_resizing=False)
    ids = torch.tensor(sorted(set(new_token_ids)))
    with torch.no_grad():
        for module in _embedding_modules(model):
            weight = module.weight
            assert isinstance(weight, torch.Tensor)
            keep = torch.ones(int(weight.shape[0]), dtype=torch.bool)
            keep[ids] = False
            weight[ids.to(weight.device)] = weight[keep.to(weight.device)].float().mean(0).to(weight.dtype)


def _embedding_module_names(model: PreTrainedModel) -> list[str]:
    """The (leaf) names of the input embeddings and, when untied from them, the output head, for peft."""
    wanted = _embedding_modules(model)
    names = {id(module): name.rsplit(".", 1)[-1] for name, module in model.named_modules() if module in wanted}
    return [names[id(module)] for module in wanted]


def _adapter_config(spec: ResolvedTrainingSpec, base: PreTrainedModel, new_token_ids: Sequence[int]) -> LoraConfig:
    config = lora_config(spec.hyperparameters, lora_target_modules(base, spec.hyperparameters.target_modules))
    if new_token_ids:
        ids = sorted(set(new_token_ids))
        config.trainable_token_indices = {name: ids for name in _embedding_module_names(base)}
    return config


def _lora_description(spec: ResolvedTrainingSpec) -> str:
    hp = spec.hyperparameters
    variants = [name for name, on in (("rsLoRA", hp.use_rslora), ("DoRA", hp.use_dora)) if on]
    return f"LoRA r={hp.lora_r} alpha={hp.lora_alpha:g}" + (f" ({', '.join(variants)})" if variants else "")


def build_trainable_model(
    spec: ResolvedTrainingSpec,
    device: torch.device,
    precision: MixedPrecision,
    weights_path: Path | None = None,
    *,
    new_token_ids: Sequence[int] = (),
    vocab_size: int | None = None,
) -> TrainableModel:
    """Load the model for spec.method and set what trains. Seed torch first: adapter initialisation is random.

    `new_token_ids` are tokens added to the tokenizer (now `vocab_size` long) that get trained embedding rows.
    """
    if new_token_ids and vocab_size is None:
        raise EngineError("new tokens need the tokenizer's vocab_size to resize the embeddings to")
    size = vocab_size or 0
    tokens = f", {len(new_token_ids)} new token embeddings train" if new_token_ids else ""
    hp = spec.hyperparameters
    method = spec.method
    if weights_path is not None and saves_adapter(method):
        raise EngineError("adapter methods load their base from the model source; restore the adapter instead")
    path = str(weights_path or spec.model.path)
    trust = spec.model.trust_remote_code

    if method == "lora":
        # The frozen base only ever runs in the compute dtype, so it is stored in it (half the memory for bf16).
        base = load_model(path, device=device, dtype=precision.compute_dtype, trust_remote_code=trust)
        add_token_rows(base, new_token_ids, size)
        if hp.gradient_checkpointing:
            _enable_checkpointing(base, inputs_need_grad=True)
        model = get_peft_model(base, _adapter_config(spec, base, new_token_ids))
        return TrainableModel(model, True, _lora_description(spec) + tokens)

    if method == "qlora":
        if spec.quantization is None:
            raise EngineError("method 'qlora' needs the spec's quantization settings (bits, quant_type, ...)")
        q = spec.quantization
        base = load_model(
            path,
            device=device,
            dtype=precision.compute_dtype,
            quantization_config=bnb_config(q),
            trust_remote_code=trust,
        )
        add_token_rows(base, new_token_ids, size)
        # Freezes the base, upcasts its remaining float weights to fp32 and, if asked, enables checkpointing.
        base = prepare_model_for_kbit_training(  # type: ignore[no-untyped-call]
            base,
            use_gradient_checkpointing=hp.gradient_checkpointing,
            gradient_checkpointing_kwargs=CHECKPOINTING_KWARGS,
        )
        keep_cpu_4bit_layout(base)
        model = get_peft_model(base, _adapter_config(spec, base, new_token_ids))
        double = ", double-quantised" if q.double_quant else ""
        base_text = f"{q.bits}-bit {q.quant_type}{double} base computing in {q.compute_dtype}"
        return TrainableModel(model, True, f"QLoRA: {base_text}, {_lora_description(spec)}{tokens}")

    # full and freeze train real weights: keep them fp32 so small updates are not rounded away.
    whole = load_model(path, device=device, dtype=torch.float32, trust_remote_code=trust)
    if weights_path is None:
        # A checkpoint already holds the resized, trained rows; only the original model gets new ones.
        add_token_rows(whole, new_token_ids, size)
    if method == "full":
        whole.requires_grad_(True)
        description = "full fine-tuning (every weight trains)"
    elif method == "freeze":
        freeze_all_but_last_layers(whole, hp.freeze_trainable_layers)
        total_layers = len(decoder_layers(whole))
        description = f"freeze: the last {hp.freeze_trainable_layers} of {total_layers} decoder layers train"
        if new_token_ids:
            for module in _embedding_modules(whole):
                module.requires_grad_(True)
            description += " (and the embeddings and output head, for the new tokens)"
    else:
        raise EngineError(f"unknown training method {method!r}")
    if hp.gradient_checkpointing:
        _enable_checkpointing(whole, inputs_need_grad=False)
    return TrainableModel(whole, False, description + (tokens if method == "full" else ""))
