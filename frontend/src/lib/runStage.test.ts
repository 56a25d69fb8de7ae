import { describe, expect, it } from "vitest";
import { buildSpec, formFieldFor, initialFormValues, isVisible } from "./runForm";
import { datasetsForStage, modelForStage, STAGE_OPTIONS, stageForKind, stagesForDatasets } from "./runStage";

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
    expect(STAGE_OPTIONS.map((o) => o.value)).toEqual(["sft", "cpt", "dpo", "orpo", "simpo", "kto"]);
  });

  it("lists conversations for SFT and text for continued pretraining", () => {
    expect(datasetsForStage(datasets, "sft").map((d) => d.id)).toEqual(["ds_chat", "ds_chat2"]);
    expect(datasetsForStage(datasets, "cpt").map((d) => d.id)).toEqual(["ds_book"]);
    expect(datasetsForStage(datasets, "dpo").map((d) => d.id)).toEqual(["ds_pairs"]);
    expect(datasetsForStage(datasets, "simpo").map((d) => d.id)).toEqual(["ds_pairs"]);
    expect(datasetsForStage(datasets, "kto").map((d) => d.id)).toEqual(["ds_kto"]);
    expect(["messages", "text", "preference", "kto", "other", undefined].map(stageForKind)).toEqual(["sft", "cpt", "dpo", "kto", null, null]);
  });

  it("offers only the stages some dataset fits, and always the current one", () => {
    const chatAndPairs = datasets.filter((d) => d.format === "messages" || d.format === "preference");
    expect(stagesForDatasets(chatAndPairs, "sft").map((o) => o.value)).toEqual(["sft", "dpo", "orpo", "simpo"]);
    expect(stagesForDatasets(chatAndPairs, "kto").map((o) => o.value)).toEqual(["sft", "dpo", "orpo", "simpo", "kto"]);
    expect(stagesForDatasets(datasets, "sft")).toHaveLength(6);
  });

  it("asks for beta only on preference stages, which score answers only and start from the chat model", () => {
    expect(isVisible("beta", initialFormValues())).toBe(false);
    expect(isVisible("beta", initialFormValues({ stage: "cpt" }))).toBe(false);
    const dpo = initialFormValues({ stage: "dpo", datasetId: "ds_pairs", model: "tiny-chat", beta: "0.25", lossOn: "all" });
    expect(isVisible("beta", dpo) && !isVisible("lossOn", dpo)).toBe(true);
    const built = buildSpec(dpo);
    expect(built.ok && built.body).toMatchObject({ stage: "dpo", loss_on: "assistant", hyperparameters: { beta: 0.25 } });
    const auto = buildSpec(initialFormValues({ stage: "kto", datasetId: "ds_kto", model: "tiny-chat" }));
    expect(auto.ok && auto.body.hyperparameters?.beta).toBe("auto");
    const bad = buildSpec({ ...dpo, beta: "strong" });
    expect(!bad.ok && bad.errors.beta).toBeTruthy();
    expect(modelForStage(models, "big-base", "dpo")).toBe("big-chat");
    expect(modelForStage(models, "big", "kto")).toBe("big");
    expect(formFieldFor("hyperparameters.beta")).toBe("beta");
  });

  it("asks for SimPO's margin and KTO's weights only on their stages", () => {
    const simpo = initialFormValues({ stage: "simpo", datasetId: "ds_pairs", model: "tiny-chat", simpo_gamma: "1" });
    expect(["simpo_gamma", "kto_desirable_weight"].map((k) => isVisible(k as "simpo_gamma", simpo))).toEqual([true, false]);
    const simpoBuilt = buildSpec(simpo);
    expect(simpoBuilt.ok && simpoBuilt.body.hyperparameters).toMatchObject({ simpo_gamma: 1 });
    const kto = initialFormValues({ stage: "kto", datasetId: "ds_kto", model: "tiny-chat", kto_undesirable_weight: "1.5" });
    expect(isVisible("kto_desirable_weight", kto) && isVisible("kto_undesirable_weight", kto) && !isVisible("simpo_gamma", kto)).toBe(true);
    const built = buildSpec(kto);
    expect(built.ok && built.body.hyperparameters).toMatchObject({ kto_desirable_weight: 1, kto_undesirable_weight: 1.5 });
    const sft = buildSpec(initialFormValues({ datasetId: "ds_chat", model: "tiny-chat" }));
    expect(sft.ok && Object.keys(sft.body.hyperparameters ?? {})).not.toContain("simpo_gamma");
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
