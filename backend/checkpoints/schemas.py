from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from backend.core.pagination import Page


class CheckpointRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    run_id: str
    step: int
    path: str
    metrics: dict[str, float]
    created_at: datetime


class CheckpointList(Page[CheckpointRead]):
    pass
