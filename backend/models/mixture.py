from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.models.project import DEFAULT_PROJECT_ID


class Mixture(Base):
    """A named, versioned recipe mixing dataset versions (by ratio or token target, down- or up-sampled, seeded),
    materialised by a CPU worker into a dataset of its own whose version 1 records the recipe (operation mixture).
    Saving a recipe under a name it already has makes the next version of that name."""

    __tablename__ = "mixtures"
    __table_args__ = (UniqueConstraint("project_id", "name", "version", name="uq_mixtures_name_version"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer)
    seed: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))  # the records' kind, the same for every source
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # as given
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)  # the token budget per source, as previewed
    # queued | running | succeeded | failed
    status: Mapped[str] = mapped_column(String(20), index=True)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    error: Mapped[str | None] = mapped_column(Text)
    dataset_id: Mapped[str | None] = mapped_column(String(40))  # the materialised dataset, once succeeded
    dataset_version_id: Mapped[str | None] = mapped_column(String(40))
    lease_token: Mapped[str | None] = mapped_column(String(64))
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
