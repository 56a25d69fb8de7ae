"""What an export is asked for, shared by the API and the engine (pydantic/typing only)."""

from __future__ import annotations

from typing import Literal

ExportKind = Literal["adapter", "merged"]
ExportDtype = Literal["bf16", "fp16", "fp32"]

EXPORT_KINDS: tuple[ExportKind, ...] = ("adapter", "merged")
EXPORT_DTYPES: tuple[ExportDtype, ...] = ("bf16", "fp16", "fp32")
# The file in every export (and its archive) that says how the model was made.
REPRODUCIBILITY_RECORD = "reproducibility.json"
