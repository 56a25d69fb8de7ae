from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.core.leases import LeaseColumns
from backend.models.project import DEFAULT_PROJECT_ID


class Evaluation(LeaseColumns, Base):
    """One model (a checkpoint or a catalog model) scored on eval sets; claimed by a worker like a run.

    `job` is what the engine executes (paths resolved at creation), `metrics` the summary a best checkpoint is
    chosen by, `results` the metrics of each set (per subject for multiple choice), and the per-item answers are a
    JSONL file in the artifact store (`items_key`). `generation` says who generated the replies to multiple-choice
    questions (the inference service or the worker itself) and why, once the worker has chosen.
    """

    __tablename__ = "evaluations"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)  # who created it
    # No database foreign key (a column with one cannot be added to a filled table on SQLite); a project with
    # objects refuses deletion instead (projects.service.delete).
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    run_id: Mapped[str | None] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    checkpoint_id: Mapped[str | None] = mapped_column(ForeignKey("checkpoints.id", ondelete="CASCADE"), index=True)
    model_name: Mapped[str | None] = mapped_column(String(200))  # a catalog model evaluated on its own
    trigger: Mapped[str] = mapped_column(String(20))  # automatic (a run's checkpoint) | on_demand
    dataset_ids: Mapped[list[str]] = mapped_column(JSON)
    general_dataset_ids: Mapped[list[str]] = mapped_column(JSON)
    job: Mapped[dict[str, Any]] = mapped_column(JSON)
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    metrics: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    results: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    items_key: Mapped[str | None] = mapped_column(String(500))
    generation: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # {"backend": service|in_process, "reason": …}
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReferenceResult(Base):
    """The untouched reference model's scores on one general set, reused by every later evaluation asking the same.

    `cache_key` hashes everything the scores depend on (the columns beside it, plus the system prompt and the
    generation length); a changed set file or model folder gives a new key, so a stale row is simply never hit.
    """

    __tablename__ = "reference_results"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    cache_key: Mapped[str] = mapped_column(String(64), unique=True)
    reference_path: Mapped[str] = mapped_column(String(1000))
    reference_fingerprint: Mapped[str] = mapped_column(String(64))
    dataset_id: Mapped[str] = mapped_column(String(40), index=True)
    dataset_sha256: Mapped[str] = mapped_column(String(64))
    prompt_style: Mapped[str] = mapped_column(String(20))
    generate_answers: Mapped[bool] = mapped_column(Boolean)
    max_seq_length: Mapped[int] = mapped_column(Integer)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    hits: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
