from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ModelRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str = Field(description="Catalog name used in run specs, e.g. `tiny-chat`.")
    family: str
    variant: Literal["base", "chat"]
    source: str = Field(description="Local folder or Hugging Face hub id.")
    parameter_count: int | None
    context_length: int | None
    license: str
    description: str
    default_system_prompt: str | None
    recommended: dict[str, Any] = Field(description="Hyperparameters the family recommends; used for 'auto'.")
    available: bool = Field(description="False when a local model folder is missing (run `make up` to generate it).")


class ModelList(BaseModel):
    items: list[ModelRead]
