"""The model catalog: the families users may fine-tune, what admins may add to it, and where models may come from.

Every request that starts something new on a catalog model (a run, an evaluation, a data report, serving) goes
through `candidates` or `usable`, which refuse retired models and sources the allow-list no longer covers.
Runs that already trained keep their resolved spec and never look the catalog up again.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.catalog import repository
from backend.catalog.architecture import read_chat_template
from backend.catalog.builtin import tiny_family
from backend.catalog.schemas import FamilyCreate, FamilyRead, FamilyUpdate, SourceCreate, SourceUpdate, VariantRead
from backend.catalog.validation import (
    check_hub_pattern,
    check_root,
    check_source,
    check_template,
    hub_allowed,
    inspect_folder,
    is_local,
    under_roots,
)
from backend.core.db import utcnow
from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal
from backend.core.settings import Settings
from backend.models import CatalogModel, ModelSource

TRUST_REMOTE_CODE_WARNING = (
    "trust_remote_code is on for {family}: the Python files in its model folder run on every worker that loads "
    "it. Keep it only for code you have reviewed, and record who approved it."
)


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


def ensure_builtin(session: Session, models_dir: Path, settings: Settings | None = None) -> None:
    """Register (or refresh the paths of) the built-in families, and seed an empty allow-list. Safe at every start."""
    for entry in tiny_family(models_dir):
        row = repository.get_by_name(session, entry["name"])
        if row is None:
            row = CatalogModel(id=new_id("mdl"), **entry)
            session.add(row)
        else:
            for key, value in entry.items():
                setattr(row, key, value)
        row.builtin = True
        row.parameter_count = _parameter_count(row.source) or row.parameter_count
    if not repository.list_sources(session):
        seed_sources(session, models_dir, settings)
    session.flush()


def seed_sources(session: Session, models_dir: Path, settings: Settings | None) -> None:
    """The demo models folder, TUNEWRIGHT_MODEL_ROOTS and TUNEWRIGHT_HUB_ALLOW."""
    roots = [models_dir, *(settings.model_roots if settings else [])]
    for root in dict.fromkeys(Path(r).resolve() for r in roots):
        session.add(ModelSource(id=new_id("msrc"), kind="local", value=str(root), note="from settings"))
    for pattern in dict.fromkeys(settings.hub_allow if settings else []):
        session.add(ModelSource(id=new_id("msrc"), kind="hub", value=pattern, note="from settings"))
    session.flush()


# ---- the allow-list


def _allow_list(session: Session) -> tuple[list[Path], list[str]]:
    sources = repository.list_sources(session)
    return [Path(s.value) for s in sources if s.kind == "local"], [s.value for s in sources if s.kind == "hub"]


def source_allowed(session: Session, source: str) -> bool:
    roots, patterns = _allow_list(session)
    return under_roots(source, roots) if is_local(source) else hub_allowed(source, patterns)


def list_sources(session: Session) -> Sequence[ModelSource]:
    return repository.list_sources(session)


def _checked_value(kind: str, value: str) -> str:
    return str(check_root(value)) if kind == "local" else check_hub_pattern(value)


def add_source(session: Session, actor: Principal, body: SourceCreate) -> ModelSource:
    value = _checked_value(body.kind, body.value)
    if repository.find_source(session, body.kind, value) is not None:
        raise Conflict(f"{value!r} is already on the allow-list.", field="value")
    source = ModelSource(id=new_id("msrc"), kind=body.kind, value=value, note=body.note)
    session.add(source)
    session.flush()
    audit.record(session, actor, "model_source.added", ("model_source", source.id), kind=source.kind, value=value)
    return source


def _get_source(session: Session, source_id: str) -> ModelSource:
    source = repository.get_source(session, source_id)
    if source is None:
        raise NotFound(f"No model source {source_id!r}; GET /api/admin/model-sources lists them.")
    return source


def update_source(session: Session, actor: Principal, source_id: str, body: SourceUpdate) -> ModelSource:
    source = _get_source(session, source_id)
    before = source.value
    if body.value is not None:
        value = _checked_value(source.kind, body.value)
        other = repository.find_source(session, source.kind, value)
        if other is not None and other.id != source.id:
            raise Conflict(f"{value!r} is already on the allow-list.", field="value")
        source.value = value
    if body.note is not None:
        source.note = body.note
    session.flush()
    audit.record(session, actor, "model_source.changed", ("model_source", source.id), old=before, new=source.value)
    return source


def delete_source(session: Session, actor: Principal, source_id: str) -> None:
    source = _get_source(session, source_id)
    audit.record(session, actor, "model_source.removed", ("model_source", source.id), value=source.value)
    session.delete(source)
    session.flush()


# ---- what users may pick


def list_models(session: Session, *, include_retired: bool = False) -> Sequence[CatalogModel]:
    return repository.list_all(session, include_retired=include_retired)


def usable(session: Session, model: CatalogModel) -> CatalogModel:
    """The model, if something new may start on it: not retired, its weights present, its source still allowed."""
    if model.retired_at is not None:
        raise InvalidInput(
            f"Model {model.name!r} is retired: new runs, evaluations and serving cannot use it (existing runs "
            "keep working). Choose another model from GET /api/models.",
            field="model",
        )
    if not is_available(model):
        raise InvalidInput(
            f"Model {model.name!r} has no weights at {model.source}; run `make up` to generate the demo "
            "models, or fix the catalog entry.",
            field="model",
        )
    if not source_allowed(session, model.source):
        raise InvalidInput(
            f"Model {model.name!r} comes from {model.source}, which the model-source allow-list no longer covers; "
            "ask an admin to allow it again (Admin → Model sources) or choose another model.",
            field="model",
        )
    return model


def check_trained_from(session: Session, model_name: str, source: str) -> None:
    """A checkpoint's base model must still come from an allowed source (it is loaded again to merge or serve)."""
    if source and not source_allowed(session, source):
        raise InvalidInput(
            f"This checkpoint was trained from {model_name!r} at {source}, which the model-source allow-list no "
            "longer covers; ask an admin to allow it again (Admin → Model sources).",
            field="model",
        )


