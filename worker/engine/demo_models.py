"""The demo model family "tiny": `tiny-base` and `tiny-chat`, small randomly initialised Llama models.

They exist so that the whole workbench (and its tests) can train, checkpoint, evaluate and serve without a GPU
and without downloading anything. Weights are random with a fixed seed; the tokenizer is trained locally
(see `demo_tokenizer`). `tiny-chat` carries a ChatML template with a default system prompt, like Qwen-style
chat models; `tiny-base` shares the tokenizer but has no template.

    python -m worker.engine.demo_models --out DIR
"""

from __future__ import annotations

import argparse
import math
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from specs.training import Method, ModelSource, Quantization, ResolvedHyperparameters, ResolvedTrainingSpec, Stage

if TYPE_CHECKING:
    from transformers import LlamaForCausalLM, PreTrainedTokenizerFast

# torch/transformers are imported where models are built: importing them takes seconds, and the common call
# (`--out DIR` on a machine that already has the models) should return at once.

SEED = 1234
DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
SAMPLE_CHAT = DEMO_DIR / "sample_chat.jsonl"
TINY_BASE, TINY_CHAT = "tiny-base", "tiny-chat"
TINY_DEFAULT_SYSTEM_PROMPT = "You are Tiny, a helpful assistant."

# ChatML as used by Qwen-style models, plus a default system prompt and role checks so that malformed
# conversations fail loudly (raise_exception) instead of training on a shape the model will never see.
TINY_CHAT_TEMPLATE = (
    "{%- if messages and messages[0]['role'] == 'system' -%}"
    "{%- set system_message = messages[0]['content'] -%}{%- set loop_messages = messages[1:] -%}"
    "{%- else -%}"
    "{%- set system_message = '" + TINY_DEFAULT_SYSTEM_PROMPT + "' -%}{%- set loop_messages = messages -%}"
    "{%- endif -%}"
    "{{- bos_token + '<|im_start|>system\\n' + system_message + '<|im_end|>\\n' -}}"
    "{%- for message in loop_messages -%}"
    "{%- if message['role'] not in ['user', 'assistant'] -%}"
    "{{- raise_exception('Only user and assistant messages may follow the optional first system message.') -}}"
    "{%- endif -%}"
    "{%- if (message['role'] == 'user') != (loop.index0 % 2 == 0) -%}"
    "{{- raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') -}}"
    "{%- endif -%}"
    "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' -}}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '<|im_start|>assistant\\n' -}}{%- endif -%}"
)

# Small enough to train a few hundred LoRA steps in seconds on two CPU cores, large enough to learn the demo data.
TINY_ARCHITECTURE: dict[str, Any] = {
    "hidden_size": 128,
    "intermediate_size": 256,
    "num_hidden_layers": 2,
    "num_attention_heads": 4,
    "num_key_value_heads": 4,
    "max_position_embeddings": 512,
    # Wider than the usual 0.02: the output head stays frozen under LoRA, and with tiny init its logits could
    # never move far from uniform, so the demo loss could not fall much however well the adapters learn.
    "initializer_range": 0.1,
    "rms_norm_eps": 1e-5,
    "tie_word_embeddings": False,
}

# The family's recommended settings for the demo run (sample_chat.jsonl, tiny-chat, LoRA), tuned on 2 CPU cores;
# the backend catalog copies these numbers.
TINY_RECOMMENDED_HYPERPARAMETERS: dict[str, Any] = {
    "learning_rate": 5e-3,
    "epochs": 3,
    "batch_size": 8,
    "gradient_accumulation_steps": 1,
    "lr_scheduler": "cosine",
    "warmup_ratio": 0.03,
    "max_seq_length": 256,
    "lora_r": 16,
    "lora_alpha": 32,
    "lora_dropout": 0.0,
    "save_steps": 50,
    "max_steps": 150,
}

_REQUIRED_FILES = (
    "config.json",
    "model.safetensors",
    "generation_config.json",
    "tokenizer.json",
    "tokenizer_config.json",
)


def is_complete(model_dir: Path) -> bool:
    return all((model_dir / name).is_file() for name in _REQUIRED_FILES)


def _build_model(tokenizer: PreTrainedTokenizerFast, eos_token_id: int, seed: int) -> LlamaForCausalLM:
    import torch
    from transformers import GenerationConfig, LlamaConfig, LlamaForCausalLM

    # Round the embedding up to a multiple of 64, as real models do; it also keeps code honest about
    # len(tokenizer) != vocab_size.
    vocab_size = 64 * math.ceil(len(tokenizer) / 64)
    config = LlamaConfig(
        vocab_size=vocab_size,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        **TINY_ARCHITECTURE,
    )
    torch.manual_seed(seed)
    model = LlamaForCausalLM(config)
    model.generation_config = GenerationConfig(  # type: ignore[no-untyped-call]
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        max_new_tokens=64,
        do_sample=False,
    )
    return model


