import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { DatasetVersion, Mixture, MixturePreview } from "../../client";
import { dataset } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/harness";

const general = { ...dataset, id: "ds_2", name: "General web", record_count: 1000 };

function version(id: string, datasetId: string, records: number): DatasetVersion {
  return {
    id,
    dataset_id: datasetId,
    project_id: "prj_default",
    number: 1,
    parent_id: null,
    operation: "upload",
    role: null,
    parameters: {},
    status: "succeeded",
    progress: 1,
    error: null,
    sha256: "ab",
    records_before: records,
    record_count: records,
    size_bytes: 100,
    result: null,
    created_at: "2026-01-01T12:00:00Z",
    finished_at: null,
  };
}

const budget: MixturePreview = {
  kind: "messages",
  total_tokens: 6000,
  total_records: 545,
  approximate: true,
  sources: [
    { dataset_version_id: "dsv_1", dataset_id: "ds_1", dataset_name: "Finance QA", version: 1, records: 45, available_tokens: 1000, estimate: "report", target_tokens: 1000, tokens: 1000, share: 1 / 6, records_out: 45, factor: 1, capped: false },
    { dataset_version_id: "dsv_2", dataset_id: "ds_2", dataset_name: "General web", version: 1, records: 1000, available_tokens: 20000, estimate: "chars/4", target_tokens: 5000, tokens: 5000, share: 5 / 6, records_out: 500, factor: 0.5, capped: false },
  ],
};

describe("Mixture builder", () => {
  let saved: Mixture[];
  let api: ReturnType<typeof mockApi>;

  beforeEach(() => {
    saved = [];
    api = mockApi({
      "GET /api/datasets": () => ({ items: [dataset, general], next_cursor: null }),
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
    });
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
    expect(within(item).getByRole("link")).toHaveAttribute("href", "/datasets/ds_9");
  });
});
