from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

FAMILY_NAME = r"^[a-z0-9][a-z0-9._-]{0,59}$"


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


class Recommended(BaseModel):
    """Settings the family recommends; a run's `"auto"` uses them."""

    model_config = ConfigDict(extra="forbid")

    learning_rate: float | None = Field(
        default=None, gt=0, le=1, description="Peak LoRA/QLoRA learning rate for this family's 'auto'."
    )


class FamilyCreate(BaseModel):
    """A model family: a base and/or a chat variant, each a local folder under an allowed root or an allowed hub id."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(
        pattern=FAMILY_NAME,
        description="Family name (lower case); its variants are named `<name>-base` and `<name>-chat`.",
    )
    license: str = Field(min_length=1, max_length=200, description="Licence of the weights, e.g. `Apache-2.0`.")
    description: str = Field(default="", max_length=2000)
    base_source: str | None = Field(
        default=None, max_length=1000, description="The base variant: an absolute folder path or a hub id."
    )
    chat_source: str | None = Field(
        default=None, max_length=1000, description="The chat variant: an absolute folder path or a hub id."
    )
    chat_template: str | None = Field(
        default=None,
        max_length=100_000,
        description="For the base variant: the chat template it trains with (default: the chat variant's).",
    )
    default_system_prompt: str | None = Field(
        default=None, max_length=10_000, description="The chat variant's default system prompt."
    )
    recommended: Recommended = Field(default_factory=Recommended)
    parameter_count: int | None = Field(
        default=None, gt=0, description="For hub ids (local folders are counted from their safetensors headers)."
    )
    context_length: int | None = Field(
        default=None, gt=0, description="For hub ids (local folders: max_position_embeddings of config.json)."
    )
    trust_remote_code: bool = Field(
        default=False,
        description="Run the Python code shipped with the model when loading it. Only for models whose code an "
        "admin has reviewed: it executes on every worker that loads the model.",
    )


class FamilyUpdate(BaseModel):
    """Fields left out are unchanged. Sources cannot change: add a new family instead."""

    model_config = ConfigDict(extra="forbid")

    license: str | None = Field(default=None, min_length=1, max_length=200)
    description: str | None = Field(default=None, max_length=2000)
    chat_template: str | None = Field(default=None, max_length=100_000, description="Empty string clears it.")
    default_system_prompt: str | None = Field(default=None, max_length=10_000, description="Empty string clears it.")
    recommended: Recommended | None = None
    trust_remote_code: bool | None = None


class VariantRead(BaseModel):
    name: str
    variant: Literal["base", "chat"]
    source: str
    parameter_count: int | None
    context_length: int | None
    available: bool = Field(description="False when a local folder is missing.")
    source_allowed: bool = Field(description="False when the allow-list no longer covers the source.")


class FamilyRead(BaseModel):
    name: str
    license: str
    description: str
    builtin: bool = Field(description="Shipped with Tunewright; it can be retired but not edited or deleted.")
    retired_at: datetime | None
    trust_remote_code: bool
    chat_template: str | None = Field(description="The base variant's template override, if any.")
    default_system_prompt: str | None
    recommended: dict[str, Any]
    variants: list[VariantRead]
    usage: dict[str, int] = Field(description="Runs, evaluations and data reports naming this family's models.")
    warnings: list[str] = Field(default_factory=list, description="What the admin should know about this change.")


class FamilyList(BaseModel):
    items: list[FamilyRead]


class SourceCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["local", "hub"] = Field(description="`local`: a root folder; `hub`: a hub id pattern.")
    value: str = Field(
        min_length=1, max_length=1000, description="An absolute folder path, or a pattern like `Qwen/*`."
    )
    note: str = Field(default="", max_length=500)


class SourceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    value: str | None = Field(default=None, min_length=1, max_length=1000)
    note: str | None = Field(default=None, max_length=500)


class SourceRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: Literal["local", "hub"]
    value: str
    note: str
    created_at: datetime


class SourceList(BaseModel):
    items: list[SourceRead]
