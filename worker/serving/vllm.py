"""The `vllm serve` command for a CUDA host: one base model, many LoRA adapters, the checkpoint's chat template.

vLLM is not installed by the workbench (its wheel is large and CUDA-specific); this builds the command and the
environment for running it, and the API then talks to it as to the CPU server (TUNEWRIGHT_INFERENCE_URL).

    python -m worker.serving.vllm --base var/models/tiny-chat --served-model-name tiny-chat \\
        --lora ckpt_abc=var/artifacts/runs/run_x/checkpoints/step-150
"""

from __future__ import annotations

import argparse
import json
import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

# vLLM accepts only these --max-lora-rank values; an adapter of rank r needs the smallest one >= r.
VLLM_LORA_RANKS = (1, 8, 16, 32, 64, 128, 256, 320, 512)


@dataclass(frozen=True)
class VllmServeConfig:
    base: str  # model folder or hub id
    served_model_name: str
    adapters: Mapping[str, str] = field(default_factory=dict)  # name -> adapter folder, loaded at start
    max_loras: int = 4  # adapters in one batch; more are swapped in from CPU memory
    max_lora_rank: int | None = None  # None: the largest rank among the adapters
    dtype: str = "auto"
    max_model_len: int | None = None
    gpu_memory_utilization: float = 0.9
    chat_template: str | None = None  # a file; None: the base tokenizer's own
    host: str = "127.0.0.1"
    port: int = 8001


def adapter_rank(folder: str | Path) -> int:
    config = json.loads((Path(folder) / "adapter_config.json").read_text(encoding="utf-8"))
    ranks = [int(config.get("r", 8)), *(int(r) for r in (config.get("rank_pattern") or {}).values())]
    return max(ranks)


def vllm_rank(rank: int) -> int:
    for allowed in VLLM_LORA_RANKS:
        if allowed >= rank:
            return allowed
    raise ValueError(f"LoRA rank {rank} is above vLLM's largest ({VLLM_LORA_RANKS[-1]})")


def vllm_serve_command(config: VllmServeConfig, ranks: Sequence[int] = ()) -> list[str]:
    """The argv; `ranks` are the adapters' ranks (read from their folders by the caller) when max_lora_rank is None."""
    command = [
        "vllm",
        "serve",
        config.base,
        "--served-model-name",
        config.served_model_name,
        "--host",
        config.host,
        "--port",
        str(config.port),
        "--dtype",
        config.dtype,
        "--gpu-memory-utilization",
        str(config.gpu_memory_utilization),
        # The model folder's generation_config.json lists the end-of-turn token; "auto" makes vLLM stop on it. It also
        # makes the file's sampling settings vLLM's defaults, so evaluation sends its own (greedy, no penalty).
        "--generation-config",
        "auto",
        "--enable-lora",
        "--max-loras",
        str(config.max_loras),
        "--max-lora-rank",
        str(vllm_rank(config.max_lora_rank or max(ranks, default=16))),
    ]
    if config.max_model_len is not None:
        command += ["--max-model-len", str(config.max_model_len)]
    if config.chat_template is not None:
        command += ["--chat-template", config.chat_template]
    if config.adapters:
        command += ["--lora-modules", *(f"{name}={path}" for name, path in config.adapters.items())]
    return command


def vllm_env() -> dict[str, str]:
    """Lets the API load and unload adapters at runtime (/v1/load_lora_adapter) as checkpoints appear."""
    return {"VLLM_ALLOW_RUNTIME_LORA_UPDATING": "1"}


def checkpoint_chat_template(folder: str | Path) -> str | None:
    """The chat template file a checkpoint's tokenizer carries, when it has one (training writes it there)."""
    path = Path(folder)
    if (path / "chat_template.jinja").is_file():
        return str(path / "chat_template.jinja")
    config = path / "tokenizer_config.json"
    if config.is_file():
        template = json.loads(config.read_text(encoding="utf-8")).get("chat_template")
        if isinstance(template, str):
            out = path / "chat_template.jinja"
            out.write_text(template, encoding="utf-8")
            return str(out)
    return None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m worker.serving.vllm", description="Print the `vllm serve` command."
    )
    parser.add_argument("--base", required=True, help="base model folder or hub id")
    parser.add_argument("--served-model-name", required=True)
    parser.add_argument("--lora", action="append", default=[], help="NAME=ADAPTER_FOLDER (repeatable)")
    parser.add_argument("--max-loras", type=int, default=4)
    parser.add_argument("--max-model-len", type=int)
    parser.add_argument("--gpu-memory-utilization", type=float, default=0.9)
    parser.add_argument("--dtype", default="auto")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args(argv)
    adapters = dict(item.split("=", 1) for item in args.lora)
    # Adapters trained from a base model carry the family's template; a chat base's own template is the same one.
    template = next((t for t in map(checkpoint_chat_template, adapters.values()) if t), None)
    config = VllmServeConfig(
        base=args.base,
        served_model_name=args.served_model_name,
        adapters=adapters,
        max_loras=args.max_loras,
        dtype=args.dtype,
        max_model_len=args.max_model_len,
        gpu_memory_utilization=args.gpu_memory_utilization,
        chat_template=template,
        host=args.host,
        port=args.port,
    )
    command = vllm_serve_command(config, [adapter_rank(path) for path in adapters.values()])
    env = " ".join(f"{k}={v}" for k, v in vllm_env().items())
    print(f"{env} {shlex.join(command)}")


if __name__ == "__main__":
    main()
