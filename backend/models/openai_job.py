from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base


class OpenAIJob(Base):
    """What a run created through `/v1/fine_tuning/jobs` was asked in OpenAI's terms and the run spec cannot hold:
    the suffix of its model name, the caller's metadata, the method as named and the extension as sent."""

    __tablename__ = "openai_jobs"

    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), primary_key=True)
    suffix: Mapped[str | None] = mapped_column(String(64))
    job_metadata: Mapped[dict[str, str] | None] = mapped_column("metadata", JSON)
    method_type: Mapped[str] = mapped_column(String(20))
    extension: Mapped[dict[str, Any] | None] = mapped_column(JSON)
