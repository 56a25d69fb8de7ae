import { screen, within } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import type { CatalogModel } from "../../client";
import { models } from "../../test/fixtures";
import { installFakeEventSource, mockApi, renderApp } from "../../test/harness";

const solo: CatalogModel = { ...models[0], id: "mdl_9", name: "solo-base", family: "solo", variant: "base" };

describe("Models page", () => {
  beforeEach(() => installFakeEventSource());

  it("groups the catalog by family with variant badges", async () => {
    mockApi({ "GET /api/models": () => ({ items: [...models, solo] }) });
    renderApp("/models");
    const families = await screen.findAllByTestId("model-family");
    expect(families.map((f) => f.dataset.family)).toEqual(["tiny", "solo"]);
    const tinyRows = within(families[0]).getAllByTestId("model-row");
    expect(tinyRows.map((r) => within(r).getByTestId("model-variant").textContent)).toEqual(["chat", "base"]);
    expect(tinyRows[0]).toHaveTextContent("tiny-chat");
    expect(families[0]).toHaveTextContent(/server picks the chat variant for little data/);
    expect(within(families[1]).getAllByTestId("model-row")).toHaveLength(1);
  });
});
