import { describe, expect, it } from "vitest";
import { buildSpec, datasetsForStage, formFieldFor, initialFormValues, isVisible, modelForStage, STAGE_OPTIONS, stageForKind } from "./runForm";

const datasets = [
  { id: "ds_chat", format: "messages" },
  { id: "ds_pairs", format: "preference" },
  { id: "ds_book", format: "text" },
  { id: "ds_kto", format: "kto" },
  { id: "ds_chat2", format: "messages" },
];

const models = [
  { name: "tiny-chat", family: "tiny", variant: "chat" },
  { name: "tiny-base", family: "tiny", variant: "base" },
  { name: "big-chat", family: "big", variant: "chat" },
  { name: "big-base", family: "big", variant: "base" },
];

describe("run stage", () => {
  it("offers the schema's stages", () => {
    expect(STAGE_OPTIONS.map((o) => o.value)).toEqual(["sft", "cpt"]);
  });

  it("lists conversations for SFT and text for continued pretraining", () => {
    expect(datasetsForStage(datasets, "sft").map((d) => d.id)).toEqual(["ds_chat", "ds_chat2"]);
    expect(datasetsForStage(datasets, "cpt").map((d) => d.id)).toEqual(["ds_book"]);
    expect(["messages", "text", "preference", "kto", undefined].map(stageForKind)).toEqual(["sft", "cpt", null, null, null]);
  });

  it("starts continued pretraining from the family's base model, and SFT from its chat model", () => {
    expect(modelForStage(models, "tiny-chat", "cpt")).toBe("tiny-base");
    expect(modelForStage(models, "big-chat", "cpt")).toBe("big-base");
    expect(modelForStage(models, "big", "cpt")).toBe("big-base");
    expect(modelForStage(models, "tiny-base", "cpt")).toBe("tiny-base");
    expect(modelForStage(models, "big-base", "sft")).toBe("big-chat");
    expect(modelForStage(models, "big", "sft")).toBe("big"); // the server picks the family's variant
    expect(modelForStage(models, "unknown", "cpt")).toBe("tiny-base");
  });

  it("hides loss_on for continued pretraining and sends the stage", () => {
    const cpt = initialFormValues({ stage: "cpt", datasetId: "ds_book", model: "tiny-base" });
    expect(isVisible("lossOn", cpt)).toBe(false);
    expect(isVisible("lossOn", initialFormValues())).toBe(true);
    const built = buildSpec(cpt);
    expect(built.ok && built.body).toMatchObject({ stage: "cpt", dataset_id: "ds_book", model: "tiny-base" });
    const sft = buildSpec(initialFormValues({ datasetId: "ds_chat", model: "tiny-chat", lossOn: "all" }));
    expect(sft.ok && sft.body).toMatchObject({ stage: "sft", loss_on: "all" });
  });

  it("maps the server's stage refusal to the stage field", () => {
    expect(formFieldFor("stage")).toBe("stage");
  });
});
