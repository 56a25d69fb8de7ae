import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { DatasetVersion, Mixture, MixtureCreate, MixturePreview } from "../../client";
import { dataset, makeVersion, models } from "../../test/fixtures";
import { type Handler, mockApi, renderApp } from "../../test/harness";

const general = { ...dataset, id: "ds_2", name: "General web", record_count: 1000 };
const web = { ...dataset, id: "ds_3", name: "Web text", format: "text" as const, record_count: 500 };

function version(id: string, datasetId: string, records: number): DatasetVersion {
  const counts = { records_before: records, record_count: records, size_bytes: 100 };
  return makeVersion({ id, dataset_id: datasetId, sha256: "ab", finished_at: null, ...counts });
}

const budget: MixturePreview = {
  kind: "messages",
  total_tokens: 6000,
  total_records: 545,
  approximate: true,
  sources: [
    { dataset_version_id: "dsv_1", dataset_id: "ds_1", dataset_name: "Finance QA", version: 1, records: 45, available_tokens: 1000, estimate: "report", kind: "messages", render_as: null, target_tokens: 1000, tokens: 1000, share: 1 / 6, records_out: 45, factor: 1, capped: false },
    { dataset_version_id: "dsv_2", dataset_id: "ds_2", dataset_name: "General web", version: 1, records: 1000, available_tokens: 20000, estimate: "chars/4", kind: "messages", render_as: null, target_tokens: 5000, tokens: 5000, share: 5 / 6, records_out: 500, factor: 0.5, capped: false },
  ],
};

