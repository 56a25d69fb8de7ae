from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.core.pagination import Page

VersionStatus = Literal["queued", "running", "succeeded", "failed"]
FILTER_NAMES = ("min_length", "max_length", "garbage", "pii", "exact_duplicate", "near_duplicate")


class DatasetVersionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str = Field(description="`dsv_…`")
    dataset_id: str
    project_id: str
    number: int = Field(description="1 is the upload; later versions count up in order of creation.")
    parent_id: str | None = Field(description="The version this one was derived from; None for the upload.")
    operation: Literal["upload", "clean", "split", "mixture"]
    role: Literal["train", "eval"] | None = Field(description="For split versions: which side of the split.")
    parameters: dict[str, Any] = Field(description="The operation's parameters, as given (defaults filled in).")
    status: VersionStatus = Field(description="Only a succeeded version has records and a hash.")
    progress: float
    error: str | None
    sha256: str | None = Field(description="SHA-256 of the normalised records as stored (one JSON object a line).")
    records_before: int = Field(description="Records of the parent (of the upload itself for version 1).")
    record_count: int | None
    size_bytes: int | None
    result: dict[str, Any] | None = Field(
        description="Cleaning: `records_before`, `records_after` and `filters`, each with before/after counts and the "
        "first dropped record indices (of the parent). Splits: the seed and the sizes of both sides."
    )
    created_at: datetime
    finished_at: datetime | None


class DatasetVersionList(Page[DatasetVersionRead]):
    pass


class CleaningCreate(BaseModel):
    """Each filter is optional; a record goes at the first filter that drops it, in the order length, garbage, PII,
    exact duplicates, near duplicates (the first record of a duplicate group stays)."""

    model_config = ConfigDict(extra="forbid")

    parent_version_id: str | None = Field(
        default=None, description="The version to clean; default: the dataset's newest training version."
    )
    exact_dedup: bool = Field(default=False, description="Drop records whose normalised text repeats an earlier one.")
    near_dedup_threshold: float | None = Field(
        default=None,
        ge=0.5,
        le=1.0,
        description="Drop near duplicates: estimated Jaccard similarity of word 5-gram shingles (MinHash) from which "
        "two records count as the same; e.g. 0.8.",
    )
    min_length: int | None = Field(default=None, ge=0, description="Drop records shorter than this.")
    max_length: int | None = Field(default=None, ge=1, description="Drop records longer than this.")
    length_unit: Literal["characters", "tokens"] = Field(
        default="characters",
        description="What min/max_length count: characters of the records' text, or tokens of `model`'s tokenizer "
        "(chat template included for conversations).",
    )
    model: str | None = Field(
        default=None, max_length=200, description="Catalog model whose tokenizer counts tokens (length_unit=tokens)."
    )
    garbage_threshold: float | None = Field(
        default=None,
        gt=0,
        lt=1,
        description="Drop garbage: records whose share of repeated word trigrams exceeds this (e.g. 0.5), or that are "
        "mostly symbols or long runs of one character (the data report's garbage checks).",
    )
    drop_pii: bool = Field(
        default=False, description="Drop records with PII-looking strings (emails, phones, cards, IBANs, ID numbers)."
    )

    @model_validator(mode="after")
    def _consistent(self) -> CleaningCreate:
        if self.min_length is not None and self.max_length is not None and self.min_length > self.max_length:
            raise ValueError("min_length is larger than max_length; no record could stay. Lower min_length.")
        if self.length_unit == "tokens" and self.model is None:
            raise ValueError("length_unit=tokens needs `model`, the catalog model whose tokenizer counts tokens.")
        chosen = (
            self.exact_dedup,
            self.near_dedup_threshold is not None,
            self.min_length is not None,
            self.max_length is not None,
            self.garbage_threshold is not None,
            self.drop_pii,
        )
        if not any(chosen):
            raise ValueError(
                "No filter chosen; set at least one of exact_dedup, near_dedup_threshold, min_length, max_length, "
                "garbage_threshold or drop_pii."
            )
        return self


class SplitCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    parent_version_id: str | None = Field(
        default=None, description="The version to split; default: the dataset's newest training version."
    )
    eval_fraction: float | None = Field(
        default=None, gt=0, lt=1, description="Share of the records held out for eval (rounded, at least 1)."
    )
    eval_count: int | None = Field(default=None, ge=1, description="Number of records held out for eval.")
    seed: int = Field(default=42, ge=0, le=2**32 - 1, description="The same seed always picks the same records.")

    @model_validator(mode="after")
    def _one_size(self) -> SplitCreate:
        if (self.eval_fraction is None) == (self.eval_count is None):
            raise ValueError("Give exactly one of eval_fraction (e.g. 0.1) or eval_count (e.g. 500).")
        return self


class SplitRead(BaseModel):
    train: DatasetVersionRead
    eval: DatasetVersionRead


class VersionRecord(BaseModel):
    index: int = Field(description="0-based position of the record in the version (what `offset` takes).")
    number: int = Field(description="1-based record number, as the UI shows it (#1 is the first); always index + 1.")
    record: dict[str, Any]


class VersionRecords(BaseModel):
    items: list[VersionRecord]
    total: int = Field(description="Records in the version (not the number of matches when searching).")
    next_offset: int | None = Field(
        description="Pass as `offset` for the next page; with `q`, where the search resumes. None at the end."
    )
    q: str | None = Field(default=None, description="The search the page answers, when there was one.")
