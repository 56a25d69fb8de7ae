from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.core.pagination import Page

Kind = Literal["messages", "preference", "kto", "text", "multiple_choice", "prompts"]


class RenderAs(BaseModel):
    """How a conversation source becomes text in a `text` mixture (multi-task instruction pretraining)."""

    model_config = ConfigDict(extra="forbid")

    style: Literal["plain", "chat_template"] = Field(
        default="plain",
        description="`plain`: each message's text in order, separated by a blank line, no role names or special "
        "tokens (instruction-pretraining style, model-agnostic); `chat_template`: the conversation exactly as SFT "
        "training renders it for `model` (its chat template and default system prompt) — pick the model you will "
        "train on.",
    )
    model: str | None = Field(
        default=None, max_length=200, description="Catalog model whose chat template renders (style=chat_template)."
    )

    @model_validator(mode="after")
    def _model_for_template(self) -> RenderAs:
        if self.style == "chat_template" and self.model is None:
            raise ValueError("style=chat_template needs `model`, the catalog model whose chat template renders.")
        if self.style == "plain" and self.model is not None:
            raise ValueError("style=plain uses no model; remove `model` or choose style=chat_template.")
        return self


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
    render_as: RenderAs | None = Field(
        default=None,
        description="Only for a conversation (`messages`) source in a `text` mixture: how each conversation becomes "
        "one text record. Omitted there, `plain`.",
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
    kind: Kind | None = Field(
        default=None,
        description="The kind of records the mixture produces; omitted, its first source's. A `text` mixture also "
        "takes conversation (`messages`) sources, rendered as text (see `render_as`); any other mixture takes "
        "sources of its own kind only.",
    )
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
    estimate: Literal["report", "rendered", "chars/4"] = Field(
        description="`report`: from the dataset's newest data report (tokens per record × records); `rendered`: a "
        "conversation rendered as text, estimated from its report (content tokens for `plain`, another model's "
        "template for `chat_template`) — approximate; `chars/4`: no report yet, so bytes / 4 — a rough "
        "approximation; run a data report for real token counts."
    )
    kind: str = Field(description="The kind of records the version holds.")
    render_as: RenderAs | None = Field(description="How its conversations become text, when they do.")
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
    approximate: bool = Field(
        description="True when some source's tokens are estimated: no data report (chars/4), or conversations "
        "rendered as text (`rendered`)."
    )
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
