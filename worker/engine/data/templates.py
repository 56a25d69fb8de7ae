"""Which chat template a run trains with.

A chat model brings its own template, and training must render exactly as inference will. A base model has
none; it then gets a plain-text template that needs no new tokens (new token embeddings would stay untrained
under LoRA) and ends each assistant turn with the model's own eos token, so the tuned model learns to stop.
Whatever is chosen is written into every checkpoint's tokenizer, so serving uses the same one.
"""

from __future__ import annotations

from transformers import PreTrainedTokenizerBase

BASE_MODEL_CHAT_TEMPLATE = (
    "{{- bos_token or '' -}}"
    "{%- for message in messages -%}"
    "{%- if message['role'] == 'system' -%}{{- message['content'] + '\\n\\n' -}}"
    "{%- elif message['role'] == 'user' -%}{{- '### User:\\n' + message['content'] + '\\n\\n' -}}"
    "{%- elif message['role'] == 'assistant' -%}{{- '### Assistant:\\n' + message['content'] + eos_token + '\\n\\n' -}}"
    "{%- else -%}{{- raise_exception('Unsupported role: ' + message['role']) -}}"
    "{%- endif -%}"
    "{%- endfor -%}"
    "{%- if add_generation_prompt -%}{{- '### Assistant:\\n' -}}{%- endif -%}"
)


def resolve_chat_template(tokenizer: PreTrainedTokenizerBase) -> tuple[str, str]:
    """(template, reason): the tokenizer's own template, or the plain base-model template when it has none."""
    own = tokenizer.chat_template
    if isinstance(own, dict):
        # Multi-template tokenizers name their conversational one "default".
        own = own.get("default")
    if isinstance(own, str) and own.strip():
        return own, "using the model's own chat template"
    if tokenizer.eos_token is None:
        raise ValueError("the tokenizer has neither a chat template nor an eos token; cannot build training examples")
    return BASE_MODEL_CHAT_TEMPLATE, "the model has no chat template; using the plain '### User/### Assistant' template"
