from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.core.pagination import Page

ComparisonStatus = Literal["queued", "running", "succeeded", "failed"]
Choice = Literal["a", "b", "tie"]


class SamplingSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    temperature: float = Field(default=0.7, ge=0, le=2, description="0 is greedy decoding.")
    top_p: float = Field(default=1.0, gt=0, le=1)
    max_tokens: int = Field(default=256, ge=1, le=8192, description="Longest answer, in tokens.")
    seed: int | None = Field(default=0, description="Makes every candidate's sampling repeatable.")


class ComparisonCreate(BaseModel):
    """Every candidate answers every prompt of a prompts dataset; people then rate the answers in blind pairs."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(default="", max_length=200, description="A label; defaults to the candidates' names.")
    dataset_id: str = Field(description="A dataset of kind `prompts` (open-ended prompts, optional references).")
    candidates: list[str] = Field(
        min_length=2,
        max_length=8,
        description="Two or more models: catalog names, checkpoint ids (`ckpt_…`) or run ids (`run_…`).",
    )
    sampling: SamplingSettings = Field(default_factory=SamplingSettings)
    project_id: str | None = Field(
        default=None,
        description="The project the study must be in; it is always its prompts dataset's project, and every "
        "candidate run or checkpoint must be there too.",
    )


class ComparisonRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    project_id: str = Field(description="The project it belongs to.")
    name: str
    dataset_id: str
    candidates: list[str]
    sampling: SamplingSettings
    status: ComparisonStatus
    progress: float = Field(ge=0, le=1, description="Share of the answers generated.")
    prompt_count: int
    pair_count: int = Field(description="Pairs to rate: prompts × pairs of candidates (0 until generated).")
    error: str | None
    attempts: int = Field(
        0, description="Executions started; more than 1 when a worker was lost and another took over."
    )
    created_at: datetime
    finished_at: datetime | None


class ComparisonList(Page[ComparisonRead]):
    pass


class PairToRate(BaseModel):
    """One pair as a rater sees it: answers A and B in a per-rater random order, no candidate named."""

    pair_id: str
    prompt: list[dict[str, str]] = Field(
        description="The conversation the candidates answered (ends with a user turn)."
    )
    reference: str | None
    answer_a: str
    answer_b: str


class NextPair(BaseModel):
    pair: PairToRate | None = Field(description="None when this rater has rated (or skipped) every pair.")
    rated: int = Field(description="Pairs this rater has rated.")
    total: int


class RatingCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pair_id: str
    rater: str = Field(default="", max_length=200, description="Who rates; defaults to the current user's name.")
    choice: Choice = Field(description="'a', 'b' or 'tie', as the answers were shown to this rater.")
    comment: str | None = Field(default=None, max_length=4000)


class RatingRead(BaseModel):
    id: str
    pair_id: str
    rater: str
    choice: Choice
    comment: str | None
    created_at: datetime


class PairwiseResult(BaseModel):
    first: str
    second: str
    wins: int = Field(description="Ratings where `first` won.")
    losses: int
    ties: int
    win_rate: float = Field(description="(wins + ties / 2) / ratings, for `first` over `second`.")
    low: float = Field(description="Wilson 95 % interval.")
    high: float


class RankedCandidate(BaseModel):
    candidate: str
    strength: float = Field(description="Bradley-Terry strength (geometric mean 1).")
    elo: float | None = Field(description="1000 + 400·log10(strength); None for a candidate without a win or tie.")
    wins: float = Field(description="Ties count half.")
    comparisons: int


class ComparisonResults(BaseModel):
    rated: int = Field(description="Ratings recorded, all raters together.")
    pairwise: list[PairwiseResult]
    ranking: list[RankedCandidate]
    ranking_note: str | None = Field(description="Why there is no ranking yet, when there is none.")
    raters: dict[str, int] = Field(description="Ratings per rater.")
