from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, false
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow


class User(Base):
    """A person (browser login with a password) or a service account (API keys only, never a password)."""

    __tablename__ = "users"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # One of backend.core.principal.Role; a string so a new role needs no schema change.
    role: Mapped[str] = mapped_column(String(20), default="analyst", server_default="analyst")
    is_service_account: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # argon2id (PHC string); None: cannot sign in with a password (service accounts, or not yet set).
    password_hash: Mapped[str | None] = mapped_column(String(255))
    disabled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
