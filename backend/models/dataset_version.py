from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.core.leases import LeaseColumns
from backend.models.project import DEFAULT_PROJECT_ID


class DatasetVersion(LeaseColumns, Base):
    """One immutable set of a dataset's records, with where it came from (lineage).

    Version 1 is the upload (its records are the dataset's own file); every later version is derived from a parent
    by an operation (clean, split) and written once to its own file, never rewritten. `sha256` hashes the
    normalised records exactly as stored (one JSON object a line), so equal hashes mean equal training data.
    """

    __tablename__ = "dataset_versions"
    __table_args__ = (UniqueConstraint("dataset_id", "number", name="uq_dataset_versions_number"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)  # who created it
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ... within the dataset, in order of creation
    parent_id: Mapped[str | None] = mapped_column(String(40))
    # upload | clean | split | mixture (version 1 of a mixture's dataset)
    operation: Mapped[str] = mapped_column(String(20))
    # For splits: train | eval; None otherwise. An eval split is never a dataset's "newest" training version.
    role: Mapped[str | None] = mapped_column(String(20))
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    # Only a succeeded version has records (and a hash); the status and lease columns come with LeaseColumns.
    storage_key: Mapped[str | None] = mapped_column(String(500))
    sha256: Mapped[str | None] = mapped_column(String(64))
    records_before: Mapped[int] = mapped_column(Integer)  # the parent's record count (the upload's own for v1)
    record_count: Mapped[int | None] = mapped_column(Integer)
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    # What the operation did: counts per filter and the first dropped indices per reason (cleaning).
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
