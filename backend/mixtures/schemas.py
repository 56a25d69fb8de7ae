from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.core.pagination import Page


class MixtureSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    dataset_version_id: str = Field(description="A succeeded dataset version (`dsv_…`).")
    ratio: float | None = Field(
        default=None, gt=0, le=1_000_000, description="Relative share of tokens, e.g. 1 (domain) and 5 (general)."
    )
    target_tokens: int | None = Field(
        default=None, ge=1, description="Tokens this source contributes, instead of a ratio."
    )
    sampling: Literal["down", "up"] = Field(
        default="down",
        description="`down`: never repeat a record (a source asked for more than it has gives what it has); `up`: "
        "repeat records to reach the share.",
    )

    @model_validator(mode="after")
    def _one_amount(self) -> MixtureSource:
        if (self.ratio is None) == (self.target_tokens is None):
            raise ValueError("Give each source exactly one of ratio (e.g. 5) or target_tokens (e.g. 2000000).")
        return self


class MixtureCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, description="Saving under an existing name makes its next version.")
    seed: int = Field(default=42, ge=0, le=2**31 - 1, description="Which records down/up-sampling picks.")
    sources: list[MixtureSource] = Field(min_length=1, max_length=20)

    @model_validator(mode="after")
    def _distinct(self) -> MixtureCreate:
        ids = [s.dataset_version_id for s in self.sources]
        if len(set(ids)) != len(ids):
            raise ValueError("A dataset version is listed twice; give each version once with its whole share.")
        return self


class SourceBudget(BaseModel):
    dataset_version_id: str
    dataset_id: str
    dataset_name: str
    version: int
    records: int = Field(description="Records of the version.")
    available_tokens: int = Field(description="Tokens of the version (estimated: see `estimate`).")
    estimate: Literal["report", "chars/4"] = Field(
        description="`report`: from the dataset's newest data report (tokens per record × records); `chars/4`: no "
        "report yet, so bytes / 4 — a rough approximation; run a data report for real token counts."
    )
    target_tokens: int
    tokens: int = Field(description="Tokens it contributes.")
    share: float = Field(description="Its share of the mixture's tokens.")
    records_out: int = Field(description="Records written, repeats included.")
    factor: float = Field(description="records_out / records: below 1 down-sampled, above 1 up-sampled.")
    capped: bool = Field(description="Asked for more than it has, but sampling is `down`: it gives what it has.")


class MixturePreview(BaseModel):
    kind: str
    total_tokens: int
    total_records: int
    approximate: bool = Field(description="True when some source has no data report (chars/4 estimate).")
    sources: list[SourceBudget]


class MixtureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="`mix_…`")
    project_id: str
    name: str
    version: int
    seed: int
    kind: str
    sources: list[dict[str, Any]]
    plan: dict[str, Any] = Field(description="The token budget per source (the preview at creation).")
    status: Literal["queued", "running", "succeeded", "failed"]
    progress: float
    error: str | None
    dataset_id: str | None = Field(description="The materialised dataset (train on it), once succeeded.")
    dataset_version_id: str | None
    created_at: datetime
    finished_at: datetime | None


class MixtureList(Page[MixtureRead]):
    pass
