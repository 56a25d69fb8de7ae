from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.core.leases import LeaseColumns
from backend.models.project import DEFAULT_PROJECT_ID


class DatasetReport(LeaseColumns, Base):
    """A data report of a dataset, computed by a CPU worker with one model's tokenizer (and chat template)."""

    __tablename__ = "dataset_reports"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)  # who created it
    # No database foreign key (a column with one cannot be added to a filled table on SQLite); a project with
    # objects refuses deletion instead (projects.service.delete).
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id"), index=True)
    compare_dataset_id: Mapped[str | None] = mapped_column(ForeignKey("datasets.id"))
    model: Mapped[str] = mapped_column(String(200))
    max_length: Mapped[int] = mapped_column(Integer)
    near_duplicate_threshold: Mapped[float] = mapped_column(Float)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
