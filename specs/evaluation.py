"""What an evaluation measures: the job the engine executes, and the metrics a best checkpoint can be chosen by.

Shared by the API (which builds the job from datasets and checkpoints) and the evaluation engine.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

SetRole = Literal["domain", "general"]
EvalKind = Literal["multiple_choice", "messages", "text"]
PromptStyle = Literal["plain", "chat"]
GenerationBackend = Literal["auto", "service", "in_process"]
BestMetric = Literal[
    "mc_accuracy",
    "mc_accuracy_norm",
    "mc_generate_accuracy",
    "eval_loss",
    "perplexity",
    "general_mc_accuracy_delta",
    "general_eval_loss_delta",
]
# Which way is better for each metric a run may choose its best checkpoint by.
HIGHER_IS_BETTER: dict[str, bool] = {
    "mc_accuracy": True,
    "mc_accuracy_norm": True,
    "mc_generate_accuracy": True,
    "eval_loss": False,
    "perplexity": False,
    "general_mc_accuracy_delta": True,
    "general_eval_loss_delta": False,
}
# The metrics each kind of set produces (a general set produces the general_* ones); multiple-choice sets also give
# mc_generate_accuracy when the job generates answers.
METRICS_OF_KIND: dict[str, tuple[str, ...]] = {
    "multiple_choice": ("mc_accuracy", "mc_accuracy_norm"),
    "messages": ("eval_loss", "perplexity"),
    "text": ("eval_loss", "perplexity"),
}


class EvalSetSpec(BaseModel):
    dataset_id: str
    name: str
    kind: EvalKind
    path: str = Field(description="Local path of the normalised records (JSONL).")
    role: SetRole = Field(
        description="`domain`: scored on the candidate only; `general`: scored on the candidate and the reference "
        "model, reported as the change (forgetting)."
    )


class EvaluationJob(BaseModel):
    """The exact instructions the evaluation engine executes."""

    model_path: str = Field(description="A model folder, hub id, or checkpoint (adapter or whole model) folder.")
    reference_path: str | None = Field(
        default=None, description="The untouched base/chat model the general sets compare against."
    )
    sets: list[EvalSetSpec]
    prompt_style: PromptStyle = Field(
        default="plain",
        description="`plain`: the question as plain text, as lm-evaluation-harness scores MMLU; `chat`: rendered "
        "as a user turn with the model's chat template and the answer scored as the assistant's reply.",
    )
    default_system_prompt: str | None = None
    generate_answers: bool = Field(
        default=False,
        description="Also score multiple-choice sets by generating a reply greedily and extracting the chosen letter "
        "(mc_generate_accuracy), besides the log-likelihood scores.",
    )
    max_new_tokens: int = Field(default=32, ge=1, le=1024, description="Longest generated reply, in tokens.")
    generation_backend: GenerationBackend = Field(
        default="auto",
        description="Who generates the replies: `service` (the inference service, vLLM or the CPU server), "
        "`in_process` (the evaluating worker, with the model it loaded), `auto` (the service when it is reachable "
        "and can serve the model, else in process). Both give the same greedy replies.",
    )
    model_served_name: str | None = Field(
        default=None,
        description="The name the inference service serves the model under (checkpoint id or catalog name).",
    )
    reference_served_name: str | None = Field(
        default=None, description="The name the inference service serves the reference model under (a catalog name)."
    )
    batch_size: int = Field(default=8, ge=1, le=512, description="Sequences per forward pass.")
    max_seq_length: int = Field(default=1024, ge=16, description="Longer inputs are cut from the left.")
