from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.core.leases import LeaseColumns
from backend.models.project import DEFAULT_PROJECT_ID


class Mixture(LeaseColumns, Base):
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
    kind: Mapped[str] = mapped_column(String(40))  # the kind it produces (a text mixture may render conversations)
    sources: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # as given
    plan: Mapped[dict[str, Any]] = mapped_column(JSON)  # the token budget per source, as previewed
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    dataset_id: Mapped[str | None] = mapped_column(String(40))  # the materialised dataset, once succeeded
    dataset_version_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
