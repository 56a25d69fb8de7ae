import { describe, expect, it } from "vitest";
import { buildSpec, fieldMeta, formFieldFor, initialHyperparameterText, type FormValues } from "./runForm";

const values = (over: Partial<FormValues> = {}): FormValues => ({
  ...initialHyperparameterText(),
  datasetId: "ds_1",
  model: "tiny-chat",
  name: "",
  lossOn: "assistant",
  ...over,
});

describe("run form", () => {
  it("takes help text, defaults and 'auto' from the generated schema metadata", () => {
    expect(fieldMeta("learning_rate").allowsAuto).toBe(true);
    expect(fieldMeta("learning_rate").description).toMatch(/learning rate/i);
    expect(fieldMeta("epochs").allowsAuto).toBe(false);
    expect(fieldMeta("lora_r").integer).toBe(true);
    expect(initialHyperparameterText()).toMatchObject({ epochs: "3", learning_rate: "auto", max_steps: "auto" });
  });

  it("builds the spec with numbers and 'auto'", () => {
    const r = buildSpec(values({ epochs: "1", max_steps: "20", learning_rate: "2e-4", name: " my run " }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.body).toMatchObject({ dataset_id: "ds_1", model: "tiny-chat", method: "lora", name: "my run" });
    expect(r.body.hyperparameters).toMatchObject({ epochs: 1, max_steps: 20, learning_rate: 0.0002, save_steps: "auto" });
  });

  it("reports each bad field with a message", () => {
    const r = buildSpec(values({ epochs: "0", max_steps: "1.5", datasetId: "" }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.epochs).toMatch(/greater than 0/);
    expect(r.errors.max_steps).toMatch(/whole number/);
    expect(r.errors.datasetId).toMatch(/dataset/);
  });

  it("maps the server's error field to the form field", () => {
    expect(formFieldFor("hyperparameters.max_seq_length")).toBe("max_seq_length");
    expect(formFieldFor("dataset_id")).toBe("datasetId");
    expect(formFieldFor("model")).toBe("model");
    expect(formFieldFor("hyperparameters.seed")).toBeNull();
    expect(formFieldFor(undefined)).toBeNull();
  });
});