describe("Mixture builder", () => {
  let saved: Mixture[];
  let api: ReturnType<typeof mockApi>;

  let handlers: Record<string, Handler>;

  beforeEach(() => {
    saved = [];
    handlers = {
      "GET /api/datasets": () => ({ items: [dataset, general, web], next_cursor: null }),
      "GET /api/datasets/ds_3/versions": () => ({ items: [version("dsv_3", "ds_3", 500)], next_cursor: null }),
      "GET /api/models": () => ({ items: models }),
      "GET /api/datasets/ds_1/versions": () => ({ items: [version("dsv_1", "ds_1", 45)], next_cursor: null }),
      "GET /api/datasets/ds_2/versions": () => ({ items: [version("dsv_2", "ds_2", 1000)], next_cursor: null }),
      "POST /api/mixtures/preview": () => budget,
      "GET /api/mixtures": () => ({ items: saved, next_cursor: null }),
      "POST /api/mixtures": async (request) => {
        const body = (await request.json()) as { name: string };
        const mixture = { id: "mix_1", name: body.name, version: 1, status: "queued" } as Mixture;
        saved = [{ ...mixture, status: "succeeded", dataset_id: "ds_9" } as Mixture];
        return mixture;
      },
    };
    api = mockApi(handlers);
  });

  it("shows the live token budget of a 1:5 recipe, flags estimates, and saves it", async () => {
    const user = userEvent.setup();
    renderApp("/mixtures");
    const [first, second] = await screen.findAllByTestId("mixture-source");
    await waitFor(() => expect(within(first).getAllByRole("option").length).toBeGreaterThan(2));
    await user.selectOptions(within(first).getByTestId("mixture-dataset"), "ds_1");
    await user.selectOptions(within(second).getByTestId("mixture-dataset"), "ds_2");
    await screen.findByTestId("mixture-budget");
    const preview = api.calls.filter((r) => r.method === "POST" && r.url.endsWith("/preview")).at(-1);
    expect(await preview?.clone().json()).toEqual({
      name: "domain-general",
      seed: 42,
      sources: [
        { dataset_version_id: "dsv_1", ratio: 1, target_tokens: null, sampling: "down" },
        { dataset_version_id: "dsv_2", ratio: 5, target_tokens: null, sampling: "down" },
      ],
    });
    expect(screen.getAllByTestId("budget-share").map((c) => c.textContent)).toEqual(["17 %", "83 %"]);
    expect(screen.getByTestId("budget-total")).toHaveTextContent("6,000");
    expect(screen.getByTestId("budget-approximate")).toBeInTheDocument();
    expect(screen.getAllByTestId("budget-row")[1]).toHaveTextContent("(≈ chars/4)");

    await user.click(screen.getByTestId("mixture-create"));
    const item = await screen.findByTestId("mixture-item");
    expect(item).toHaveTextContent("domain-general v1 · succeeded");
    expect(within(item).getByRole("link", { name: "its dataset" })).toHaveAttribute("href", "/datasets/ds_9");
    expect(within(item).getByTestId("mixture-train")).toHaveAttribute("href", "/runs/new?mixture=mix_1");
  });

  it("marks the mixture a run page linked to (/mixtures#mix_…)", async () => {
    saved = ["mix_1", "mix_2"].map((id, i) => ({ id, name: `m${i}`, version: 1, status: "succeeded", dataset_id: "ds_9" }) as Mixture);
    renderApp("/mixtures#mix_2");
    const items = await screen.findAllByTestId("mixture-item");
    expect(items.map((item) => item.classList.contains("is-target"))).toEqual([false, true]);
  });

  it("renders a conversation source into a text mixture as the chosen template, and the budget follows", async () => {
    const crossKind: MixturePreview = {
      kind: "text",
      total_tokens: 1200,
      total_records: 545,
      approximate: true,
      sources: [
        { ...budget.sources[1], dataset_version_id: "dsv_3", dataset_id: "ds_3", dataset_name: "Web text", kind: "text", estimate: "report", tokens: 1000 },
        { ...budget.sources[0], kind: "messages", render_as: { style: "chat_template", model: "tiny-chat" }, estimate: "rendered", tokens: 200 },
      ],
    };
    api = mockApi({
      ...Object.fromEntries(["GET /api/datasets", "GET /api/datasets/ds_1/versions", "GET /api/datasets/ds_3/versions", "GET /api/models", "GET /api/mixtures"].map((route) => [route, handlers[route]])),
      "POST /api/mixtures/preview": () => crossKind,
    });
    const user = userEvent.setup();
    renderApp("/mixtures");
    const [first, second] = await screen.findAllByTestId("mixture-source");
    await waitFor(() => expect(within(first).getAllByRole("option").length).toBeGreaterThan(3));
    await user.selectOptions(within(first).getByTestId("mixture-dataset"), "ds_3");
    await user.selectOptions(within(second).getByTestId("mixture-dataset"), "ds_1");
    expect(within(first).queryByTestId("mixture-render-as")).toBeNull();
    const renderAs = await within(second).findByTestId("mixture-render-as");
    await waitFor(() => expect(within(renderAs).getAllByRole("option")).toHaveLength(3));
    await user.selectOptions(renderAs, "chat_template:tiny-chat");
    await waitFor(async () => {
      const preview = api.calls.filter((r) => r.method === "POST" && r.url.endsWith("/preview")).at(-1);
      const sent = (await preview?.clone().json()) as MixtureCreate;
      expect(sent.kind).toBeUndefined();
      expect(sent.sources.map((s) => s.render_as)).toEqual([undefined, { style: "chat_template", model: "tiny-chat" }]);
    });
    const rows = await screen.findAllByTestId("budget-row");
    expect(rows[1]).toHaveTextContent("Finance QA v1 → text (tiny-chat's chat template)");
    expect(rows[1]).toHaveTextContent("(≈ as rendered)");

    // A conversation first: the mixture is a conversation one until the user makes it a text mixture.
    await user.selectOptions(within(first).getByTestId("mixture-dataset"), "ds_1");
    await user.selectOptions(within(second).getByTestId("mixture-dataset"), "ds_3");
    expect(screen.queryByTestId("mixture-render-as")).toBeNull();
    await user.selectOptions(screen.getByTestId("mixture-kind"), "text");
    expect(await within(first).findByTestId("mixture-render-as")).toHaveValue("plain");
  });
});
