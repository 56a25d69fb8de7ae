from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ServableModel(BaseModel):
    """Something /v1/chat/completions can answer with: pass `id` as the request's `model`."""

    id: str = Field(description="A catalog model name or a checkpoint id.")
    kind: Literal["catalog", "checkpoint"]
    label: str = Field(description="How to show it: the model name, or run name, step and base model.")
    base_model: str = Field(description="The catalog model the weights started from.")
    chat: bool = Field(
        description="Whether it has a chat template (/v1/chat/completions); without one, use /v1/completions."
    )
    run_id: str | None = None
    step: int | None = None


class ServableModelList(BaseModel):
    items: list[ServableModel]
