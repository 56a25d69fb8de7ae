"""Which chat template a run trains with, and the special tokens it needs.

A chat model brings its own template, and training must render exactly as inference will. A base model has
none; it then trains with its family's chat template when the spec names one (`ModelSource.chat_template`, filled
from the chat variant), else with a plain-text template that needs no new tokens and ends each assistant turn
with the model's own eos token, so the tuned model learns to stop. Whatever is chosen is written into every
checkpoint's tokenizer, so serving uses the same one.

A family template may use special tokens the base tokenizer lacks (llama-3's `<|eot_id|>`): they are found as
string literals of the template that look like special tokens — `<|...|>` and `<name>`/`</name>` tags only, never
`[INST]`-style text — and added to the tokenizer as special tokens (methods.py resizes the embeddings and trains
the new rows).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

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


# Quoted string literals of a Jinja template, and the special-token-looking pieces inside them.
_STRING_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")
# `<<SYS>>` (llama-2) is plain text, hence no `<` before and no `>` after a tag.
_SPECIAL_LOOKING = re.compile(r"<\|[^|<>\s]{1,64}\|>|(?<!<)</?[A-Za-z][A-Za-z0-9_]{0,63}>(?!>)")


def resolve_chat_template(tokenizer: PreTrainedTokenizerBase, family_template: str | None = None) -> tuple[str, str]:
    """(template, reason): the tokenizer's own template; else the family's (for a base model); else the plain one."""
    own = tokenizer.chat_template
    if isinstance(own, dict):
        # Multi-template tokenizers name their conversational one "default".
        own = own.get("default")
    if isinstance(own, str) and own.strip():
        return own, "using the model's own chat template"
    if family_template is not None and family_template.strip():
        return family_template, "the model has no chat template; using its family's chat template from the spec"
    if tokenizer.eos_token is None:
        raise ValueError("the tokenizer has neither a chat template nor an eos token; cannot build training examples")
    return BASE_MODEL_CHAT_TEMPLATE, "the model has no chat template; using the plain '### User/### Assistant' template"


def template_special_tokens(template: str) -> list[str]:
    """Special-token-looking strings (`<|eot_id|>`, `<start_of_turn>`) in the template's string literals, in order."""
    found: dict[str, None] = {}
    for match in _STRING_LITERAL.finditer(template):
        literal = match.group(1) if match.group(1) is not None else match.group(2)
        for token in _SPECIAL_LOOKING.findall(literal):
            found.setdefault(token)
    return list(found)


def _is_single_token(tokenizer: PreTrainedTokenizerBase, token: str) -> bool:
    ids = tokenizer(token, add_special_tokens=False)["input_ids"]
    return len(ids) == 1 and tokenizer.convert_ids_to_tokens(ids[0]) == token


def token_id(tokenizer: PreTrainedTokenizerBase, token: str) -> int:
    found = tokenizer.convert_tokens_to_ids(token)
    if not isinstance(found, int):
        raise ValueError(f"{token!r} is not one token of the tokenizer")
    return found


def missing_special_tokens(tokenizer: PreTrainedTokenizerBase, template: str) -> list[str]:
    """The template's special tokens that the tokenizer does not encode as one token of their own."""
    return [token for token in template_special_tokens(template) if not _is_single_token(tokenizer, token)]


def end_of_turn_token(tokenizer: PreTrainedTokenizerBase, template: str) -> str | None:
    """The special token the template writes right after an assistant answer (`<|eot_id|>`, `<|im_end|>`), if any."""
    answer = "TUNEWRIGHT-ANSWER"
    try:
        text = tokenizer.apply_chat_template(
            [{"role": "user", "content": "q"}, {"role": "assistant", "content": answer}],
            chat_template=template,
            tokenize=False,
        )
    except Exception:  # a template that cannot render this pair simply has no known end token
        return None
    if not isinstance(text, str) or answer not in text:
        return None
    after = text[text.rindex(answer) + len(answer) :].lstrip()
    for token in template_special_tokens(template):
        if after.startswith(token):
            return token
    eos = tokenizer.eos_token
    return eos if isinstance(eos, str) and after.startswith(eos) else None


@dataclass(frozen=True)
class ChatTemplateChoice:
    template: str
    reason: str
    added_tokens: list[str] = field(default_factory=list)  # special tokens added to the tokenizer for it
    end_of_turn: str | None = None  # what generation should stop on besides eos, when the template says

    def added_token_ids(self, tokenizer: PreTrainedTokenizerBase) -> list[int]:
        return [token_id(tokenizer, token) for token in self.added_tokens]


def prepare_chat_template(tokenizer: PreTrainedTokenizerBase, family_template: str | None = None) -> ChatTemplateChoice:
    """Choose the template (resolve_chat_template) and add the special tokens it needs to the tokenizer, in place.

    Adding is deterministic (the template's order), so a resumed run gives every new token the same id.
    """
    template, reason = resolve_chat_template(tokenizer, family_template)
    missing = missing_special_tokens(tokenizer, template)
    if missing:
        tokenizer.add_tokens(missing, special_tokens=True)
        still = [token for token in missing if not _is_single_token(tokenizer, token)]
        if still:
            raise ValueError(f"could not add the chat template's special tokens {still} to the tokenizer")
        reason += f"; added its special tokens {', '.join(missing)} to the tokenizer (embeddings are resized)"
    return ChatTemplateChoice(template, reason, missing, end_of_turn_token(tokenizer, template))
