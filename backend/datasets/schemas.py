from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Path, Query
from pydantic import BaseModel, ConfigDict, Field

from backend.core.errors import ErrorBody
from backend.core.pagination import Page


class DatasetRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    project_id: str = Field(description="The project it belongs to.")
    name: str
    filename: str = Field(description="The uploaded file's name, for display only.")
    format: Literal["messages", "preference", "kto", "text", "multiple_choice", "prompts"] = Field(
        description=(
            "The internal kind of its records: `messages` (a conversation: `{messages: [{role, content, weight?, "
            "tool_calls?}], tools?}`), `preference` (`{prompt, chosen, rejected}`, each a message list), `kto` "
            "(`{messages, label}`), `text` (`{text, source?, section?}`, for continued pretraining), or the eval "
            "kinds `multiple_choice` (`{question, choices, answer_index, subject}`) and `prompts` "
            "(`{messages, reference?}`)."
        )
    )
    source_format: str = Field(
        description=(
            "The format the file was in: openai, alpaca, sharegpt, openai_dpo, sharegpt_pairs, flat_pairs, "
            "alpaca_pairs, kto, text, txt, markdown, multiple_choice or prompts (see GET /api/datasets/formats)."
        )
    )
    detection_confidence: float = Field(
        ge=0,
        le=1,
        description=(
            "Share of the sampled records that match the source format, discounted for fields the format ignores "
            "(they were dropped); 1.0 means every sampled record fit it exactly."
        ),
    )
    encoding: str = Field(description="The text encoding read: utf-8, utf-8-sig (UTF-8 with a BOM) or gb18030.")
    record_count: int
    quarantined_count: int = Field(
        description=(
            "Bad records set aside at upload (on_invalid=quarantine): not in the dataset, listed by "
            "GET /api/datasets/{id}/quarantine. 0 when every record was valid."
        )
    )
    size_bytes: int
    sha256: str = Field(description="Hash of the normalised records: the dataset version's identity.")
    created_at: datetime


class DatasetList(Page[DatasetRead]):
    pass


class DatasetFormat(BaseModel):
    name: str = Field(description="The source format, as `source_format` names it.")
    override: Literal["openai", "alpaca", "sharegpt", "preference", "kto", "text", "multiple_choice", "prompts"] = (
        Field(description="The upload's `format` value that selects this format (auto-detection finds it too).")
    )
    kind: Literal["messages", "preference", "kto", "text", "multiple_choice", "prompts"] = Field(
        description="The internal kind it becomes."
    )
    title: str
    description: str
    fields: list[str] = Field(description="The fields it reads; a CSV/Parquet `columns` mapping may target them.")
    example: dict[str, Any] = Field(description="One example record (for .txt/.md: one record it produces).")


class DatasetFormats(BaseModel):
    items: list[DatasetFormat]
    file_types: str = Field(description="The accepted file types.")
    encodings: list[str] = Field(description="Text encodings tried, in order (a UTF-8 BOM means utf-8-sig).")


class DatasetRecord(BaseModel):
    index: int = Field(description="0-based position of the record in the dataset (what `offset` and URLs take).")
    number: int = Field(
        description="1-based record number, as the UI shows it (#1 is the first record) and as server messages "
        "name records; always index + 1."
    )
    record: dict[str, Any]


class DatasetRecords(BaseModel):
    items: list[DatasetRecord]
    total: int = Field(description="Records in the dataset (not the number of matches when searching).")
    next_offset: int | None = Field(
        description="Pass as `offset` for the next page; with `q`, where the search resumes. None at the end."
    )
    q: str | None = Field(default=None, description="The search the page answers, when there was one.")


class QuarantinedRecord(BaseModel):
    index: int = Field(description="0-based position in the quarantine list (what `offset` takes).")
    number: int = Field(description="1-based number in the quarantine list, as the UI shows it; always index + 1.")
    file: str
    line: int = Field(description="Its line in the file (its row, for Parquet).")
    unit: Literal["line", "row"]
    field: str = Field(description="The field at fault; empty when the record as a whole is.")
    message: str = Field(description="What is wrong with it and what to change.")
    raw: str = Field(description="The record as it stands in the file (a CSV or Parquet row as a JSON object).")


class QuarantinedRecords(BaseModel):
    items: list[QuarantinedRecord]
    total: int
    next_offset: int | None


class MaskToken(BaseModel):
    text: str
    trained: bool = Field(description="Whether this token carries loss in training.")


# The loss-mask preview's parameters, for a dataset's records and a version's alike.
RecordIndex = Annotated[int, Path(ge=0)]
MaskModel = Annotated[str, Query(description="Catalog model whose chat template renders the record.")]
MaskLossOn = Annotated[Literal["assistant", "all"], Query()]
MASK_PREVIEW_RESPONSES: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorBody, "description": "No CPU worker answered in time"}
}


class MaskPreview(BaseModel):
    dataset_id: str
    dataset_version_id: str | None = Field(default=None, description="Set when the record was read from a version.")
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
