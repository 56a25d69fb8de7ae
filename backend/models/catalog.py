from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, String, Text, UniqueConstraint, false
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
    # Shipped with the code (`tiny`): refreshed at every start, never deleted.
    builtin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Retired models are offered to nothing new; runs that already trained on them keep working.
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Only an admin sets it, per model: the model folder's Python code runs in the worker.
    trust_remote_code: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # For a base variant: the template it trains with instead of its chat sibling's.
    chat_template: Mapped[str | None] = mapped_column(Text)


class ModelSource(Base):
    """One entry of the allow-list models may come from: a local root folder or a hub id pattern (`Qwen/*`)."""

    __tablename__ = "model_sources"
    __table_args__ = (UniqueConstraint("kind", "value", name="uq_model_sources_kind_value"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "local" | "hub"
    value: Mapped[str] = mapped_column(String(1000))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
