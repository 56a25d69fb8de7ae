"""OpenAI's objects, field for field (files, fine_tuning.job, its events and checkpoints, models), and the create
body with Tunewright's one extension key. Request models forbid unknown fields: a typo is a 400, not a default."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from specs.training import Hyperparameters, Method, Resources, Stage

Auto = Literal["auto"]
NEpochs = Auto | Annotated[int, Field(ge=1, le=50)]
BatchSize = Auto | Annotated[int, Field(ge=1, le=256)]
LrMultiplier = Auto | Annotated[float, Field(gt=0, le=100)]
Beta = Auto | Annotated[float, Field(gt=0, le=2)]
# Colons would break the `ft:<base>:<project>:<suffix>:<job>` name that serving splits on.
Suffix = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.\-]{1,64}$")]
MetadataKey = Annotated[str, StringConstraints(max_length=64)]
MetadataValue = Annotated[str, StringConstraints(max_length=512)]
JobStatus = Literal["validating_files", "queued", "running", "paused", "succeeded", "failed", "cancelled"]
EventLevel = Literal["info", "warn", "error"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SupervisedHyperparameters(_Strict):
    n_epochs: NEpochs = "auto"
    batch_size: BatchSize = "auto"
    learning_rate_multiplier: LrMultiplier = Field(
        default="auto", description="Multiplies the model family's recommended learning rate ('auto' = 1)."
    )


class DpoHyperparameters(SupervisedHyperparameters):
    beta: Beta = Field(default="auto", description="DPO's penalty weight between the policy and the reference model.")


class SupervisedMethod(_Strict):
    hyperparameters: SupervisedHyperparameters = Field(default_factory=SupervisedHyperparameters)


class DpoMethod(_Strict):
    hyperparameters: DpoHyperparameters = Field(default_factory=DpoHyperparameters)


class MethodIn(_Strict):
    type: Literal["supervised", "dpo"]
    supervised: SupervisedMethod | None = None
    dpo: DpoMethod | None = None


class TunewrightExtension(_Strict):
    """Workbench settings OpenAI's API lacks; send them with the SDK's `extra_body={"tunewright": {...}}`."""

    name: str | None = Field(default=None, max_length=200, description="A label for the run.")
    method: Method | Auto | None = Field(default=None, description="lora, qlora, full, freeze or auto.")
    stage: Stage | None = Field(default=None, description="Training stage, e.g. `cpt` (continued pretraining).")
    loss_on: Literal["assistant", "all"] | None = None
    hyperparameters: Hyperparameters | None = Field(
        default=None,
        description="Any workbench hyperparameter (lora_r, target_modules, max_steps, eval_fraction, …); those "
        "OpenAI names (epochs, batch_size, learning_rate_multiplier, seed) go in `method` and `seed` instead.",
    )
    resources: Resources | None = None


class JobCreate(_Strict):
    model: str = Field(description="A catalog model (`tiny-chat`) or a family (`tiny`: chat or base chosen for you).")
    training_file: str = Field(description="Id of an uploaded file (purpose fine-tune).")
    validation_file: str | None = Field(default=None, description="Id of an uploaded file to measure eval loss on.")
    suffix: Suffix | None = Field(default=None, description="Up to 64 letters, digits, `_`, `.` or `-`.")
    seed: int | None = Field(default=None, ge=0, description="Seed of data order and initialisation; default 42.")
    metadata: dict[MetadataKey, MetadataValue] | None = Field(default=None, max_length=16)
    hyperparameters: SupervisedHyperparameters | None = Field(
        default=None, description="Deprecated by OpenAI in favour of `method`; the supervised hyperparameters."
    )
    method: MethodIn | None = None
    tunewright: TunewrightExtension | None = None


class HyperparametersOut(BaseModel):
    n_epochs: int | float
    batch_size: int
    learning_rate_multiplier: float
    beta: float | None = None


class MethodHyperparameters(BaseModel):
    hyperparameters: HyperparametersOut


class MethodOut(BaseModel):
    type: Literal["supervised", "dpo"]
    supervised: MethodHyperparameters | None = None
    dpo: MethodHyperparameters | None = None


class JobError(BaseModel):
    code: str
    message: str
    param: str | None = None


class Job(BaseModel):
    object: Literal["fine_tuning.job"] = "fine_tuning.job"
    id: str
    created_at: int
    error: JobError | None
    fine_tuned_model: str | None
    finished_at: int | None
    hyperparameters: HyperparametersOut = Field(description="The resolved values ('auto' replaced).")
    model: str
    organization_id: str
    result_files: list[str]
    seed: int
    status: JobStatus
    trained_tokens: int | None
    training_file: str
    validation_file: str | None
    estimated_finish: int | None
    integrations: list[Any]
    metadata: dict[str, str] | None
    method: MethodOut
    user_provided_suffix: str | None
    tunewright: dict[str, Any] = Field(
        description="The workbench's view: the extension as sent, the resolved method/stage/model and the reasons."
    )


class ListPage(BaseModel):
    object: Literal["list"] = "list"
    has_more: bool


class JobList(ListPage):
    data: list[Job]


class JobEvent(BaseModel):
    object: Literal["fine_tuning.job.event"] = "fine_tuning.job.event"
    id: str
    created_at: int
    level: EventLevel
    message: str
    type: Literal["message", "metrics"]
    data: dict[str, Any]


class JobEventList(ListPage):
    data: list[JobEvent]


class CheckpointMetrics(BaseModel):
    step: float
    train_loss: float | None = None
    valid_loss: float | None = None
    full_valid_loss: float | None = None


class JobCheckpoint(BaseModel):
    object: Literal["fine_tuning.job.checkpoint"] = "fine_tuning.job.checkpoint"
    id: str
    created_at: int
    fine_tuned_model_checkpoint: str
    fine_tuning_job_id: str
    metrics: CheckpointMetrics
    step_number: int


class JobCheckpointList(ListPage):
    data: list[JobCheckpoint]
    first_id: str | None
    last_id: str | None


class FileObject(BaseModel):
    object: Literal["file"] = "file"
    id: str
    bytes: int
    created_at: int
    filename: str
    purpose: Literal["fine-tune"] = "fine-tune"
    status: Literal["processed"] = Field(default="processed", description="Files are validated whole at upload.")
    expires_at: int | None = None
    status_details: str | None = None


class FileList(ListPage):
    data: list[FileObject]
    first_id: str | None
    last_id: str | None


class FileDeleted(BaseModel):
    object: Literal["file"] = "file"
    id: str
    deleted: bool


class Model(BaseModel):
    object: Literal["model"] = "model"
    id: str
    created: int
    owned_by: str


class ModelList(BaseModel):
    object: Literal["list"] = "list"
    data: list[Model]
