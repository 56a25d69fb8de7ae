from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.core.pagination import Page

ReportStatus = Literal["queued", "running", "succeeded", "failed"]


class ReportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model: str = Field(
        min_length=1,
        max_length=200,
        description="Catalog model whose tokenizer counts the tokens (and whose chat template renders conversations).",
    )
    compare_with: str | None = Field(
        default=None,
        description="Another dataset's id: records of this dataset that also occur there (exactly or nearly) are "
        "reported as train/eval contamination.",
    )
    max_length: int | None = Field(
        default=None,
        ge=1,
        le=10_000_000,
        description="Records longer than this many tokens are over-long; default: the model's context length.",
    )
    near_duplicate_threshold: float = Field(
        default=0.8,
        ge=0.5,
        le=1.0,
        description="Estimated Jaccard similarity of word 5-gram shingles from which two records are near duplicates.",
    )


class Histogram(BaseModel):
    edges: list[int] = Field(description="Bin i holds edges[i] <= value < edges[i + 1].")
    counts: list[int]


class Distribution(BaseModel):
    records: int = Field(description="Records the series counts (for a role: records that have that role).")
    total: int
    mean: float
    max: int
    p50: float
    p90: float
    p99: float
    histogram: Histogram


class TokenStats(BaseModel):
    total: Distribution = Field(description="Tokens per record as the model sees it (chat template included).")
    roles: dict[str, Distribution] = Field(
        description="Tokens per record of each role's content: system, user, assistant, tool (conversations), "
        "chosen/rejected (preference pairs) or document (raw text)."
    )


class Listed(BaseModel):
    count: int
    indices: list[int] = Field(description="The first record indices (0-based), at most 100.")


class LanguageCount(BaseModel):
    language: str = Field(description="ISO 639-1 code, `latin-other`, `other` or `und` (no letters).")
    records: int


class DuplicateGroup(BaseModel):
    indices: list[int] = Field(description="Record indices in the group (the first 20).")
    size: int
    similarity: float | None = Field(default=None, description="Lowest estimated Jaccard within the group.")
    previews: list[str] = Field(description="The first two records of the group, shortened, PII masked.")


class ExactDuplicates(BaseModel):
    groups: int
    duplicate_records: int = Field(description="Records that repeat an earlier one (what dedup would drop).")
    examples: list[DuplicateGroup]


class NearDuplicates(ExactDuplicates):
    threshold: float
    shingle_words: int
    num_perm: int


class Quality(BaseModel):
    thresholds: dict[str, float]
    flagged: Listed = Field(description="Records with any garbage or repetition flag.")
    by_reason: dict[str, Listed] = Field(description="repetition, symbols, character_run.")


class TemplateErrors(Listed):
    first: str | None


class PiiExample(BaseModel):
    index: int
    value: str = Field(description="The value, masked.")


class PiiType(Listed):
    matches: int
    examples: list[PiiExample]


class Pii(BaseModel):
    records: Listed = Field(description="Records with any PII-looking string.")
    by_type: dict[str, PiiType] = Field(
        description="email, phone, credit_card (Luhn), iban (mod 97), cn_resident_id (checksum), ip_address."
    )


class ContaminationExample(BaseModel):
    index: int
    compare_index: int
    similarity: float
    preview: str
    compare_preview: str


class Contamination(BaseModel):
    compare_records: int
    exact: Listed
    near: Listed = Field(description="Records with a near duplicate (and no exact one) in the compared dataset.")
    threshold: float
    examples: list[ContaminationExample]


class ReportResult(BaseModel):
    kind: str
    records: int
    turns: Distribution | None = Field(description="Messages per record; null for raw text.")
    tokens: TokenStats
    max_length: int
    languages: list[LanguageCount]
    exact_duplicates: ExactDuplicates
    near_duplicates: NearDuplicates
    quality: Quality
    empty: Listed
    over_long: Listed
    template_errors: TemplateErrors
    pii: Pii
    contamination: Contamination | None


class ReportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    project_id: str = Field(description="The project it belongs to.")
    dataset_id: str
    compare_dataset_id: str | None
    model: str
    max_length: int
    near_duplicate_threshold: float
    status: ReportStatus
    progress: float = Field(ge=0, le=1)
    error: str | None
    result: ReportResult | None = Field(description="The report, once it succeeded.")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ReportList(Page[ReportRead]):
    pass
