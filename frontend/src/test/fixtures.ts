import type { CatalogModel, Dataset, Run } from "../client";

export const dataset: Dataset = {
  id: "ds_1",
  name: "Finance QA",
  filename: "finance.jsonl",
  format: "messages",
  source_format: "openai",
  detection_confidence: 1,
  encoding: "utf-8",
  record_count: 45,
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
    name: "tiny-chat on Finance QA",
    status: "running",
    dataset_id: "ds_1",
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
    attempts: 1,
    progress: { step: 0, total_steps: 12, epoch: 0, loss: null },
    created_at: "2026-01-01T12:00:00Z",
    started_at: "2026-01-01T12:00:01Z",
    finished_at: null,
    ...over,
  };
}
