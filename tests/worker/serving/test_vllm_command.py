"""The `vllm serve` command (vLLM cannot be installed here; what we launch it with can be checked)."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest

from worker.serving.vllm import (
    VllmServeConfig,
    adapter_rank,
    checkpoint_chat_template,
    main,
    vllm_env,
    vllm_rank,
    vllm_serve_command,
)


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def _adapter(folder: Path, r: int, template: str | None = None, rank_pattern: dict[str, int] | None = None) -> Path:
    folder.mkdir(parents=True)
    config = {"r": r, "base_model_name_or_path": "/models/tiny-chat", "rank_pattern": rank_pattern or {}}
    (folder / "adapter_config.json").write_text(json.dumps(config))
    if template is not None:
        (folder / "tokenizer_config.json").write_text(json.dumps({"chat_template": template}))
    return folder


def test_base_with_adapters_gets_lora_flags_and_the_generation_config() -> None:
    config = VllmServeConfig(
        base="/models/tiny-chat",
        served_model_name="tiny-chat",
        adapters={"ckpt_a": "/runs/a/step-10", "ckpt_b": "/runs/b/step-20"},
        max_loras=2,
        dtype="bfloat16",
        max_model_len=4096,
        gpu_memory_utilization=0.85,
        chat_template="/runs/a/step-10/chat_template.jinja",
        port=9001,
    )
    command = vllm_serve_command(config, ranks=[16, 12])
    assert command[:3] == ["vllm", "serve", "/models/tiny-chat"]
    assert _flag(command, "--served-model-name") == "tiny-chat"
    assert "--enable-lora" in command
    assert _flag(command, "--max-loras") == "2"
    assert _flag(command, "--max-lora-rank") == "16"
    assert _flag(command, "--dtype") == "bfloat16"
    assert _flag(command, "--max-model-len") == "4096"
    assert _flag(command, "--gpu-memory-utilization") == "0.85"
    assert _flag(command, "--generation-config") == "auto"
    assert _flag(command, "--chat-template") == "/runs/a/step-10/chat_template.jinja"
    assert _flag(command, "--port") == "9001"
    start = command.index("--lora-modules") + 1
    assert command[start : start + 2] == ["ckpt_a=/runs/a/step-10", "ckpt_b=/runs/b/step-20"]


def test_without_adapters_or_limits_the_optional_flags_are_left_out() -> None:
    command = vllm_serve_command(VllmServeConfig(base="org/model", served_model_name="m"))
    for flag in ("--lora-modules", "--max-model-len", "--chat-template"):
        assert flag not in command
    assert _flag(command, "--max-lora-rank") == "16"  # room for runtime-loaded adapters of the default rank


@pytest.mark.parametrize(("rank", "allowed"), [(1, 1), (4, 8), (8, 8), (17, 32), (300, 320), (512, 512)])
def test_ranks_round_up_to_what_vllm_accepts(rank: int, allowed: int) -> None:
    assert vllm_rank(rank) == allowed


def test_a_rank_above_vllms_largest_is_refused() -> None:
    with pytest.raises(ValueError, match="above vLLM's largest"):
        vllm_rank(1024)


def test_runtime_adapter_loading_is_enabled() -> None:
    assert vllm_env() == {"VLLM_ALLOW_RUNTIME_LORA_UPDATING": "1"}


def test_rank_and_template_are_read_from_the_checkpoint(tmp_path: Path) -> None:
    folder = _adapter(tmp_path / "ckpt", 8, template="{{ messages }}", rank_pattern={"q_proj": 24})
    assert adapter_rank(folder) == 24
    template = checkpoint_chat_template(folder)
    assert template is not None and Path(template).read_text() == "{{ messages }}"
    assert checkpoint_chat_template(tmp_path) is None


def test_cli_prints_env_and_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = _adapter(tmp_path / "ckpt", 64, template="T")
    main(["--base", "/models/tiny-chat", "--served-model-name", "tiny-chat", "--lora", f"ckpt_x={folder}"])
    env, *command = shlex.split(capsys.readouterr().out)
    assert env == "VLLM_ALLOW_RUNTIME_LORA_UPDATING=1"
    assert _flag(command, "--max-lora-rank") == "64"
    assert _flag(command, "--lora-modules") == f"ckpt_x={folder}"
    assert _flag(command, "--chat-template") == str(folder / "chat_template.jinja")
