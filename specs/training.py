"""The training spec: what a user asks for, and what the workbench resolved it to.

Shared by the API (validation, "auto" resolution) and the training engine (execution), so it depends on
pydantic only. Every field is documented; the documentation is shown in the OpenAPI schema and the UI.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from specs.evaluation import BestMetric, PromptStyle

Auto = Literal["auto"]
Method = Literal["lora", "qlora", "full", "freeze"]
Stage = Literal["sft", "cpt", "dpo", "orpo", "simpo", "kto"]
# Stages that learn from preferences (pairs for dpo/orpo/simpo, labelled answers for kto) instead of targets.
PREFERENCE_STAGES: tuple[Stage, ...] = ("dpo", "orpo", "simpo", "kto")
Precision = Literal["bf16", "fp16", "fp32"]
DistributedStrategy = Literal["ddp", "fsdp"]
# Architectures (config.json `model_type`) Liger Kernel patches; the engine calls
# `liger_kernel.transformers.apply_liger_kernel_to_<model_type>` on the loaded model.
LIGER_ARCHITECTURES: frozenset[str] = frozenset(
    {
        "llama",
        "mistral",
        "mixtral",
        "qwen2",
        "qwen3",
        "qwen3_moe",
        "gemma",
        "gemma2",
        "gemma3_text",
        "phi3",
        "granite",
        "olmo2",
        "glm4",
    }
)


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
    gradient_accumulation_steps: Annotated[int, Field(ge=1, le=1024)] | Auto = Field(
        default="auto",
        description="Micro-batches summed per optimizer step, over all devices (each of k GPUs takes 1/k of them, "
        "so an explicit value must be a multiple of k). 'auto' = enough to reach effective_batch_size on the "
        "devices the run gets.",
    )
    effective_batch_size: Annotated[int, Field(ge=1, le=1_048_576)] | Auto = Field(
        default="auto",
        description="Examples per optimizer step over all devices (batch_size x gradient_accumulation_steps), "
        "the batch the learning rate is tuned for. 'auto' = batch_size x gradient_accumulation_steps when "
        "accumulation is given, else batch_size (rounded up to a whole micro-batch per device).",
    )
    learning_rate: float | Auto = Field(
        default="auto",
        description="Peak learning rate; 'auto' uses the model family's recommendation (2e-4 for LoRA otherwise).",
    )
    learning_rate_multiplier: float = Field(
        default=1.0,
        gt=0,
        le=100,
        description="Scales the 'auto' learning rate (the model family's recommendation); "
        "only with learning_rate 'auto'. OpenAI's `learning_rate_multiplier`.",
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
    use_rslora: bool = Field(
        default=False, description="Rank-stabilised LoRA: scale by alpha/sqrt(r) instead of alpha/r."
    )
    use_dora: bool = Field(default=False, description="DoRA: learn a magnitude vector besides the LoRA direction.")
    freeze_trainable_layers: int = Field(
        default=2, ge=1, description="Method 'freeze': train only the last N decoder layers (and nothing else)."
    )
    packing: bool | Auto = Field(
        default="auto",
        description="Padding-free packing: concatenate examples into rows with attention kept inside each example. "
        "'auto' = on.",
    )
    gradient_checkpointing: bool | Auto = Field(
        default="auto",
        description="Recompute activations in the backward pass to save memory; 'auto' = on when needed.",
    )
    precision: Precision | Auto = Field(
        default="auto", description="Compute precision; 'auto' = bf16 on GPUs that support it, fp32 on CPU."
    )
    torch_compile: bool | Auto = Field(
        default="auto",
        description="Compile the model's forward and backward with torch.compile (faster steps after a slow first "
        "one). 'auto' = on for full and freeze fine-tuning on CUDA, off on CPU and for adapters.",
    )
    liger_kernels: bool | Auto = Field(
        default="auto",
        description="Liger Kernel's fused Triton kernels (RMSNorm, RoPE, SwiGLU) for less memory and faster steps; "
        "needs the `liger` extra on the workers and a CUDA GPU. 'auto' = on when installed and the model's "
        "architecture is supported (llama, mistral, qwen2, gemma, phi3, ...).",
    )
    distributed_strategy: Literal["auto", "ddp", "fsdp"] = Field(
        default="auto",
        description="How several devices share a run: 'ddp' keeps a whole copy of the model on each; 'fsdp' "
        "shards weights, gradients and optimizer states across them (full and freeze only). 'auto' = ddp, or "
        "fsdp when full/freeze fine-tuning fits only sharded.",
    )
    eval_fraction: float = Field(
        default=0.0, ge=0, le=0.5, description="Share of the training records held out (seeded) to measure eval loss."
    )
    eval_steps: int | Auto = Field(
        default="auto",
        description="Measure eval loss every N steps (needs eval_fraction > 0); 'auto' = at each checkpoint.",
    )
    early_stopping_patience: int | None = Field(
        default=None, ge=1, description="Stop after this many evaluations without a better eval loss; none = never."
    )
    save_steps: int | Auto = Field(
        default="auto",
        description="Write a checkpoint every N steps (and at the end); 'auto' = about 4 checkpoints per run.",
    )
    seed: int = Field(default=42, ge=0, description="Seed for data order, initialisation of adapters and dropout.")
    beta: float | Auto = Field(
        default="auto",
        description="Preference stages: the strength of the preference term. DPO and KTO: the inverse temperature "
        "that keeps the policy near the reference model (larger = closer); ORPO: lambda, the weight of the "
        "odds-ratio term added to the NLL loss; SimPO: the reward scale. 'auto' = 0.1 for DPO, KTO and ORPO, "
        "2.0 for SimPO. Between 0 (excluded) and 100. Ignored by sft and cpt.",
    )
    simpo_gamma: float = Field(
        default=0.5, ge=0, le=100, description="SimPO: the target reward margin gamma between chosen and rejected."
    )
    kto_desirable_weight: float = Field(
        default=1.0, gt=0, le=100, description="KTO: loss weight of desirable answers (raise it when they are rarer)."
    )
    kto_undesirable_weight: float = Field(
        default=1.0, gt=0, le=100, description="KTO: loss weight of undesirable answers."
    )


class Resources(BaseModel):
    """The hardware a run may use; 'auto' takes the pool the admin declared (TUNEWRIGHT_GPU_*)."""

    model_config = ConfigDict(extra="forbid")

    gpus: Annotated[int, Field(ge=0, le=1024)] | Auto = Field(
        default="auto", description="GPUs for this run; 0 trains on the CPU."
    )
    gpu_memory_gb: Annotated[float, Field(gt=0, le=10_000)] | Auto = Field(
        default="auto", description="Memory of each GPU, in GB."
    )
    gpu_type: str | Auto = Field(default="auto", description="GPU model for the time estimate, e.g. H100, A100, L40S.")


class EvaluationPlan(BaseModel):
    """Automatic evaluation of every checkpoint of a run, and the metric that picks the recommended one."""

    model_config = ConfigDict(extra="forbid")

    dataset_ids: list[str] = Field(
        min_length=1,
        max_length=20,
        description="Eval sets (`ds_…`) scored for every checkpoint: multiple-choice sets give accuracy, "
        "conversation or text sets eval loss and perplexity.",
    )
    general_dataset_ids: list[str] = Field(
        default_factory=list,
        max_length=20,
        description="General-ability sets scored for every checkpoint and for the run's untouched model; the "
        "change (general_*_delta) shows forgetting.",
    )
    best_metric: BestMetric | Auto = Field(
        default="auto",
        description="The metric that picks the recommended checkpoint (accuracy: highest, loss: lowest); 'auto' = "
        "mc_accuracy when a multiple-choice set is given, else eval_loss.",
    )
    prompt_style: PromptStyle = Field(
        default="plain",
        description="How multiple-choice questions are shown: 'plain' text as lm-evaluation-harness does, or "
        "'chat' with the model's chat template.",
    )
    generate_answers: bool = Field(
        default=False,
        description="Also generate a reply to each multiple-choice question and read the chosen letter from it "
        "(mc_generate_accuracy), as a chat model is used.",
    )


class TrainingSpecCreate(BaseModel):
    """What a user submits to start a run."""

    model_config = ConfigDict(extra="forbid")

    name: str | None = Field(default=None, max_length=200, description="A label for the run; generated when absent.")
    dataset_id: str | None = Field(
        default=None,
        description="Id of the training dataset (`ds_…`); the run trains on its newest version that is not an eval "
        "split, unless `dataset_version_id` names one. Give this or `mixture_id`, not both.",
    )
    dataset_version_id: str | None = Field(
        default=None,
        description="A version of that dataset to train on (`dsv_…`, e.g. a cleaned or train-split version); "
        "GET /api/datasets/{id}/versions lists them. Not with `mixture_id`.",
    )
    mixture_id: str | None = Field(
        default=None,
        description="A succeeded mixture (`mix_…`) to train on instead of `dataset_id`: the run trains on the dataset "
        "version it was materialised into, and records the mixture and its sources' versions and hashes.",
    )
    model: str = Field(
        description="A catalog model (`tiny-chat`) or a model family (`tiny`): for a family the chat or base variant "
        "is chosen from the data size and the GPU budget."
    )
    stage: Stage = Field(
        default="sft",
        description="Training stage: `sft` = supervised fine-tuning on conversations; `cpt` = continued pretraining "
        "on raw text (packed blocks, loss on every token); `dpo`, `orpo`, `simpo` = preference tuning on "
        "chosen/rejected pairs (`preference` datasets); `kto` = preference tuning on answers labelled desirable or "
        "undesirable (`kto` datasets).",
    )
    method: Method | Auto = Field(
        default="auto",
        description="How weights are trained: LoRA adapters, QLoRA (4-bit base + LoRA), full fine-tuning, or freeze "
        "(only the last layers). 'auto' decides from model size, data size and memory.",
    )
    loss_on: Literal["assistant", "all"] = Field(
        default="assistant",
        description="Which tokens carry loss: assistant turns only (default) or the whole conversation.",
    )
    hyperparameters: Hyperparameters = Field(default_factory=Hyperparameters)
    resources: Resources = Field(default_factory=Resources)
    eval_dataset_id: str | None = Field(
        default=None,
        description="A separate dataset (of the same kind as the training data) to measure eval loss on, instead of "
        "holding out `eval_fraction` of the training records. OpenAI's `validation_file`.",
    )
    evaluation: EvaluationPlan | None = Field(
        default=None, description="Evaluate every checkpoint automatically and recommend the best one."
    )


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
    use_rslora: bool = False
    use_dora: bool = False
    freeze_trainable_layers: int = 2
    packing: bool = False
    gradient_checkpointing: bool = False
    precision: Precision = "fp32"
    torch_compile: bool = False
    liger_kernels: bool = False
    distributed_strategy: DistributedStrategy = "ddp"
    eval_fraction: float = 0.0
    eval_steps: int = 0
    early_stopping_patience: int | None = None
    save_steps: int
    seed: int
    beta: float = 0.1
    simpo_gamma: float = 0.5
    kto_desirable_weight: float = 1.0
    kto_undesirable_weight: float = 1.0


class Quantization(BaseModel):
    """How QLoRA loads the frozen base model (bitsandbytes)."""

    bits: Literal[4] = 4
    quant_type: Literal["nf4", "fp4"] = "nf4"
    double_quant: bool = True
    compute_dtype: Precision = "bf16"


class ResolvedResources(BaseModel):
    device: Literal["cpu", "cuda"]
    gpus: int
    gpu_memory_gb: float | None
    gpu_type: str | None


class MemoryEstimate(BaseModel):
    """Pre-flight estimate per device, from the model's config before any weights are loaded."""

    parameters: int
    trainable_parameters: int
    weights_gb: float
    gradients_gb: float
    optimizer_gb: float
    activations_gb: float
    reference_gb: float = Field(
        default=0.0, description="A frozen reference model (DPO/KTO with full or freeze); 0 when none is held."
    )
    total_gb: float = Field(description="Per device, including a fixed overhead for the CUDA context and buffers.")
    budget_gb: float | None = Field(description="Memory available per device; None when unknown.")
    fits: bool
    seconds: float | None = Field(description="Estimated training time; None when the device speed is unknown.")


