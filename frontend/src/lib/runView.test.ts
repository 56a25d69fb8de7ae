import { describe, expect, it } from "vitest";
import { makeRun } from "../test/fixtures";
import { datasetSha256, deviceLabel, estimateOf, methodLabel, mixtureOf, quantizationLabel, resolvedHyperparameters, resourcesOf, stageLabel } from "./runView";

describe("runView", () => {
  it("names the method, with the layer count for freeze", () => {
    expect(methodLabel(makeRun({ method: "lora" }))).toBe("LoRA");
    expect(methodLabel(makeRun({ method: "qlora" }))).toBe("QLoRA");
    expect(methodLabel(makeRun({ method: "full" }))).toBe("full fine-tuning");
    const freeze = makeRun({ method: "freeze", resolved_spec: { method: "freeze", hyperparameters: { freeze_trainable_layers: 2 } } });
    expect(methodLabel(freeze)).toBe("freeze (last 2 layers)");
  });

  it("names stages other than SFT", () => {
    expect(stageLabel(makeRun())).toBeNull();
    expect(["cpt", "dpo", "orpo", "simpo", "kto"].map((stage) => stageLabel(makeRun({ stage })))).toEqual(["CPT", "DPO", "ORPO", "SimPO", "KTO"]);
  });

  it("describes the device", () => {
    expect(deviceLabel(resourcesOf(makeRun()))).toBeNull(); // older runs have no resources
    const cpu = makeRun({ resolved_spec: { resources: { device: "cpu", gpus: 0, gpu_memory_gb: null, gpu_type: null } } });
    expect(deviceLabel(resourcesOf(cpu))).toBe("CPU");
    const gpu = makeRun({ resolved_spec: { resources: { device: "cuda", gpus: 2, gpu_memory_gb: 80, gpu_type: "H100" } } });
    expect(resourcesOf(gpu)).toEqual({ device: "cuda", gpus: 2, gpuMemoryGb: 80, gpuType: "H100" });
    expect(deviceLabel(resourcesOf(gpu))).toBe("2 × H100");
  });

  it("reads the estimate: null when the server made none, undefined when the run predates estimates", () => {
    expect(estimateOf(makeRun())).toBeUndefined();
    expect(estimateOf(makeRun({ resolved_spec: { estimate: null } }))).toBeNull();
    const e = { parameters: 10, trainable_parameters: 1, weights_gb: 1, gradients_gb: 0, optimizer_gb: 0, activations_gb: 1, total_gb: 2.5, budget_gb: null, fits: true, seconds: null };
    expect(estimateOf(makeRun({ resolved_spec: { estimate: e } }))).toEqual(e);
  });

  it("describes QLoRA's quantization, and shows null settings as none", () => {
    const q = makeRun({ resolved_spec: { quantization: { bits: 4, quant_type: "nf4", double_quant: true, compute_dtype: "bf16" } } });
    expect(quantizationLabel(q)).toBe("4-bit nf4, double quantization, compute in bf16");
    expect(quantizationLabel(makeRun())).toBeNull();
    expect(resolvedHyperparameters(makeRun({ resolved_spec: { hyperparameters: { early_stopping_patience: null } } }))).toEqual([["early_stopping_patience", "none"]]);
  });

  it("reads the dataset version's content hash the run recorded, when it has one", () => {
    expect(datasetSha256(makeRun({ resolved_spec: { dataset_sha256: "ab12cd34" } }))).toBe("ab12cd34");
    expect(datasetSha256(makeRun({ resolved_spec: {} }))).toBeUndefined();
    expect(datasetSha256(makeRun({ resolved_spec: { dataset_sha256: null } }))).toBeUndefined();
  });
});

describe("mixtureOf", () => {
  it("names the mixture a run trains on from its resolved spec", () => {
    const lineage = { id: "mix_1", name: "finance-mix", version: 2, seed: 7, sources: [] };
    expect(mixtureOf(makeRun({ mixture_id: "mix_1", resolved_spec: { mixture: lineage } }))).toEqual({ id: "mix_1", label: "finance-mix v2" });
    expect(mixtureOf(makeRun({ mixture_id: "mix_1", resolved_spec: {} }))).toEqual({ id: "mix_1", label: "mix_1" });
    expect(mixtureOf(makeRun())).toBeUndefined();
  });
});
