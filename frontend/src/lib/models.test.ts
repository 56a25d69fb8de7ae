import { describe, expect, it } from "vitest";
import { models } from "../test/fixtures";
import type { CatalogModel } from "../client";
import { familyOf, groupByFamily, modelChoices } from "./models";

const extra: CatalogModel = { ...models[0], id: "mdl_9", name: "solo-base", family: "solo", variant: "base" };

describe("model catalog", () => {
  it("groups by family, chat before base", () => {
    const groups = groupByFamily([...models, extra]);
    expect(groups.map((g) => [g.family, g.models.map((m) => m.name), g.variants])).toEqual([
      ["tiny", ["tiny-chat", "tiny-base"], ["chat", "base"]],
      ["solo", ["solo-base"], ["base"]],
    ]);
  });

  it("offers each family first, then every model by name", () => {
    const choices = modelChoices([...models, extra]);
    expect(choices.families).toEqual([
      { value: "tiny", label: "tiny — chat or base, chosen from your data", kind: "family" },
      { value: "solo", label: "solo — base (its only variant)", kind: "family" },
    ]);
    expect(choices.models.map((c) => c.value)).toEqual(["tiny-chat", "tiny-base", "solo-base"]);
    expect(familyOf(models, "tiny")?.family).toBe("tiny");
    expect(familyOf(models, "tiny-chat")).toBeNull();
  });
});
