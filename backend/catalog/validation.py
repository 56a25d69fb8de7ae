"""Checks a model source must pass before it enters the catalog; pure functions over paths and text, no DB.

A model folder is data the worker will load: it must sit under an allowed root (after resolving symlinks and
`..`), hold safetensors weights only (pickled `.bin`/`.pt` files can run code when loaded), a config and a
tokenizer; a chat model's template must render in a sandbox like the one transformers renders it in.
"""

from __future__ import annotations

import fnmatch
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, nodes
from jinja2.exceptions import SecurityError
from jinja2.ext import Extension, loopcontrols
from jinja2.parser import Parser
from jinja2.sandbox import ImmutableSandboxedEnvironment

from backend.catalog.architecture import read_chat_template
from backend.core.errors import InvalidInput

PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".ckpt")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer.model", "vocab.json", "vocab.txt")
# org/name or name, as the hub spells them; no path tricks.
HUB_ID = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,95}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")
HUB_PATTERN = re.compile(r"^[A-Za-z0-9*?][A-Za-z0-9._*?-]{0,95}(?:/[A-Za-z0-9._*?-]{1,96})?$")


def is_local(source: str) -> bool:
    """The loader's rule: absolute, `./` or `~` paths are folders; anything else is a hub id."""
    return source.startswith(("/", ".", "~")) or Path(source).is_absolute()


def check_root(value: str) -> Path:
    """An allow-list root: an absolute path to an existing folder, stored resolved."""
    path = Path(value)
    if not path.is_absolute():
        raise InvalidInput(f"{value!r} is not an absolute path; give the full path of a folder.", field="value")
    resolved = path.resolve()
    if not resolved.is_dir():
        raise InvalidInput(f"{value!r} is not an existing folder on the API machine.", field="value")
    return resolved


def check_hub_pattern(value: str) -> str:
    if not HUB_PATTERN.match(value):
        raise InvalidInput(
            f"{value!r} is not a hub id pattern; use `org/*`, `org/name` or `org/name-*` (letters, digits, `._-*?`).",
            field="value",
        )
    return value


def under_roots(path: str, roots: Iterable[Path]) -> bool:
    resolved = Path(path).expanduser().resolve()
    return any(resolved.is_relative_to(root.resolve()) for root in roots)


def hub_allowed(hub_id: str, patterns: Iterable[str]) -> bool:
    # The hub treats ids case-insensitively, so `qwen/x` must not slip past a `Qwen/*` rule or around a removal.
    return any(fnmatch.fnmatchcase(hub_id.lower(), pattern.lower()) for pattern in patterns)


def check_source(source: str, roots: Sequence[Path], patterns: Sequence[str], field_name: str) -> str:
    """The source as stored: a resolved folder under an allowed root, or a hub id matching an allowed pattern."""
    if is_local(source):
        path = Path(source)
        if not path.is_absolute():
            raise InvalidInput(
                f"{source!r} is not an absolute path; give the model folder's full path.", field=field_name
            )
        resolved = path.resolve()  # follows symlinks and `..`: what is checked is what will be loaded
        if not any(resolved.is_relative_to(root.resolve()) for root in roots):
            allowed = ", ".join(str(r) for r in roots) or "none yet"
            raise InvalidInput(
                f"{source!r} resolves to {resolved}, outside the allowed model roots ({allowed}); move the model "
                "under one of them or add its folder at Admin → Model sources.",
                field=field_name,
            )
        if not resolved.is_dir():
            raise InvalidInput(f"{source!r} is not an existing folder.", field=field_name)
        return str(resolved)
    if not HUB_ID.match(source):
        raise InvalidInput(
            f"{source!r} is neither an absolute folder path nor a hub id like `org/name`.", field=field_name
        )
    if not hub_allowed(source, patterns):
        allowed = ", ".join(patterns) or "none yet"
        raise InvalidInput(
            f"Hub id {source!r} matches no allowed pattern ({allowed}); add a pattern such as "
            f"`{source.split('/')[0]}/*` at Admin → Model sources.",
            field=field_name,
        )
    return source


@dataclass
class FolderFacts:
    context_length: int | None = None
    chat_template: str | None = None
    warnings: list[str] = field(default_factory=list)


