// GENERATED from frontend/openapi.json by `npm run generate-client`. Do not edit by hand.

export interface SpecField {
  description: string;
  allowsAuto: boolean;
  default?: unknown;
  type?: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: readonly string[];
}

export const specFields = {
  "spec": {
    "dataset_id": {
      "description": "Id of the training dataset (`ds_…`); the run trains on its newest version that is not an eval split, unless `dataset_version_id` names one. Give this or `mixture_id`, not both.",
      "allowsAuto": false
    },
    "dataset_version_id": {
      "description": "A version of that dataset to train on (`dsv_…`, e.g. a cleaned or train-split version); GET /api/datasets/{id}/versions lists them. Not with `mixture_id`.",
      "allowsAuto": false
    },
    "eval_dataset_id": {
      "description": "A separate dataset (of the same kind as the training data) to measure eval loss on, instead of holding out `eval_fraction` of the training records. OpenAI's `validation_file`.",
      "allowsAuto": false
    },
    "evaluation": {
      "description": "Evaluate every checkpoint automatically and recommend the best one.",
      "allowsAuto": false
    },
    "hyperparameters": {
      "description": "",
      "allowsAuto": false
    },
    "loss_on": {
      "description": "Which tokens carry loss: assistant turns only (default) or the whole conversation.",
      "allowsAuto": false,
      "default": "assistant",
      "enum": [
        "assistant",
        "all"
      ]
    },
    "method": {
      "description": "How weights are trained: LoRA adapters, QLoRA (4-bit base + LoRA), full fine-tuning, or freeze (only the last layers). 'auto' decides from model size, data size and memory.",
      "allowsAuto": true,
      "default": "auto",
      "enum": [
        "lora",
        "qlora",
        "full",
        "freeze"
      ]
    },
    "mixture_id": {
      "description": "A succeeded mixture (`mix_…`) to train on instead of `dataset_id`: the run trains on the dataset version it was materialised into, and records the mixture and its sources' versions and hashes.",
      "allowsAuto": false
    },
    "model": {
      "description": "A catalog model (`tiny-chat`) or a model family (`tiny`): for a family the chat or base variant is chosen from the data size and the GPU budget.",
      "allowsAuto": false
    },
    "name": {
      "description": "A label for the run; generated when absent.",
      "allowsAuto": false
    },
    "resources": {
      "description": "",
      "allowsAuto": false
    },
    "stage": {
      "description": "Training stage: `sft` = supervised fine-tuning on conversations; `cpt` = continued pretraining on raw text (packed blocks, loss on every token); `dpo`, `orpo`, `simpo` = preference tuning on chosen/rejected pairs (`preference` datasets); `kto` = preference tuning on answers labelled desirable or undesirable (`kto` datasets).",
      "allowsAuto": false,
      "default": "sft",
      "enum": [
        "sft",
        "cpt",
        "dpo",
        "orpo",
        "simpo",
        "kto"
      ]
    }
  },
  "hyperparameters": {
    "batch_size": {
      "description": "Examples per optimizer step on one device (before accumulation).",
      "allowsAuto": false,
      "default": 8,
      "type": "integer",
      "minimum": 1,
      "maximum": 4096
    },
    "beta": {
      "description": "Preference stages: the strength of the preference term. DPO and KTO: the inverse temperature that keeps the policy near the reference model (larger = closer); ORPO: lambda, the weight of the odds-ratio term added to the NLL loss; SimPO: the reward scale. 'auto' = 0.1 for DPO, KTO and ORPO, 2.0 for SimPO. Between 0 (excluded) and 100. Ignored by sft and cpt.",
      "allowsAuto": true,
      "default": "auto",
      "type": "number"
    },
    "distributed_strategy": {
      "description": "How several devices share a run: 'ddp' keeps a whole copy of the model on each; 'fsdp' shards weights, gradients and optimizer states across them (full and freeze only). 'auto' = ddp, or fsdp when full/freeze fine-tuning fits only sharded.",
      "allowsAuto": false,
      "default": "auto",
      "enum": [
        "auto",
        "ddp",
        "fsdp"
      ]
    },
    "early_stopping_patience": {
      "description": "Stop after this many evaluations without a better eval loss; none = never.",
      "allowsAuto": false,
      "type": "integer",
      "minimum": 1
    },
    "effective_batch_size": {
      "description": "Examples per optimizer step over all devices (batch_size x gradient_accumulation_steps), the batch the learning rate is tuned for. 'auto' = batch_size x gradient_accumulation_steps when accumulation is given, else batch_size (rounded up to a whole micro-batch per device).",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer",
      "minimum": 1,
      "maximum": 1048576
    },
    "epochs": {
      "description": "Passes over the training data (SFT: more than 3 risks overfitting).",
      "allowsAuto": false,
      "default": 3,
      "type": "number",
      "maximum": 100,
      "exclusiveMinimum": 0
    },
    "eval_fraction": {
      "description": "Share of the training records held out (seeded) to measure eval loss.",
      "allowsAuto": false,
      "default": 0,
      "type": "number",
      "minimum": 0,
      "maximum": 0.5
    },
    "eval_steps": {
      "description": "Measure eval loss every N steps (needs eval_fraction > 0); 'auto' = at each checkpoint.",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer"
    },
    "freeze_trainable_layers": {
      "description": "Method 'freeze': train only the last N decoder layers (and nothing else).",
      "allowsAuto": false,
      "default": 2,
      "type": "integer",
      "minimum": 1
    },
    "gradient_accumulation_steps": {
      "description": "Micro-batches summed per optimizer step, over all devices (each of k GPUs takes 1/k of them, so an explicit value must be a multiple of k). 'auto' = enough to reach effective_batch_size on the devices the run gets.",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer",
      "minimum": 1,
      "maximum": 1024
    },
    "gradient_checkpointing": {
      "description": "Recompute activations in the backward pass to save memory; 'auto' = on when needed.",
      "allowsAuto": true,
      "default": "auto"
    },
    "kto_desirable_weight": {
      "description": "KTO: loss weight of desirable answers (raise it when they are rarer).",
      "allowsAuto": false,
      "default": 1,
      "type": "number",
      "maximum": 100,
      "exclusiveMinimum": 0
    },
    "kto_undesirable_weight": {
      "description": "KTO: loss weight of undesirable answers.",
      "allowsAuto": false,
      "default": 1,
      "type": "number",
      "maximum": 100,
      "exclusiveMinimum": 0
    },
    "learning_rate": {
      "description": "Peak learning rate; 'auto' uses the model family's recommendation (2e-4 for LoRA otherwise).",
      "allowsAuto": true,
      "default": "auto",
      "type": "number"
    },
    "learning_rate_multiplier": {
      "description": "Scales the 'auto' learning rate (the model family's recommendation); only with learning_rate 'auto'. OpenAI's `learning_rate_multiplier`.",
      "allowsAuto": false,
      "default": 1,
      "type": "number",
      "maximum": 100,
      "exclusiveMinimum": 0
    },
    "liger_kernels": {
      "description": "Liger Kernel's fused Triton kernels (RMSNorm, RoPE, SwiGLU) for less memory and faster steps; needs the `liger` extra on the workers and a CUDA GPU. 'auto' = on when installed and the model's architecture is supported (llama, mistral, qwen2, gemma, phi3, ...).",
      "allowsAuto": true,
      "default": "auto"
    },
    "lora_alpha": {
      "description": "LoRA scaling numerator; 'auto' = 2 × lora_r.",
      "allowsAuto": true,
      "default": "auto",
      "type": "number"
    },
    "lora_dropout": {
      "description": "Dropout on the LoRA path.",
      "allowsAuto": false,
      "default": 0,
      "type": "number",
      "minimum": 0,
      "exclusiveMaximum": 1
    },
    "lora_r": {
      "description": "LoRA rank.",
      "allowsAuto": false,
      "default": 8,
      "type": "integer",
      "minimum": 1,
      "maximum": 1024
    },
    "lr_scheduler": {
      "description": "Learning-rate schedule after warm-up.",
      "allowsAuto": false,
      "default": "cosine",
      "enum": [
        "cosine",
        "linear",
        "constant"
      ]
    },
    "max_grad_norm": {
      "description": "Gradients are clipped to this global norm.",
      "allowsAuto": false,
      "default": 1,
      "type": "number",
      "exclusiveMinimum": 0
    },
    "max_seq_length": {
      "description": "Tokens per example; longer examples are truncated. 'auto' = min(model context, 1024).",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer"
    },
    "max_steps": {
      "description": "Stop after this many optimizer steps; 'auto' derives it from epochs and data size.",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer"
    },
    "packing": {
      "description": "Padding-free packing: concatenate examples into rows with attention kept inside each example. 'auto' = on.",
      "allowsAuto": true,
      "default": "auto"
    },
    "precision": {
      "description": "Compute precision; 'auto' = bf16 on GPUs that support it, fp32 on CPU.",
      "allowsAuto": true,
      "default": "auto",
      "enum": [
        "bf16",
        "fp16",
        "fp32"
      ]
    },
    "save_steps": {
      "description": "Write a checkpoint every N steps (and at the end); 'auto' = about 4 checkpoints per run.",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer"
    },
    "seed": {
      "description": "Seed for data order, initialisation of adapters and dropout.",
      "allowsAuto": false,
      "default": 42,
      "type": "integer",
      "minimum": 0
    },
    "simpo_gamma": {
      "description": "SimPO: the target reward margin gamma between chosen and rejected.",
      "allowsAuto": false,
      "default": 0.5,
      "type": "number",
      "minimum": 0,
      "maximum": 100
    },
    "target_modules": {
      "description": "Modules that get LoRA adapters; 'all-linear' targets every linear layer but the output head.",
      "allowsAuto": false,
      "default": "all-linear"
    },
    "torch_compile": {
      "description": "Compile the model's forward and backward with torch.compile (faster steps after a slow first one). 'auto' = on for full and freeze fine-tuning on CUDA, off on CPU and for adapters.",
      "allowsAuto": true,
      "default": "auto"
    },
    "use_dora": {
      "description": "DoRA: learn a magnitude vector besides the LoRA direction.",
      "allowsAuto": false,
      "default": false
    },
    "use_rslora": {
      "description": "Rank-stabilised LoRA: scale by alpha/sqrt(r) instead of alpha/r.",
      "allowsAuto": false,
      "default": false
    },
    "warmup_ratio": {
      "description": "Fraction of steps spent warming the learning rate up linearly.",
      "allowsAuto": false,
      "default": 0.03,
      "type": "number",
      "minimum": 0,
      "maximum": 0.5
    },
    "weight_decay": {
      "description": "AdamW weight decay.",
      "allowsAuto": false,
      "default": 0,
      "type": "number",
      "minimum": 0,
      "maximum": 1
    }
  },
  "resources": {
    "gpu_memory_gb": {
      "description": "Memory of each GPU, in GB.",
      "allowsAuto": true,
      "default": "auto",
      "type": "number",
      "maximum": 10000,
      "exclusiveMinimum": 0
    },
    "gpu_type": {
      "description": "GPU model for the time estimate, e.g. H100, A100, L40S.",
      "allowsAuto": true,
      "default": "auto"
    },
    "gpus": {
      "description": "GPUs for this run; 0 trains on the CPU.",
      "allowsAuto": true,
      "default": "auto",
      "type": "integer",
      "minimum": 0,
      "maximum": 1024
    }
  }
} as const satisfies Record<string, Record<string, SpecField>>;

/** Each group's schema description (the pydantic model's docstring). */
export const specGroupDescriptions = {
  "spec": "What a user submits to start a run.",
  "hyperparameters": "Training settings as submitted. `\"auto\"` is resolved at submission and the resolved value is stored.",
  "resources": "The hardware a run may use; 'auto' takes the pool the admin declared (TUNEWRIGHT_GPU_*)."
} as const satisfies Record<keyof typeof specFields, string>;
