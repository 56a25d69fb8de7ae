import { describe, expect, it } from "vitest";
import { specFields } from "../client/specFields";
import {
  ADVANCED_KEYS,
  buildSpec,
  evalEnabled,
  fieldMeta,
  formFieldFor,
  initialFormValues,
  isVisible,
  METHOD_OPTIONS,
  methodProblem,
  RESOURCE_FIELDS,
  RESOURCES_HELP,
  resourceMeta,
  serverFieldErrors,
  type FormValues,
} from "./runForm";

const values = (over: Partial<FormValues> = {}): FormValues => initialFormValues({ datasetId: "ds_1", model: "tiny-chat", ...over });

function body(over: Partial<FormValues> = {}) {
  const r = buildSpec(values(over));
  if (!r.ok) throw new Error(`unexpected errors: ${JSON.stringify(r.errors)}`);
  return r.body;
}

describe("run form", () => {
  it("takes help text, defaults and 'auto' from the generated schema metadata", () => {
    expect(fieldMeta("learning_rate").allowsAuto).toBe(true);
    expect(fieldMeta("learning_rate").description).toMatch(/learning rate/i);
    expect(fieldMeta("epochs").allowsAuto).toBe(false);
    expect(fieldMeta("lora_r").integer).toBe(true);
    expect(fieldMeta("eval_fraction").maximum).toBe(0.5);
    expect(initialFormValues()).toMatchObject({
      epochs: "3",
      learning_rate: "auto",
      max_steps: "auto",
      method: "auto",
      freeze_trainable_layers: "2",
      eval_fraction: "0",
      eval_steps: "auto",
      early_stopping_patience: "",
      packing: "auto",
      gradient_checkpointing: "auto",
      precision: "auto",
      use_rslora: false,
      gpus: "auto",
    });
  });

  it("sends the chosen dataset version, and none when none is chosen", () => {
    expect(body({ datasetVersionId: "dsv_2" }).dataset_version_id).toBe("dsv_2");
    expect("dataset_version_id" in body()).toBe(false);
    const refused = { detail: "No version 'dsv_x' of dataset ds_1.", field: "dataset_version_id", problems: [] };
    expect(serverFieldErrors(refused)).toEqual({ datasetVersionId: "No version 'dsv_x' of dataset ds_1." });
  });

  it("offers auto and the four methods, each with a one-line explanation", () => {
    expect(METHOD_OPTIONS.map((o) => o.value)).toEqual(["auto", "lora", "qlora", "full", "freeze"]);
    expect(METHOD_OPTIONS.find((o) => o.value === "qlora")?.help).toMatch(/4 bits.*least memory/i);
    expect(METHOD_OPTIONS.every((o) => o.help.length > 20)).toBe(true);
  });

  it("builds the spec with numbers and 'auto'", () => {
    const b = body({ epochs: "1", max_steps: "20", learning_rate: "2e-4", name: " my run " });
    expect(b).toMatchObject({ dataset_id: "ds_1", model: "tiny-chat", method: "auto", name: "my run", stage: "sft" });
    expect(b.hyperparameters).toMatchObject({ epochs: 1, max_steps: 20, learning_rate: 0.0002, save_steps: "auto" });
    expect(b.resources).toEqual({ gpus: "auto", gpu_memory_gb: "auto", gpu_type: "auto" });
  });

  it("sends 'auto' for empty auto fields and leaves empty non-auto fields to the server", () => {
    const b = body({ max_steps: "", eval_fraction: "0.1", early_stopping_patience: "", gpus: " ", gpu_type: "" });
    expect(b.hyperparameters?.max_steps).toBe("auto");
    expect(b.hyperparameters).not.toHaveProperty("early_stopping_patience");
    expect(b.resources).toEqual({ gpus: "auto", gpu_memory_gb: "auto", gpu_type: "auto" });
  });

  it("maps the tri-state switches and precision", () => {
    expect(body().hyperparameters).toMatchObject({ packing: "auto", gradient_checkpointing: "auto", precision: "auto" });
    const b = body({ packing: "off", gradient_checkpointing: "on", precision: "bf16" });
    expect(b.hyperparameters).toMatchObject({ packing: false, gradient_checkpointing: true, precision: "bf16" });
  });

  it("sends the speed and scale options: compile, Liger, the multi-device strategy and the effective batch", () => {
    expect(body().hyperparameters).toMatchObject({
      torch_compile: "auto",
      liger_kernels: "auto",
      distributed_strategy: "auto",
      effective_batch_size: "auto",
    });
    const b = body({ torch_compile: "on", liger_kernels: "off", distributed_strategy: "fsdp", effective_batch_size: "64" });
    expect(b.hyperparameters).toMatchObject({
      torch_compile: true,
      liger_kernels: false,
      distributed_strategy: "fsdp",
      effective_batch_size: 64,
    });
    expect(formFieldFor("hyperparameters.liger_kernels")).toBe("liger_kernels");
    expect(formFieldFor("hyperparameters.effective_batch_size")).toBe("effective_batch_size");
    expect(ADVANCED_KEYS.has("distributed_strategy")).toBe(true);
  });

  it("sends the LoRA options only for auto, LoRA and QLoRA, and the layer count only for freeze", () => {
    for (const method of ["auto", "lora", "qlora"] as const) {
      const hp = body({ method, use_rslora: true, use_dora: true }).hyperparameters;
      expect(hp).toMatchObject({ use_rslora: true, use_dora: true, lora_r: 8 });
      expect(hp).not.toHaveProperty("freeze_trainable_layers");
    }
    const full = body({ method: "full", use_rslora: true }).hyperparameters;
    expect(full).not.toHaveProperty("use_rslora");
    expect(full).not.toHaveProperty("use_dora");
    expect(full).not.toHaveProperty("lora_r");
    expect(full).not.toHaveProperty("freeze_trainable_layers");
    const freeze = body({ method: "freeze", freeze_trainable_layers: "4" });
    expect(freeze.method).toBe("freeze");
    expect(freeze.hyperparameters).toMatchObject({ freeze_trainable_layers: 4 });
    expect(freeze.hyperparameters).not.toHaveProperty("use_rslora");
  });

  it("does not check or send hidden fields", () => {
    // eval_fraction 0: eval_steps and early stopping are hidden, so their (bad) text does not matter.
    const r = buildSpec(values({ eval_fraction: "0", eval_steps: "often", early_stopping_patience: "x", method: "lora", freeze_trainable_layers: "0" }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body.hyperparameters).not.toHaveProperty("eval_steps");
    expect(r.body.hyperparameters).not.toHaveProperty("early_stopping_patience");
    expect(r.body.hyperparameters).toMatchObject({ eval_fraction: 0 });
  });

  it("shows and sends eval_steps and early stopping once eval_fraction > 0", () => {
    expect(evalEnabled({ eval_fraction: "0" })).toBe(false);
    expect(evalEnabled({ eval_fraction: "abc" })).toBe(false);
    expect(evalEnabled({ eval_fraction: "0.1" })).toBe(true);
    expect(isVisible("eval_steps", values({ eval_fraction: "0.1" }))).toBe(true);
    const b = body({ eval_fraction: "0.1", eval_steps: "25", early_stopping_patience: "3" });
    expect(b.hyperparameters).toMatchObject({ eval_fraction: 0.1, eval_steps: 25, early_stopping_patience: 3 });
    expect(body({ eval_fraction: "0.2" }).hyperparameters).toMatchObject({ eval_steps: "auto" });
  });

  it("reads the hardware: GPU count, memory and type, and skips memory and type on the CPU", () => {
    expect(body({ gpus: "2", gpu_memory_gb: "24", gpu_type: " L40S " }).resources).toEqual({ gpus: 2, gpu_memory_gb: 24, gpu_type: "L40S" });
    expect(body({ gpus: "0", gpu_memory_gb: "nonsense", gpu_type: "H100" }).resources).toEqual({ gpus: 0, gpu_memory_gb: "auto", gpu_type: "auto" });
    expect(isVisible("gpu_memory_gb", values({ gpus: "0" }))).toBe(false);
  });

  it("takes the hardware fields' help, types and 'auto' from the generated Resources metadata", () => {
    for (const r of RESOURCE_FIELDS) {
      expect(r.help).toBe(specFields.resources[r.key].description);
      expect(r.help).not.toBe("");
      expect(r.allowsAuto).toBe(specFields.resources[r.key].allowsAuto);
    }
    expect(RESOURCES_HELP).toMatch(/hardware/i);
    expect(resourceMeta("gpus").rule).toMatchObject({ allowsAuto: true, integer: true, minimum: 0 });
    expect(resourceMeta("gpu_memory_gb").rule).toMatchObject({ allowsAuto: true, integer: false, exclusiveMinimum: 0 });
    expect(resourceMeta("gpu_type").rule).toBeUndefined(); // free text
    expect(initialFormValues()).toMatchObject({ gpus: "auto", gpu_memory_gb: "auto", gpu_type: "auto" });
  });

  it("reports each bad field with a message", () => {
    const r = buildSpec(
      values({ epochs: "0", max_steps: "1.5", datasetId: "", eval_fraction: "0.9", gpus: "-1", gpu_memory_gb: "0", method: "freeze", freeze_trainable_layers: "0" }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.epochs).toMatch(/greater than 0/);
    expect(r.errors.max_steps).toMatch(/whole number/);
    expect(r.errors.datasetId).toMatch(/dataset/);
    expect(r.errors.eval_fraction).toMatch(/at most 0.5/);
    expect(r.errors.gpus).toMatch(/at least 0/);
    expect(r.errors.gpu_memory_gb).toMatch(/greater than 0/);
    expect(r.errors.freeze_trainable_layers).toMatch(/at least 1/);
  });

  it("maps the server's error field to the form field", () => {
    expect(formFieldFor("hyperparameters.max_seq_length")).toBe("max_seq_length");
    expect(formFieldFor("hyperparameters.eval_steps")).toBe("eval_steps");
    expect(formFieldFor("hyperparameters.packing")).toBe("packing");
    expect(formFieldFor("resources.gpus")).toBe("gpus");
    expect(formFieldFor("resources.gpu_memory_gb")).toBe("gpu_memory_gb");
    expect(formFieldFor("method")).toBe("method");
    expect(formFieldFor("dataset_id")).toBe("datasetId");
    expect(formFieldFor("model")).toBe("model");
    expect(formFieldFor("loss_on")).toBe("lossOn");
    expect(formFieldFor("hyperparameters.seed")).toBeNull();
    expect(formFieldFor("resources.cpus")).toBeNull();
    expect(formFieldFor(undefined)).toBeNull();
  });

  it("places every listed problem of a refusal on its field, the main one winning", () => {
    const errors = serverFieldErrors({
      field: "resources.gpus",
      detail: "resources.gpus = 4 but the pool has 1 GPU(s); ask for at most 1.",
      problems: [
        { field: "resources.gpus", message: "too many" },
        { field: "hyperparameters.eval_steps", message: "Input should be a valid integer" },
        { field: "hyperparameters.seed", message: "not on the form" },
      ],
    });
    expect(errors).toEqual({ gpus: "resources.gpus = 4 but the pool has 1 GPU(s); ask for at most 1.", eval_steps: "Input should be a valid integer" });
  });
});

describe("methodProblem", () => {
  it("splits the server's sentence into the problem and suggestions the form can apply", () => {
    const p = methodProblem(
      "full fine-tuning of big-chat needs ≈ 20.3 GB per device but 16 GB are available. Try: turn on gradient checkpointing; use LORA (≈ 14.0 GB); use QLORA (≈ 12.1 GB); shorten max_seq_length to 512; use 2 GPUs (sharded).",
    );
    expect(p.summary).toBe("full fine-tuning of big-chat needs ≈ 20.3 GB per device but 16 GB are available.");
    expect(p.suggestions.map((s) => s.text)).toEqual([
      "turn on gradient checkpointing",
      "use LORA (≈ 14.0 GB)",
      "use QLORA (≈ 12.1 GB)",
      "shorten max_seq_length to 512",
      "use 2 GPUs (sharded)",
    ]);
    expect(p.suggestions.map((s) => s.patch)).toEqual([
      { gradient_checkpointing: "on" },
      { method: "lora" },
      { method: "qlora" },
      { max_seq_length: "512" },
      { gpus: "2" },
    ]);
  });

  it("keeps suggestions it cannot apply, and sentences without any", () => {
    expect(methodProblem("x does not fit. Try: choose a smaller model.").suggestions).toEqual([{ text: "choose a smaller model", patch: null }]);
    expect(methodProblem("Unknown method.")).toEqual({ summary: "Unknown method.", suggestions: [] });
  });
});

describe("a run on a mixture", () => {
  it("sends mixture_id in place of the dataset and its version", () => {
    const sent = body({ mixtureId: "mix_1", datasetVersionId: "dsv_9" });
    expect(sent.mixture_id).toBe("mix_1");
    expect(sent.dataset_id).toBeUndefined();
    expect(sent.dataset_version_id).toBeUndefined();
    expect(body({ datasetVersionId: "dsv_9" })).toMatchObject({ dataset_id: "ds_1", dataset_version_id: "dsv_9" });
    expect(body().mixture_id).toBeUndefined();
  });

  it("needs a dataset or a mixture, and shows the server's mixture refusals on the mixture", () => {
    const none = buildSpec(values({ datasetId: "", mixtureId: "" }));
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors.datasetId).toBe("Choose a dataset to train on.");
    expect(buildSpec(values({ datasetId: "", mixtureId: "mix_1" })).ok).toBe(true);
    expect(formFieldFor("mixture_id")).toBe("mixtureId");
    expect(serverFieldErrors({ field: "mixture_id", detail: "Mixture m v1 (mix_1) is still being materialised.", problems: [] })).toEqual({
      mixtureId: "Mixture m v1 (mix_1) is still being materialised.",
    });
  });
});
