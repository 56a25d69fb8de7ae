"""Faster steps on the same math: Liger Kernel's fused Triton kernels and torch.compile, each only when the spec asks.

Liger replaces the model's RMSNorm, rotary embedding and SwiGLU MLP with fused kernels (its per-architecture
`apply_liger_kernel_to_<model_type>(model=...)` on the loaded instance). Its fused linear + cross-entropy is left
off: every objective here computes its own weighted loss from the logits (objectives.py), which that kernel would
bypass. liger_kernel (and with it Triton) is imported only when the spec turns it on.

torch.compile compiles each decoder layer in place (`module.compile()`): the layers are where the time goes, the
HF code around them (masks, caches) breaks graphs, parameter names stay what checkpoints expect, and under FSDP
each compiled layer is also a sharding unit, as torchtitan does it.
"""

from __future__ import annotations

import inspect

import torch
from peft import PeftModel

from worker.engine.errors import EngineError
from worker.engine.methods import decoder_layers

LIGER_INSTALL = "pip install 'tunewright[liger]' (the liger-kernel package)"
# Kernels that keep the objective's own loss: everything but Liger's cross-entropy variants.
LIGER_KERNELS = {"rope": True, "rms_norm": True, "swiglu": True, "geglu": True}
LIGER_OFF = {"cross_entropy": False, "fused_linear_cross_entropy": False}


def _base(model: torch.nn.Module) -> torch.nn.Module:
    return model.get_base_model() if isinstance(model, PeftModel) else model


def apply_liger_kernels(model: torch.nn.Module) -> str:
    """Patch the model with Liger's kernels for its architecture; returns what was applied, for the run's log."""
    try:
        import liger_kernel.transformers as liger
    except ImportError as exc:
        raise EngineError(
            f"liger_kernels is on but Liger Kernel is not installed on this worker: {LIGER_INSTALL}, or turn "
            "liger_kernels off"
        ) from exc
    base = _base(model)
    model_type = str(getattr(getattr(base, "config", None), "model_type", ""))
    apply = getattr(liger, f"apply_liger_kernel_to_{model_type}", None)
    if apply is None:
        raise EngineError(f"Liger Kernel has no kernels for the {model_type!r} architecture; turn liger_kernels off")
    accepted = inspect.signature(apply).parameters
    options = {name: on for name, on in {**LIGER_KERNELS, **LIGER_OFF}.items() if name in accepted}
    apply(model=base, **options)
    applied = ", ".join(name for name, on in options.items() if on)
    return f"liger kernels for {model_type}: {applied} (the loss stays the objective's own)"


def compile_supported() -> str | None:
    """None when torch.compile can run here, otherwise why not."""
    if not hasattr(torch, "compile"):
        return f"torch {torch.__version__} has no torch.compile"
    from torch._dynamo.eval_frame import is_dynamo_supported

    if not is_dynamo_supported():
        return "torch.compile does not support this Python or platform"
    return None


def compile_layers(model: torch.nn.Module) -> tuple[bool, str]:
    """Compile every decoder layer in place; (compiled, a sentence for the log). Falls back to eager when it cannot."""
    missing = compile_supported()
    if missing is not None:
        return False, f"torch_compile is on but {missing}; training without it"
    layers = decoder_layers(model)
    for layer in layers:
        layer.compile()
    return True, f"torch.compile: {len(layers)} decoder layers compiled (the first steps include compiling)"