def inspect_folder(folder: Path, variant: str, field_name: str) -> FolderFacts:
    """What a local model folder holds, refusing pickles, a missing config/tokenizer, and a chat model's bad template."""
    names = {p.name for p in folder.iterdir() if p.is_file()}
    pickles = sorted(n for n in names if n.endswith(PICKLE_SUFFIXES) and n != "training_args.bin")
    if not any(n.endswith(".safetensors") for n in names):
        hint = f" It holds pickle weights ({', '.join(pickles)}); " if pickles else " "
        raise InvalidInput(
            f"{folder} has no .safetensors weights.{hint}convert them with `save_pretrained(..., "
            "safe_serialization=True)`: pickled weights can run code when loaded, so they are refused.",
            field=field_name,
        )
    if pickles:
        raise InvalidInput(
            f"{folder} also holds pickle files ({', '.join(pickles)}); remove them: only safetensors weights are "
            "loaded, and pickles can run code when loaded.",
            field=field_name,
        )
    if "config.json" not in names:
        raise InvalidInput(
            f"{folder} has no config.json; copy the model's config next to its weights.", field=field_name
        )
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InvalidInput(f"{folder}/config.json is not valid JSON ({exc}).", field=field_name) from None
    if not any(n in names for n in TOKENIZER_FILES):
        raise InvalidInput(
            f"{folder} has no tokenizer (tokenizer.json, tokenizer.model or vocab.json); save the tokenizer into "
            "the model folder.",
            field=field_name,
        )
    facts = FolderFacts(context_length=_int(config.get("max_position_embeddings")))
    template = read_chat_template(str(folder))
    if template is not None:
        check_template(template, _special_tokens(folder), field_name)
        facts.chat_template = template
    elif variant == "chat":
        raise InvalidInput(
            f"{folder} is registered as a chat model but has no chat template (chat_template in "
            "tokenizer_config.json, or chat_template.jinja); register it as the base variant instead.",
            field=field_name,
        )
    return facts


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and value > 0 else None


def _special_tokens(folder: Path) -> dict[str, str]:
    try:
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, str] = {}
    for key in ("bos_token", "eos_token", "pad_token", "unk_token"):
        value = config.get(key)
        value = value.get("content") if isinstance(value, dict) else value
        if isinstance(value, str):
            found[key] = value
    return found


class _Generation(Extension):
    """`{% generation %}…{% endgeneration %}` (transformers' assistant-mask marker) rendered as its body."""

    tags = {"generation"}  # noqa: RUF012 (jinja2 declares it a plain set attribute)

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(("name:endgeneration",), drop_needle=True)
        return nodes.Scope(body, lineno=lineno)


def _raise(message: str) -> None:
    raise TemplateError(message)


def _tojson(value: Any, ensure_ascii: bool = False, indent: int | None = None, **kwargs: Any) -> str:
    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent, **kwargs)


def sandbox() -> ImmutableSandboxedEnvironment:
    """The environment transformers renders chat templates in (and what the engine therefore uses)."""
    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True, extensions=[_Generation, loopcontrols])
    env.filters["tojson"] = _tojson
    env.globals["raise_exception"] = _raise
    env.globals["strftime_now"] = lambda fmt: "26 Nov 2026"
    return env


SAMPLE = [
    {"role": "user", "content": "What is 2 + 2?"},
    {"role": "assistant", "content": "4."},
    {"role": "user", "content": "And 3 + 3?"},
    {"role": "assistant", "content": "6."},
]


def check_template(
    template: str, special_tokens: dict[str, str] | None = None, field_name: str = "chat_template"
) -> None:
    """Refuse a template that does not parse, reaches for private attributes, or fails on a plain conversation."""
    env = sandbox()
    try:
        tree = env.parse(template)
    except TemplateError as exc:
        raise InvalidInput(f"The chat template does not parse: {exc}.", field=field_name) from None
    private: dict[str, None] = {}
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            name: object = node.attr
        else:
            assert isinstance(node, nodes.Getitem)
            name = getattr(node.arg, "value", None)
        if isinstance(name, str) and name.startswith("_"):
            private.setdefault(name)
    if private:
        raise InvalidInput(
            f"The chat template reads {', '.join(f'`{n}`' for n in sorted(private))}: internal attributes the "
            "sandbox forbids; a chat template only needs messages, their roles and contents, and the special tokens.",
            field=field_name,
        )
    tokens = {"bos_token": "<s>", "eos_token": "</s>", **(special_tokens or {})}
    try:
        compiled = env.from_string(template)
        compiled.render(messages=SAMPLE, add_generation_prompt=False, **tokens)
        compiled.render(messages=SAMPLE[:1], add_generation_prompt=True, **tokens)
    except SecurityError as exc:
        raise InvalidInput(f"The chat template tries to escape the sandbox: {exc}.", field=field_name) from None
    except (TemplateError, TypeError, ValueError, KeyError, IndexError) as exc:
        raise InvalidInput(
            f"The chat template fails on a plain user/assistant conversation: {exc}.", field=field_name
        ) from None