class ModelSource(BaseModel):
    """Where the engine loads a model from: a local folder or a Hugging Face hub id."""

    name: str = Field(description="Catalog name.")
    path: str = Field(description="Local folder or hub id holding safetensors weights and a tokenizer.")
    variant: Literal["base", "chat"]
    default_system_prompt: str | None = Field(default=None, description="Used when a record has no system message.")
    chat_template: str | None = Field(
        default=None,
        description="For a base model: its family's chat template, used instead of a generic one so the fine-tuned "
        "base speaks the family's format; special tokens it needs are added and embeddings resized.",
    )
    trust_remote_code: bool = Field(
        default=False,
        description="Set by an admin on the catalog entry only (never by the submitter): run the Python code in "
        "the model folder when loading it. Weights still load from safetensors only.",
    )


class MixtureSourceLineage(BaseModel):
    """One source of the mixture a run trained on, as it was when the run was submitted."""

    dataset_version_id: str
    dataset_id: str
    dataset_name: str
    version: int = Field(description="The source version's number within its dataset.")
    sha256: str | None = Field(description="The source version's records hash; null once its dataset was deleted.")
    ratio: float | None
    target_tokens: int | None
    sampling: str
    render_as: dict[str, Any] | None = Field(default=None, description="How its conversations became text, if so.")
    tokens: int = Field(description="Tokens it contributed (the plan's estimate).")
    records_out: int = Field(description="Records it contributed, repeats included.")


