"""A decoder-only transformer's shape, read from its config.json: what estimates and decisions need."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Architecture:
    """What the estimate needs from a decoder-only transformer's config.json."""

    hidden_size: int
    intermediate_size: int
    num_layers: int
    num_heads: int
    num_kv_heads: int
    vocab_size: int
    tied_embeddings: bool
    model_type: str | None = None  # config.json's `model_type` (llama, qwen2, ...): which kernels apply

    @classmethod
    def from_config(cls, config: dict[str, Any]) -> Architecture | None:
        try:
            hidden = int(config["hidden_size"])
            heads = int(config["num_attention_heads"])
            return cls(
                hidden_size=hidden,
                intermediate_size=int(config.get("intermediate_size") or 4 * hidden),
                num_layers=int(config["num_hidden_layers"]),
                num_heads=heads,
                num_kv_heads=int(config.get("num_key_value_heads") or heads),
                vocab_size=int(config["vocab_size"]),
                tied_embeddings=bool(config.get("tie_word_embeddings", False)),
                model_type=str(config["model_type"]) if config.get("model_type") else None,
            )
        except (KeyError, TypeError, ValueError):
            return None

    @property
    def head_dim(self) -> int:
        return self.hidden_size // self.num_heads

    def linear_shapes(self) -> list[tuple[int, int]]:
        """(in, out) of every linear layer of one decoder layer: q, k, v, o, gate, up, down."""
        h, i, kv = self.hidden_size, self.intermediate_size, self.num_kv_heads * self.head_dim
        return [(h, h), (h, kv), (h, kv), (h, h), (h, i), (h, i), (i, h)]

    def layer_parameters(self) -> int:
        return sum(a * b for a, b in self.linear_shapes()) + 2 * self.hidden_size

    def parameters(self) -> int:
        embeddings = self.vocab_size * self.hidden_size * (1 if self.tied_embeddings else 2)
        return embeddings + self.num_layers * self.layer_parameters() + self.hidden_size

    def lora_parameters(self, rank: int) -> int:
        return self.num_layers * sum(rank * (a + b) for a, b in self.linear_shapes())


def read_architecture(source: str) -> Architecture | None:
    """The architecture of a local model folder; None for hub ids and folders without a usable config.json."""
    config = Path(source) / "config.json"
    if not config.is_file():
        return None
    try:
        return Architecture.from_config(json.loads(config.read_text()))
    except (OSError, ValueError):
        return None


def read_chat_template(source: str) -> str | None:
    """A local model folder's own chat template (`chat_template.jinja` or tokenizer_config.json), if any."""
    folder = Path(source)
    jinja = folder / "chat_template.jinja"
    if jinja.is_file():
        return jinja.read_text(encoding="utf-8")
    config = folder / "tokenizer_config.json"
    if not config.is_file():
        return None
    try:
        template = json.loads(config.read_text(encoding="utf-8")).get("chat_template")
    except (OSError, ValueError):
        return None
    return template if isinstance(template, str) and template.strip() else None
