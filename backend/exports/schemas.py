from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from specs.export import ExportDtype, ExportKind

ExportStatusName = Literal["queued", "running", "succeeded", "failed"]


class ExportCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: ExportKind = Field(
        description="`adapter`: the LoRA adapter alone (LoRA/QLoRA checkpoints), loaded with peft onto its base. "
        "`merged`: one standalone model for plain transformers/vLLM — the adapter merged into its base (a QLoRA "
        "adapter into the dequantised 16-bit base), or a full/freeze checkpoint converted."
    )
    dtype: ExportDtype = Field(
        default="bf16", description="Weight precision of the exported files: bf16 (default), fp16 or fp32."
    )


class ExportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    checkpoint_id: str
    kind: ExportKind
    dtype: ExportDtype
    status: ExportStatusName
    error: str | None = Field(description="Why the export failed (a failed parity check names its figures).")
    size_bytes: int | None = Field(description="Size of the exported files, once written.")
    parity: dict[str, Any] | None = Field(
        description="The merged model against the model it was made from: passed, max_abs_logit_diff, tolerance, "
        "tokens_compared, tokens_matching, generations_identical; for QLoRA also quantisation_gap. Null for adapters."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class ExportList(BaseModel):
    items: list[ExportRead]
