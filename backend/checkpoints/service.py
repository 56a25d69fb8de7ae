from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from backend.checkpoints import repository
from backend.core.errors import NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal
from backend.models import Checkpoint


def record(session: Session, run_id: str, step: int, path: str, metrics: dict[str, float]) -> Checkpoint:
    """Register a checkpoint the engine finished writing; a resumed run re-saving a step updates the row."""
    checkpoint = repository.get_for_step(session, run_id, step)
    if checkpoint is None:
        checkpoint = Checkpoint(id=new_id("ckpt"), run_id=run_id, step=step, path=path, metrics=metrics)
        session.add(checkpoint)
    else:
        checkpoint.path, checkpoint.metrics = path, metrics
    session.flush()
    return checkpoint


def get(session: Session, principal: Principal, checkpoint_id: str) -> Checkpoint:
    checkpoint = repository.get_visible(session, checkpoint_id, principal)
    if checkpoint is None:
        raise NotFound(f"No checkpoint {checkpoint_id!r}; GET /api/checkpoints lists yours.", field="checkpoint_id")
    return checkpoint


def list_page(
    session: Session,
    principal: Principal,
    run_id: str | None,
    cursor: str | None,
    limit: int,
    project_id: str | None = None,
) -> tuple[Sequence[Checkpoint], str | None]:
    rows = repository.list_visible(session, principal, project_id, run_id, cursor, limit + 1)
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)
