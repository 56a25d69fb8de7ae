// Query keys in one place so invalidation after a mutation or a live event hits the right caches.
export const queryKeys = {
  datasets: ["datasets"] as const,
  datasetFormats: ["dataset-formats"] as const,
  dataset: (id: string) => ["datasets", id] as const,
  datasetRecords: (id: string, offset = 0) => ["datasets", id, "records", offset] as const,
  datasetQuarantine: (id: string) => ["datasets", id, "quarantine"] as const,
  reports: (datasetId: string) => ["datasets", datasetId, "reports"] as const,
  maskPreview: (datasetId: string, index: number, model: string, lossOn: string) =>
    ["mask-preview", datasetId, index, model, lossOn] as const,
  models: ["models"] as const,
  servableModels: ["servable-models"] as const,
  runs: ["runs"] as const,
  run: (id: string) => ["runs", id] as const,
  exports: (checkpointId: string) => ["exports", { checkpointId }] as const,
  checkpoints: (runId?: string) => (runId ? (["checkpoints", { runId }] as const) : (["checkpoints"] as const)),
  comparisons: ["comparisons"] as const,
  comparison: (id: string) => ["comparisons", id] as const,
  nextPair: (id: string, rater: string, skip: string[]) => ["comparisons", id, "next", rater, skip] as const,
  comparisonResults: (id: string) => ["comparisons", id, "results"] as const,
  adminQueue: ["admin", "queue"] as const,
  evaluations: (runId?: string) => (runId ? (["evaluations", { runId }] as const) : (["evaluations"] as const)),
};
