from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from backend.core.pagination import Page
from specs.evaluation import GenerationBackend, PromptStyle

EvaluationStatus = Literal["queued", "running", "succeeded", "failed"]


class EvaluationCreate(BaseModel):
    """Evaluate one checkpoint, or one catalog model, on eval sets now."""

    model_config = ConfigDict(extra="forbid")

    checkpoint_id: str | None = Field(
        default=None, description="A checkpoint (`ckpt_…`); general sets compare it with its run's untouched model."
    )
    model: str | None = Field(default=None, description="Or a catalog model name (`tiny-chat`), scored as it is.")
    dataset_ids: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="Eval sets: multiple-choice sets (accuracy) and conversation/text sets (eval loss, perplexity).",
    )
    general_dataset_ids: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="General-ability sets; for a checkpoint the change against its run's model shows forgetting.",
    )
    prompt_style: PromptStyle = Field(
        default="plain", description="'plain' (as lm-evaluation-harness) or 'chat' (the model's chat template)."
    )
    generate_answers: bool = Field(
        default=False,
        description="Also generate a reply to each multiple-choice question and read the chosen letter from it "
        "(mc_generate_accuracy).",
    )
    generation_backend: GenerationBackend = Field(
        default="auto",
        description="Who generates those replies: 'service' (the inference service: vLLM, or the CPU server), "
        "'in_process' (the evaluating worker) or 'auto' (the service when it is reachable and can serve the model, "
        "else in process). The replies are the same either way; the evaluation records which one generated.",
    )
    project_id: str | None = Field(
        default=None,
        description="The project: a checkpoint's evaluation is in its run's project; a catalog model's in this one "
        "(your default project when left out). Every eval set must be in that project.",
    )

    @model_validator(mode="after")
    def _one_target(self) -> EvaluationCreate:
        if (self.checkpoint_id is None) == (self.model is None):
            raise ValueError("give exactly one of checkpoint_id and model")
        if not self.dataset_ids and not self.general_dataset_ids:
            raise ValueError("give at least one eval set in dataset_ids or general_dataset_ids")
        return self


class EvaluationGeneration(BaseModel):
    backend: Literal["service", "in_process"] = Field(description="Who generated the replies.")
    reason: str = Field(description="Why that one: what was asked, and for 'auto' what the service answered.")


class EvaluationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    project_id: str = Field(description="The project it belongs to.")
    run_id: str | None
    checkpoint_id: str | None
    model: str | None = Field(description="The catalog model evaluated, when it is not a checkpoint.")
    trigger: Literal["automatic", "on_demand"]
    dataset_ids: list[str]
    general_dataset_ids: list[str]
    prompt_style: PromptStyle
    generate_answers: bool
    generation_backend: GenerationBackend = Field(description="The generation backend asked for.")
    generation: EvaluationGeneration | None = Field(
        description="Who generated the replies and why; null until the worker has chosen, or when no replies are "
        "generated."
    )
    status: EvaluationStatus
    progress: float = Field(ge=0, le=1)
    attempts: int = Field(description="Executions started (a worker lost mid-evaluation causes a retry).")
    metrics: dict[str, float] = Field(
        description="Summary: mc_accuracy, mc_accuracy_norm (domain multiple-choice sets, all questions pooled), "
        "mc_generate_accuracy (answers generated and read, when asked), eval_loss, perplexity (domain conversation/text sets), general_* the same on the general sets, "
        "reference_general_* for the reference model and general_*_delta = checkpoint − reference."
    )
    results: list[dict[str, Any]] = Field(
        description="Per set: dataset_id, name, kind, role, metrics (with per-subject accuracy) and, for general "
        "sets, the reference model's metrics."
    )
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class EvaluationList(Page[EvaluationRead]):
    pass


class EvaluationItem(BaseModel):
    dataset_id: str
    model: Literal["candidate", "reference"]
    index: int = Field(description="0-based record of the eval set.")
    subject: str
    answer: int
    chosen: int = Field(description="The choice with the highest log-likelihood (acc).")
    chosen_norm: int = Field(description="The choice with the highest log-likelihood per character (acc_norm).")
    correct: bool
    loglikelihoods: list[float]
    generated: str | None = Field(default=None, description="The generated reply, when answers were generated.")
    extracted: int | None = Field(default=None, description="The choice read from the reply; null when none was.")
    generate_correct: bool | None = Field(default=None, description="Whether the extracted choice is the answer.")


class EvaluationItems(BaseModel):
    items: list[EvaluationItem]


def evaluation_read(row: Any) -> EvaluationRead:
    return EvaluationRead(
        id=row.id,
        project_id=row.project_id,
        run_id=row.run_id,
        checkpoint_id=row.checkpoint_id,
        model=row.model_name,
        trigger=row.trigger,
        dataset_ids=row.dataset_ids,
        general_dataset_ids=row.general_dataset_ids,
        prompt_style=row.job.get("prompt_style", "plain"),
        generate_answers=row.job.get("generate_answers", False),
        generation_backend=row.job.get("generation_backend", "in_process"),
        generation=row.generation,
        status=row.status,
        progress=row.progress,
        attempts=row.attempts,
        metrics=row.metrics,
        results=row.results,
        error=row.error,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
    )