def candidates(session: Session, name: str) -> Sequence[CatalogModel]:
    """The model a request names, or every live variant of the family it names; each must be usable."""
    model = repository.get_by_name(session, name)
    if model is not None:
        return [usable(session, model)]
    family = list(repository.list_family(session, name))
    live = [m for m in family if m.retired_at is None]
    if not live:
        every = list_models(session)
        known = ", ".join(sorted({m.name for m in every} | {m.family for m in every})) or "none registered"
        what = f"Family {name!r} is retired" if family else f"Unknown model or family {name!r}"
        raise InvalidInput(f"{what}; choose one of the catalog: {known}.", field="model")
    return [usable(session, m) for m in live]


def is_available(model: CatalogModel) -> bool:
    """Local folders must exist; hub ids are resolved by the worker."""
    return Path(model.source).is_dir() if is_local(model.source) else True


def family_chat_template(session: Session, model: CatalogModel) -> tuple[str, str] | None:
    """For a base model without a template of its own: (template, whose it is): the admin's override for this
    base model, else its family's chat variant's."""
    if model.variant != "base" or read_chat_template(model.source) is not None:
        return None
    if model.chat_template:
        return model.chat_template, f"{model.family} (set by an admin)"
    for sibling in repository.list_family(session, model.family):
        if sibling.variant == "chat" and (template := read_chat_template(sibling.source)) is not None:
            return template, sibling.name
    return None


# ---- admin: families


def _family_read(session: Session, rows: Sequence[CatalogModel], warnings: Sequence[str] = ()) -> FamilyRead:
    first = rows[0]
    chat = next((r for r in rows if r.variant == "chat"), None)
    base = next((r for r in rows if r.variant == "base"), None)
    names = [r.name for r in rows]
    return FamilyRead(
        name=first.family,
        license=first.license,
        description=first.description,
        builtin=first.builtin,
        retired_at=first.retired_at,
        trust_remote_code=any(r.trust_remote_code for r in rows),
        chat_template=base.chat_template if base else None,
        default_system_prompt=(chat or first).default_system_prompt,
        recommended=first.recommended,
        variants=[
            VariantRead(
                name=r.name,
                variant="chat" if r.variant == "chat" else "base",
                source=r.source,
                parameter_count=r.parameter_count,
                context_length=r.context_length,
                available=is_available(r),
                source_allowed=source_allowed(session, r.source),
            )
            for r in rows
        ],
        usage=repository.usage(session, [*names, first.family]),
        warnings=list(warnings),
    )


def list_families(session: Session) -> list[FamilyRead]:
    by_family: dict[str, list[CatalogModel]] = {}
    for row in repository.list_all(session):
        by_family.setdefault(row.family, []).append(row)
    return [_family_read(session, rows) for rows in by_family.values()]


def _family_rows(session: Session, family: str) -> Sequence[CatalogModel]:
    rows = repository.list_family(session, family)
    if not rows:
        raise NotFound(f"No model family {family!r}; GET /api/admin/models lists them.")
    return rows


def get_family(session: Session, family: str) -> FamilyRead:
    return _family_read(session, _family_rows(session, family))


