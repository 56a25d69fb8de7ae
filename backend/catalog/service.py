from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from backend.catalog import repository
from backend.catalog.architecture import read_chat_template
from backend.catalog.builtin import tiny_family
from backend.core.errors import InvalidInput
from backend.core.ids import new_id
from backend.models import CatalogModel


def _parameter_count(source: str) -> int | None:
    """Count a local model's parameters from its safetensors headers (no ML library needed, no weights read)."""
    files = sorted(Path(source).glob("*.safetensors")) if Path(source).is_dir() else []
    if not files:
        return None
    total = 0
    for path in files:
        with path.open("rb") as f:
            header_len = int.from_bytes(f.read(8), "little")
            header = json.loads(f.read(header_len))
        for name, tensor in header.items():
            if name != "__metadata__":
                total += math.prod(tensor["shape"])
    return total


def ensure_builtin(session: Session, models_dir: Path) -> None:
    """Register (or refresh the paths of) the built-in families. Safe to run at every start."""
    for entry in tiny_family(models_dir):
        row = repository.get_by_name(session, entry["name"])
        if row is None:
            row = CatalogModel(id=new_id("mdl"), **entry)
            session.add(row)
        else:
            for key, value in entry.items():
                setattr(row, key, value)
        row.parameter_count = _parameter_count(row.source) or row.parameter_count
    session.flush()


def list_models(session: Session) -> Sequence[CatalogModel]:
    return repository.list_all(session)


def candidates(session: Session, name: str) -> Sequence[CatalogModel]:
    """The model a run names, or every variant of the family it names; unavailable local models are errors."""
    model = repository.get_by_name(session, name)
    found = [model] if model is not None else list(repository.list_family(session, name))
    if not found:
        every = repository.list_all(session)
        known = ", ".join(sorted({m.name for m in every} | {m.family for m in every})) or "none registered"
        raise InvalidInput(f"Unknown model or family {name!r}; choose one of the catalog: {known}.", field="model")
    for candidate in found:
        if not is_available(candidate):
            raise InvalidInput(
                f"Model {candidate.name!r} has no weights at {candidate.source}; run `make up` to generate the demo "
                "models, or fix the catalog entry.",
                field="model",
            )
    return found


def is_available(model: CatalogModel) -> bool:
    """Local folders must exist; hub ids are resolved by the worker."""
    looks_local = model.source.startswith(("/", ".")) or Path(model.source).is_absolute()
    return Path(model.source).is_dir() if looks_local else True


def family_chat_template(session: Session, model: CatalogModel) -> tuple[str, str] | None:
    """For a base model without a template of its own: (template, chat model name) of its family's chat variant."""
    if model.variant != "base" or read_chat_template(model.source) is not None:
        return None
    for sibling in repository.list_family(session, model.family):
        if sibling.variant == "chat" and (template := read_chat_template(sibling.source)) is not None:
            return template, sibling.name
    return None
