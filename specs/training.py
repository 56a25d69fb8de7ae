"""The training spec: what a user asks for, and what the workbench resolved it to.

Shared by the API (validation, "auto" resolution) and the training engine (execution), so it depends on
pydantic only. Every field is documented; the documentation is shown in the OpenAPI schema and the UI.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Auto = Literal["auto"]


class Hyperparameters(BaseModel):
    """Training settings as submitted. `"auto"` is resolved at submission and the resolved value is stored."""

    model_config = ConfigDict(extra="forbid")

    epochs: float = Field(
        default=3, gt=0, le=100, description="Passes over the training data (SFT: more than 3 risks overfitting)."
    )
    max_steps: int | Auto = Field(
        default="auto", description="Stop after this many optimizer steps; 'auto' derives it from epochs and data size."
    )
    batch_size: int = Field(
        default=8, ge=1, le=4096, description="Examples per optimizer step on one device (before accumulation)."
    )
    gradient_accumulation_steps: int = Field(
        default=1, ge=1, le=1024, description="Micro-batches summed per optimizer step."
    )
    learning_rate: float | Auto = Field(
        default="auto",
        description="Peak learning rate; 'auto' uses the model family's recommendation (2e-4 for LoRA otherwise).",
    )
    lr_scheduler: Literal["cosine", "linear", "constant"] = Field(
        default="cosine", description="Learning-rate schedule after warm-up."
    )
    warmup_ratio: float = Field(
        default=0.03, ge=0, le=0.5, description="Fraction of steps spent warming the learning rate up linearly."
    )
    weight_decay: float = Field(default=0.0, ge=0, le=1, description="AdamW weight decay.")
    max_grad_norm: float = Field(default=1.0, gt=0, description="Gradients are clipped to this global norm.")
    max_seq_length: int | Auto = Field(
        default="auto",
        description="Tokens per example; longer examples are truncated. 'auto' = min(model context, 1024).",
    )
    lora_r: int = Field(default=8, ge=1, le=1024, description="LoRA rank.")
    lora_alpha: float | Auto = Field(default="auto", description="LoRA scaling numerator; 'auto' = 2 × lora_r.")
    lora_dropout: float = Field(default=0.0, ge=0, lt=1, description="Dropout on the LoRA path.")
    target_modules: list[str] | Literal["all-linear"] = Field(
        default="all-linear",
        description="Modules that get LoRA adapters; 'all-linear' targets every linear layer but the output head.",
    )
    save_steps: int | Auto = Field(
        default="auto",
        description="Write a checkpoint every N steps (and at the end); 'auto' = about 4 checkpoints per run.",
    )
    seed: int = Field(default=42, ge=0, description="Seed for data order, initialisation of adapters and dropout.")


class TrainingSpecCreate(BaseModel):
    """What a user submits to start a run."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=200, description="A label for the run; generated when absent.")
    dataset_id: str = Field(description="Id of the training dataset (`ds_…`).")
    model: str = Field(description="Catalog name of the model to fine-tune, e.g. `tiny-chat`.")
    stage: Literal["sft"] = Field(default="sft", description="Training stage. Supervised fine-tuning on conversations.")
    method: Literal["lora"] = Field(
        default="lora", description="How weights are trained. LoRA adapters on a frozen model."
    )
    loss_on: Literal["assistant", "all"] = Field(
        default="assistant",
        description="Which tokens carry loss: assistant turns only (default) or the whole conversation.",
    )
    hyperparameters: Hyperparameters = Field(default_factory=Hyperparameters)


class ResolvedHyperparameters(BaseModel):
    """Hyperparameters with every "auto" replaced by a concrete value."""

    epochs: float
    max_steps: int
    batch_size: int
    gradient_accumulation_steps: int
    learning_rate: float
    lr_scheduler: Literal["cosine", "linear", "constant"]
    warmup_ratio: float
    weight_decay: float
    max_grad_norm: float
    max_seq_length: int
    lora_r: int
    lora_alpha: float
    lora_dropout: float
    target_modules: list[str] | Literal["all-linear"]
    save_steps: int
    seed: int


class ModelSource(BaseModel):
    """Where the engine loads a model from: a local folder or a Hugging Face hub id."""

    name: str = Field(description="Catalog name.")
    path: str = Field(description="Local folder or hub id holding safetensors weights and a tokenizer.")
    variant: Literal["base", "chat"]
    default_system_prompt: str | None = Field(default=None, description="Used when a record has no system message.")


class ResolvedTrainingSpec(BaseModel):
    """The exact instructions the engine executes; stored on the run and shown to the user."""

    stage: Literal["sft"]
    method: Literal["lora"]
    loss_on: Literal["assistant", "all"]
    model: ModelSource
    dataset_path: str = Field(description="Local path of the normalised training records (JSONL with `messages`).")
    dataset_records: int
    hyperparameters: ResolvedHyperparameters
    decisions: list[str] = Field(default_factory=list, description="Each automatic choice with its reason.")
