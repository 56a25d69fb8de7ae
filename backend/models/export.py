from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow


class ExportStatus(enum.StrEnum):
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"


class Export(Base):
    """A checkpoint exported as an adapter or a merged model; the lease columns make a redelivery harmless."""

    __tablename__ = "exports"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    checkpoint_id: Mapped[str] = mapped_column(ForeignKey("checkpoints.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # adapter | merged
    dtype: Mapped[str] = mapped_column(String(10))  # bf16 | fp16 | fp32
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    storage_key: Mapped[str | None] = mapped_column(String(500))  # the export folder, once written
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)
    # The parity check of a merged export: passed, max_abs_logit_diff, tolerance, tokens compared/matching, ...
    parity: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    lease_token: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    # When the message was last sent: a queued export whose message was lost (Redis restarted) is sent again.
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