class MixtureLineage(BaseModel):
    """The mixture a run trained on: run → mixture (recipe, version, seed) → source versions with their hashes."""

    id: str = Field(description="`mix_…`")
    name: str
    version: int
    seed: int
    kind: str
    dataset_id: str = Field(description="The dataset the mixture was materialised into (what the run trains on).")
    dataset_version_id: str
    sources: list[MixtureSourceLineage]


class ResolvedTrainingSpec(BaseModel):
    """The exact instructions the engine executes; stored on the run and shown to the user."""

    stage: Stage
    method: Method
    loss_on: Literal["assistant", "all"]
    model: ModelSource
    dataset_path: str = Field(
        description="Local path of the normalised training records: JSONL with `messages` (sft), `text` (cpt), "
        "`prompt`/`chosen`/`rejected` (dpo, orpo, simpo) or `messages` + `label` (kto)."
    )
    dataset_records: int
    dataset_version_id: str | None = Field(default=None, description="The dataset version trained on (`dsv_…`).")
    dataset_sha256: str | None = Field(
        default=None, description="SHA-256 of that version's normalised records: the data the run saw, exactly."
    )
    mixture: MixtureLineage | None = Field(
        default=None, description="The mixture trained on, when the run named one (`mixture_id`)."
    )
    eval_dataset_path: str | None = Field(
        default=None, description="Local path of the normalised eval records, when a separate eval dataset was given."
    )
    hyperparameters: ResolvedHyperparameters
    quantization: Quantization | None = Field(default=None, description="Set for QLoRA.")
    resources: ResolvedResources = Field(
        default_factory=lambda: ResolvedResources(device="cpu", gpus=0, gpu_memory_gb=None, gpu_type=None)
    )
    estimate: MemoryEstimate | None = None
    decisions: list[str] = Field(default_factory=list, description="Each automatic choice with its reason.")
