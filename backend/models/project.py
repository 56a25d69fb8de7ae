from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow

# The project every object from before projects belongs to, and where an admin's work lands by default. A fixed id
# so the migration can backfill with a plain column default (no table copy on SQLite).
DEFAULT_PROJECT_ID = "prj_default"


class Project(Base):
    """A workspace: every dataset, run (with its checkpoints and exports), evaluation, report and comparison belongs
    to exactly one, and only its members (and admins) see it."""

    __tablename__ = "projects"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # Lower-case letters, digits and dashes: the project part of `ft:<base>:<project>:<suffix>:<job>` model names.
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    created_by: Mapped[str | None] = mapped_column(ForeignKey("users.id"))
    # The GPU queue's limits for the whole project's runs together (null: the settings' default).
    max_gpus: Mapped[int | None] = mapped_column(Integer)
    max_runs: Mapped[int | None] = mapped_column(Integer)


class ProjectMember(Base):
    """Membership grants access to the project's objects at the user's global role (viewers only read)."""

    __tablename__ = "project_members"

    project_id: Mapped[str] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
