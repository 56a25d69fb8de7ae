from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.core.pagination import Page


class DatasetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    filename: str = Field(description="The uploaded file's name, for display only.")
    format: Literal["messages"] = Field(description="Detected format; `messages` is OpenAI chat JSONL.")
    record_count: int
    size_bytes: int
    sha256: str = Field(description="Hash of the normalised records: the dataset version's identity.")
    created_at: datetime


class DatasetList(Page[DatasetRead]):
    pass


class DatasetRecord(BaseModel):
    index: int = Field(description="0-based position of the record in the dataset.")
    record: dict[str, Any]


class DatasetRecords(BaseModel):
    items: list[DatasetRecord]
    total: int
    next_offset: int | None


class MaskToken(BaseModel):
    text: str
    trained: bool = Field(description="Whether this token carries loss in training.")


class MaskPreview(BaseModel):
    dataset_id: str
    index: int
    model: str
    template: str = Field(
        description="The chat template the record is rendered with (the model's own when it has one)."
    )
    template_reason: str
    default_system_prompt: str | None = Field(description="Inserted when the record has no system message.")
    loss_on: Literal["assistant", "all"]
    tokens: list[MaskToken]
    trained_tokens: int
    total_tokens: int
