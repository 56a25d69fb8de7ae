import type { CatalogModel, Dataset, DatasetFormats, DatasetVersion, Run } from "../client";

export const dataset: Dataset = {
  id: "ds_1",
  project_id: "prj_default",
  name: "Finance QA",
  filename: "finance.jsonl",
  format: "messages",
  source_format: "openai",
  detection_confidence: 1,
  encoding: "utf-8",
  record_count: 45,
  quarantined_count: 0,
  size_bytes: 7805,
  sha256: "41c51127e37c8dc06d1524cbf20ee729b30f567a67b778fc779e65af16b40169",
  created_at: "2026-01-01T12:00:00Z",
};

export const models: CatalogModel[] = ["tiny-base", "tiny-chat"].map((name, i) => ({
  id: `mdl_${i}`,
  name,
  family: "tiny",
  variant: name.endsWith("chat") ? "chat" : "base",
  source: `/models/${name}`,
  parameter_count: 805_504,
  context_length: 512,
  license: "Apache-2.0",
  description: `Demo ${name}`,
  default_system_prompt: null,
  recommended: { learning_rate: 0.003 },
  available: true,
}));

export function makeRun(over: Partial<Run> = {}): Run {
  return {
    id: "run_1",
    project_id: "prj_default",
    name: "tiny-chat on Finance QA",
    status: "running",
    dataset_id: "ds_1",
    dataset_version_id: null,
    model: "tiny-chat",
    stage: "sft",
    method: "lora",
    spec: {},
    resolved_spec: {
      hyperparameters: { max_steps: 12, save_steps: 3, learning_rate: 0.003 },
      decisions: ["max_steps = 12: 2 epochs × 6 steps per epoch.", "learning_rate = 0.003: tiny family recommendation."],
    },
    error: null,
    cancel_requested: false,
    pause_requested: false,
    attempts: 1,
    progress: { step: 0, total_steps: 12, epoch: 0, loss: null },
    queue: {
      priority: 0,
      gpus_required: 0,
      gpu_memory_required_mb: 0,
      position: null,
      wait_reason: null,
      assigned_worker: null,
      assigned_gpus: null,
    },
    evaluation: null,
    recommended_checkpoint_id: null,
    created_at: "2026-01-01T12:00:00Z",
    started_at: "2026-01-01T12:00:01Z",
    finished_at: null,
    ...over,
  };
}

/** A short `GET /api/datasets/formats` answer: one format per kind, two for `preference`. */
export const datasetFormats: DatasetFormats = {
  file_types: "JSONL (.jsonl), JSON (.json, an array of objects), CSV (.csv, .tsv), Parquet (.parquet), text (.txt, .md)",
  encodings: ["utf-8", "gb18030", "utf-8-sig"],
  items: [
    {
      name: "alpaca",
      override: "alpaca",
      kind: "messages",
      title: "Alpaca",
      description: "`instruction` and `output`, optional `input`.",
      fields: ["instruction", "input", "output", "system", "history"],
      example: { instruction: "Classify the sentiment of the review.", output: "negative" },
    },
    {
      name: "openai_dpo",
      override: "preference",
      kind: "preference",
      title: "OpenAI DPO pairs",
      description: "`input.messages`, `preferred_output` and `non_preferred_output`.",
      fields: ["input", "preferred_output", "non_preferred_output"],
      example: { input: { messages: [] } },
    },
    {
      name: "flat_pairs",
      override: "preference",
      kind: "preference",
      title: "Prompt / chosen / rejected",
      description: "`prompt`, `chosen`, `rejected` as strings.",
      fields: ["prompt", "chosen", "rejected", "system"],
      example: { prompt: "2+2?", chosen: "4", rejected: "5" },
    },
    {
      name: "txt",
      override: "text",
      kind: "text",
      title: "Plain text file (.txt)",
      description: "Split into documents at blank lines.",
      fields: [],
      example: { text: "Once upon a time." },
    },
  ],
};

export function makeVersion(over: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    id: "dsv_1",
    dataset_id: "ds_1",
    project_id: "prj_default",
    number: 1,
    parent_id: null,
    operation: "upload",
    role: null,
    parameters: {},
    status: "succeeded",
    progress: 1,
    error: null,
    sha256: "41c51127e37c8dc06d1524cbf20ee729b30f567a67b778fc779e65af16b40169",
    records_before: 45,
    record_count: 45,
    size_bytes: 7805,
    result: null,
    created_at: "2026-01-01T12:00:00Z",
    finished_at: "2026-01-01T12:00:00Z",
    ...over,
  };
}

/** The upload (v1) and a cleaned version of it (v2), newest first as the API lists them. */
export const versionsOfDataset: DatasetVersion[] = [
  makeVersion({ id: "dsv_2", number: 2, parent_id: "dsv_1", operation: "clean", record_count: 40, sha256: "aa11bb22cc33dd44ee55" }),
  makeVersion(),
];
