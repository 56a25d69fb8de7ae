from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow


class CatalogModel(Base):
    """A model users may fine-tune: one variant (base or chat) of a family, from a local path or a hub id."""

    __tablename__ = "catalog_models"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    family: Mapped[str] = mapped_column(String(100), index=True)
    variant: Mapped[str] = mapped_column(String(10))
    source: Mapped[str] = mapped_column(String(1000))
    parameter_count: Mapped[int | None] = mapped_column(BigInteger)
    context_length: Mapped[int | None] = mapped_column(BigInteger)
    license: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    default_system_prompt: Mapped[str | None] = mapped_column(Text)
    recommended: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
