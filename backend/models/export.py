from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.core.leases import LeaseColumns


class ExportStatus(enum.StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class Export(LeaseColumns, Base):
    """A checkpoint exported as an adapter or a merged model; the lease columns make a redelivery harmless."""

    __tablename__ = "exports"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    checkpoint_id: Mapped[str] = mapped_column(ForeignKey("checkpoints.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # adapter | merged
    dtype: Mapped[str] = mapped_column(String(10))  # bf16 | fp16 | fp32
    storage_key: Mapped[str | None] = mapped_column(String(500))  # the export folder, once written
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    # The parity check of a merged export: passed, max_abs_logit_diff, tolerance, tokens compared/matching, ...
    parity: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
