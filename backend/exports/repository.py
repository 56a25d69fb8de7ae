from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Checkpoint, Dataset, Export, ExportStatus, Run


def get(session: Session, export_id: str) -> Export | None:
    return session.get(Export, export_id)


def get_visible(session: Session, export_id: str, principal: Principal) -> Export | None:
    query = (
        select(Export)
        .join(Checkpoint, Checkpoint.id == Export.checkpoint_id)
        .join(Run, Run.id == Checkpoint.run_id)
        .where(Export.id == export_id, in_scope(Run.project_id, principal))
    )
    return session.scalar(query)


def list_for_checkpoint(session: Session, checkpoint_id: str) -> Sequence[Export]:
    query = select(Export).where(Export.checkpoint_id == checkpoint_id).order_by(Export.id.desc())
    return session.scalars(query).all()


def find_reusable(session: Session, checkpoint_id: str, kind: str, dtype: str) -> Export | None:
    """An export of the same checkpoint, kind and dtype that is done or on its way (a failed one is not reused)."""
    query = select(Export).where(
        Export.checkpoint_id == checkpoint_id,
        Export.kind == kind,
        Export.dtype == dtype,
        Export.status != ExportStatus.failed,
    )
    return session.scalars(query.order_by(Export.id.desc()).limit(1)).first()


def checkpoint_and_run(session: Session, checkpoint_id: str) -> tuple[Checkpoint, Run] | None:
    row = session.execute(
        select(Checkpoint, Run).join(Run, Run.id == Checkpoint.run_id).where(Checkpoint.id == checkpoint_id)
    ).first()
    return (row[0], row[1]) if row is not None else None


def dataset(session: Session, dataset_id: str) -> Dataset | None:
    return session.get(Dataset, dataset_id)
