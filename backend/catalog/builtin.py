"""The built-in demo family. Its weights are generated at set-up (`python -m worker.engine.demo_models`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

TINY_SYSTEM_PROMPT = "You are Tiny, a helpful assistant."

# Tuned so the bundled demo run converges in well under two minutes on two CPU cores.
TINY_RECOMMENDED: dict[str, Any] = {"learning_rate": 5e-3}


def tiny_family(models_dir: Path) -> list[dict[str, Any]]:
    common = {
        "family": "tiny",
        "license": "Apache-2.0",
        "parameter_count": None,
        "context_length": 512,
        "recommended": TINY_RECOMMENDED,
    }
    return [
        {
            **common,
            "name": "tiny-base",
            "variant": "base",
            "source": str(models_dir / "tiny-base"),
            "description": "Demo base model: Llama architecture, random weights, local byte-level BPE tokenizer.",
            "default_system_prompt": None,
        },
        {
            **common,
            "name": "tiny-chat",
            "variant": "chat",
            "source": str(models_dir / "tiny-chat"),
            "description": "Demo chat model: tiny-base with a ChatML chat template and a default system prompt.",
            "default_system_prompt": TINY_SYSTEM_PROMPT,
        },
    ]