def add_family(session: Session, actor: Principal, body: FamilyCreate) -> FamilyRead:
    if body.base_source is None and body.chat_source is None:
        raise InvalidInput("Give base_source, chat_source or both: a family needs at least one variant.")
    names = [f"{body.name}-{v}" for v, s in (("base", body.base_source), ("chat", body.chat_source)) if s]
    if repository.name_taken(session, body.name, names):
        raise Conflict(
            f"A model family or model named {body.name!r} exists already; choose another name.", field="name"
        )
    if body.chat_template is not None:
        check_template(body.chat_template)
    roots, patterns = _allow_list(session)
    warnings: list[str] = []
    rows: list[CatalogModel] = []
    for variant, raw in (("base", body.base_source), ("chat", body.chat_source)):
        if raw is None:
            continue
        field_name = f"{variant}_source"
        source = check_source(raw.strip(), roots, patterns, field_name)
        context_length, parameter_count = body.context_length, body.parameter_count
        if is_local(source):
            facts = inspect_folder(Path(source), variant, field_name)
            context_length = facts.context_length or context_length
            parameter_count = _parameter_count(source) or parameter_count
        elif variant == "chat":
            warnings.append(
                f"{source} is a hub id: its chat template is checked when a worker first downloads it, not now."
            )
        rows.append(
            CatalogModel(
                id=new_id("mdl"),
                name=f"{body.name}-{variant}",
                family=body.name,
                variant=variant,
                source=source,
                parameter_count=parameter_count,
                context_length=context_length,
                license=body.license,
                description=body.description,
                default_system_prompt=body.default_system_prompt if variant == "chat" else None,
                recommended=body.recommended.model_dump(exclude_none=True),
                chat_template=body.chat_template if variant == "base" else None,
                trust_remote_code=body.trust_remote_code,
                builtin=False,
            )
        )
    if body.trust_remote_code:
        warnings.append(TRUST_REMOTE_CODE_WARNING.format(family=body.name))
    session.add_all(rows)
    session.flush()
    sources = [r.source for r in rows]
    target = ("model_family", body.name)
    audit.record(
        session, actor, "model_family.added", target, sources=sources, trust_remote_code=body.trust_remote_code
    )
    return _family_read(session, rows, warnings)


def update_family(session: Session, actor: Principal, family: str, body: FamilyUpdate) -> FamilyRead:
    rows = _family_rows(session, family)
    trusted_before = any(r.trust_remote_code for r in rows)
    if rows[0].builtin:
        raise Conflict(
            f"{family!r} is built in and defined by Tunewright itself; retire it, or add a family of your own."
        )
    if body.chat_template:
        check_template(body.chat_template)
    warnings: list[str] = []
    for row in rows:
        if body.license is not None:
            row.license = body.license
        if body.description is not None:
            row.description = body.description
        if body.recommended is not None:
            row.recommended = body.recommended.model_dump(exclude_none=True)
        if body.trust_remote_code is not None:
            row.trust_remote_code = body.trust_remote_code
        if body.chat_template is not None and row.variant == "base":
            row.chat_template = body.chat_template or None
        if body.default_system_prompt is not None and (row.variant == "chat" or len(rows) == 1):
            row.default_system_prompt = body.default_system_prompt or None
    trusted = any(r.trust_remote_code for r in rows)
    if trusted:
        warnings.append(TRUST_REMOTE_CODE_WARNING.format(family=family))
    changed = sorted(body.model_dump(exclude_none=True))
    audit.record(session, actor, "model_family.changed", ("model_family", family), fields=changed)
    if trusted != trusted_before:  # remote code runs on the workers: worth its own line in the trail
        audit.record(session, actor, "model_family.trust_remote_code", ("model_family", family), enabled=trusted)
    session.flush()
    return _family_read(session, rows, warnings)


def set_retired(session: Session, actor: Principal, family: str, retired: bool) -> FamilyRead:
    rows = _family_rows(session, family)
    action = "model_family.retired" if retired else "model_family.restored"
    audit.record(session, actor, action, ("model_family", family))
    when = utcnow() if retired else None
    for row in rows:
        row.retired_at = when if retired else None
    session.flush()
    return _family_read(session, rows)


def delete_family(session: Session, actor: Principal, family: str) -> None:
    rows = _family_rows(session, family)
    if rows[0].builtin:
        raise Conflict(f"{family!r} is built in; retire it instead of deleting it.")
    used = repository.usage(session, [*(r.name for r in rows), family])
    if any(used.values()):
        counts = ", ".join(f"{n} {kind}" for kind, n in used.items() if n)
        raise Conflict(
            f"{family!r} is used by {counts}; retire it instead (hidden from new runs, existing ones keep working), "
            "or delete those first."
        )
    for row in rows:
        session.delete(row)
    audit.record(session, actor, "model_family.deleted", ("model_family", family))
    session.flush()
