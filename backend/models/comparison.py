from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.core.leases import LeaseColumns
from backend.models.project import DEFAULT_PROJECT_ID


class Comparison(LeaseColumns, Base):
    """A blind side-by-side study: every candidate answers every prompt of a prompts dataset, people rate pairs.

    `prompts` and `targets` are copied at creation so the study cannot drift if the dataset or catalog changes;
    `answers[candidate][i]` is that candidate's answer to prompt i, filled in by a CPU worker.
    """

    __tablename__ = "comparisons"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)  # who created it
    # No database foreign key (a column with one cannot be added to a filled table on SQLite); a project with
    # objects refuses deletion instead (projects.service.delete).
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    name: Mapped[str] = mapped_column(String(200))
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id"))
    candidates: Mapped[list[str]] = mapped_column(JSON)
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    sampling: Mapped[dict[str, Any]] = mapped_column(JSON)
    prompts: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    answers: Mapped[dict[str, list[str]]] = mapped_column(JSON, default=dict)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ComparisonPair(Base):
    """Two candidates' answers to one prompt; `first`/`second` is the stored order, never the order raters see."""

    __tablename__ = "comparison_pairs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    comparison_id: Mapped[str] = mapped_column(ForeignKey("comparisons.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    prompt_index: Mapped[int] = mapped_column(Integer)
    first: Mapped[str] = mapped_column(String(200))
    second: Mapped[str] = mapped_column(String(200))


class ComparisonRating(Base):
    """One rater's verdict on one pair: `outcome` is relative to the pair's stored order (first/second/tie)."""

    __tablename__ = "comparison_ratings"
    __table_args__ = (UniqueConstraint("pair_id", "rater", name="uq_comparison_ratings_pair_rater"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    comparison_id: Mapped[str] = mapped_column(ForeignKey("comparisons.id", ondelete="CASCADE"), index=True)
    pair_id: Mapped[str] = mapped_column(ForeignKey("comparison_pairs.id", ondelete="CASCADE"), index=True)
    rater: Mapped[str] = mapped_column(String(200))
    choice: Mapped[str] = mapped_column(String(4))  # what the rater pressed: a | b | tie
    outcome: Mapped[str] = mapped_column(String(6))  # first | second | tie
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
