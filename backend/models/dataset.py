from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.models.project import DEFAULT_PROJECT_ID


class Dataset(Base):
    """An uploaded, validated dataset file in the artifact store."""

    __tablename__ = "datasets"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)  # who created it
    # No database foreign key (a column with one cannot be added to a filled table on SQLite); a project with
    # objects refuses deletion instead (projects.service.delete).
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    name: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(255))
    # The internal kind of its records: messages | preference | kto | text.
    format: Mapped[str] = mapped_column(String(40))
    # The format the file was in (openai, alpaca, sharegpt, openai_dpo, ..., txt), how sure detection was (0-1)
    # and the text encoding read. The server defaults describe rows from before format detection.
    source_format: Mapped[str] = mapped_column(String(40), server_default="openai")
    detection_confidence: Mapped[float] = mapped_column(Float, server_default="1.0")
    encoding: Mapped[str] = mapped_column(String(40), server_default="utf-8")
    storage_key: Mapped[str] = mapped_column(String(500))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    record_count: Mapped[int] = mapped_column(Integer)
    # Bad records set aside at upload (on_invalid=quarantine), stored raw beside the records; 0 when none.
    quarantined_count: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