def _write_variant(tokenizer: PreTrainedTokenizerFast, out: Path, *, chat: bool) -> None:
    from worker.engine.demo_tokenizer import EOS, IM_END

    if chat:
        tokenizer.chat_template = TINY_CHAT_TEMPLATE
        # A chat model stops at the end of its turn, not at the end of a document.
        tokenizer.eos_token = IM_END
    eos_id = tokenizer.convert_tokens_to_ids(IM_END if chat else EOS)
    assert isinstance(eos_id, int)
    # Same seed for both: the chat model is "the base model after alignment", which for random weights is itself.
    model = _build_model(tokenizer, eos_id, SEED)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)


def build_tiny_family(out_dir: Path) -> dict[str, Path]:
    """Build tiny-base and tiny-chat under out_dir (idempotent, atomic per model); returns name → folder."""
    out_dir = Path(out_dir)
    targets = {TINY_BASE: out_dir / TINY_BASE, TINY_CHAT: out_dir / TINY_CHAT}
    if all(is_complete(path) for path in targets.values()):
        return targets
    from worker.engine.demo_tokenizer import corpus_texts, train_tiny_tokenizer

    out_dir.mkdir(parents=True, exist_ok=True)
    # The default system prompt appears in most rendered training examples, so it should tokenise compactly.
    texts = [*corpus_texts(), *[TINY_DEFAULT_SYSTEM_PROMPT] * 4]
    with tempfile.TemporaryDirectory(prefix=".tmp-tiny-", dir=out_dir) as tmp:
        for name, target in targets.items():
            if is_complete(target):
                continue
            staged = Path(tmp) / name
            _write_variant(train_tiny_tokenizer(texts), staged, chat=name == TINY_CHAT)
            if target.exists():
                # An incomplete leftover from an older, interrupted layout: replace it.
                shutil.rmtree(target)
            try:
                staged.rename(target)
            except OSError:
                # Another process finished the same model first; theirs is as good as ours.
                if not is_complete(target):
                    raise
    return targets


def demo_spec(
    models_dir: Path,
    dataset_path: Path = SAMPLE_CHAT,
    *,
    method: Method = "lora",
    quantization: Quantization | None = None,
    stage: Stage = "sft",
    **overrides: Any,
) -> ResolvedTrainingSpec:
    """The demo run: tiny-chat on the sample chat data with the recommended settings (overridable).

    `overrides` are resolved hyperparameters. QLoRA gets NF4 with double quantisation computing in fp32 unless
    `quantization` says otherwise (the demo runs on CPUs, where fp32 is the fast and exact choice). Stage `cpt`
    continues pretraining tiny-base on `dataset_path` (`{"text": ...}` records), packed unless told otherwise.
    """
    records = sum(1 for line in Path(dataset_path).read_text(encoding="utf-8").splitlines() if line.strip())
    settings = {
        **TINY_RECOMMENDED_HYPERPARAMETERS,
        "weight_decay": 0.0,
        "max_grad_norm": 1.0,
        "target_modules": "all-linear",
        "seed": 42,
        "packing": stage == "cpt",  # what the API resolves "auto" to for continued pretraining
        **overrides,
    }
    if method == "qlora" and quantization is None:
        quantization = Quantization(compute_dtype="fp32")
    chat = stage == "sft"
    return ResolvedTrainingSpec(
        stage=stage,
        method=method,
        loss_on="assistant" if chat else "all",
        model=ModelSource(
            name=TINY_CHAT if chat else TINY_BASE,
            path=str(Path(models_dir) / (TINY_CHAT if chat else TINY_BASE)),
            variant="chat" if chat else "base",
            default_system_prompt=TINY_DEFAULT_SYSTEM_PROMPT if chat else None,
        ),
        dataset_path=str(dataset_path),
        dataset_records=records,
        hyperparameters=ResolvedHyperparameters(**settings),
        quantization=quantization,
        decisions=["demo run: the tiny family's recommended settings"],
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build the demo model family 'tiny' (tiny-base, tiny-chat).")
    parser.add_argument("--out", type=Path, required=True, help="folder that receives tiny-base/ and tiny-chat/")
    args = parser.parse_args(argv)
    for name, path in build_tiny_family(args.out).items():
        print(f"{name}: {path}")


if __name__ == "__main__":
    main()
