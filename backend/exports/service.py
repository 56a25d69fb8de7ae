"""Exports as users see them: ask for one, follow it, download it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.catalog import service as catalog
from backend.checkpoints import service as checkpoints
from backend.core.db import utcnow
from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal, require_write
from backend.core.queue import EXPORT_CHECKPOINT, enqueue
from backend.core.storage import LocalStorage
from backend.exports import repository
from backend.exports.schemas import ExportCreate
from backend.models import Export, ExportStatus

WHOLE_MODEL_METHODS = ("full", "freeze")


def create(session: Session, principal: Principal, checkpoint_id: str, body: ExportCreate) -> Export:
    """Queue an export; asking again for one that is done or under way returns that one instead of a copy."""
    checkpoint = checkpoints.get(session, principal, checkpoint_id)
    require_write(principal, "export checkpoints")
    found = repository.checkpoint_and_run(session, checkpoint.id)
    assert found is not None, "a visible checkpoint has its run"
    run = found[1]
    if body.kind == "adapter" and run.method in WHOLE_MODEL_METHODS:
        raise InvalidInput(
            f"Checkpoint {checkpoint.id} is a whole model (run {run.id} trained with method '{run.method}'), so "
            "there is no adapter to export; ask for kind 'merged'.",
            field="kind",
        )
    catalog.check_trained_from(session, run.model_name, str(run.resolved_spec.get("model", {}).get("path", "")))
    existing = repository.find_reusable(session, checkpoint.id, body.kind, body.dtype)
    if existing is not None:
        return existing
    export = Export(
        id=new_id("exp"),
        checkpoint_id=checkpoint.id,
        kind=body.kind,
        dtype=body.dtype,
        status=ExportStatus.queued,
        dispatched_at=utcnow(),
    )
    session.add(export)
    session.flush()
    audit.record(session, principal, "export.created", ("export", export.id), checkpoint=checkpoint.id, kind=body.kind)
    enqueue(session, EXPORT_CHECKPOINT, export.id)
    return export


def list_for_checkpoint(session: Session, principal: Principal, checkpoint_id: str) -> Sequence[Export]:
    checkpoint = checkpoints.get(session, principal, checkpoint_id)
    return repository.list_for_checkpoint(session, checkpoint.id)


def get(session: Session, principal: Principal, export_id: str) -> Export:
    export = repository.get_visible(session, export_id, principal)
    if export is None:
        raise NotFound(f"No export {export_id!r}.", field="export_id")
    return export


def folder_to_download(
    session: Session, principal: Principal, storage: LocalStorage, export_id: str
) -> tuple[Export, Path]:
    """The export's folder; 409 until it has succeeded."""
    export = get(session, principal, export_id)
    if export.status != ExportStatus.succeeded:
        waiting = {
            ExportStatus.queued: "it is queued; wait until its status is 'succeeded'",
            ExportStatus.running: "it is still running; wait until its status is 'succeeded'",
            ExportStatus.failed: f"it failed ({export.error}); fix the cause and ask for a new export",
        }
        raise Conflict(f"Export {export.id} cannot be downloaded yet: {waiting[ExportStatus(export.status)]}.")
    assert export.storage_key is not None, "a succeeded export has its files"
    folder = storage.local_path(export.storage_key)
    if not folder.is_dir():
        raise Conflict(f"The files of export {export.id} are gone from the artifact store; ask for a new export.")
    # Weights leaving the workbench: who took which model, and when.
    audit.record(session, principal, "export.downloaded", ("export", export.id), checkpoint=export.checkpoint_id)
    return export, folder
