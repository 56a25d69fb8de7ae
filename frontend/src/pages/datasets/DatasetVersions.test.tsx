import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { DatasetVersion } from "../../client";
import { dataset, models } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/harness";

function version(over: Partial<DatasetVersion>): DatasetVersion {
  return {
    id: "dsv_1",
    dataset_id: "ds_1",
    project_id: "prj_default",
    number: 1,
    parent_id: null,
    operation: "upload",
    role: null,
    parameters: {},
    status: "succeeded",
    progress: 1,
    error: null,
    sha256: "41c51127e37c8dc06d1524cbf20ee729b30f567a67b778fc779e65af16b40169",
    records_before: 45,
    record_count: 45,
    size_bytes: 7805,
    result: null,
    created_at: "2026-01-01T12:00:00Z",
    finished_at: "2026-01-01T12:00:00Z",
    ...over,
  };
}

const upload = version({});
const cleaned = version({
  id: "dsv_2",
  number: 2,
  parent_id: "dsv_1",
  operation: "clean",
  sha256: "aa11bb22cc33dd44",
  record_count: 40,
  result: {
    records_before: 45,
    records_after: 40,
    filters: [
      { name: "pii", before: 45, after: 44, dropped: 1, dropped_indices: [7] },
      { name: "exact_duplicate", before: 44, after: 40, dropped: 4, dropped_indices: [3, 9, 12, 30] },
    ],
  },
});

describe("Dataset versions", () => {
  let stored: DatasetVersion[];
  let api: ReturnType<typeof mockApi>;

  beforeEach(() => {
    stored = [upload];
    api = mockApi({
      "GET /api/datasets/ds_1": () => dataset,
      "GET /api/datasets/ds_1/records": () => ({ items: [], total: 45, next_offset: null }),
      "GET /api/datasets/ds_1/versions": () => ({ items: stored, next_cursor: null }),
      "GET /api/models": () => ({ items: models }),
      "POST /api/datasets/ds_1/clean": () => {
        stored = [version({ ...cleaned, status: "running", progress: 0.5, sha256: null, record_count: null, result: null }), upload];
        return version({ ...cleaned, status: "queued", progress: 0, sha256: null, record_count: null, result: null });
      },
      "POST /api/datasets/ds_1/split": () => {
        const train = version({ id: "dsv_3", number: 3, parent_id: "dsv_1", operation: "split", role: "train", parameters: { seed: 9 }, record_count: 40 });
        const held = version({ id: "dsv_4", number: 4, parent_id: "dsv_1", operation: "split", role: "eval", parameters: { seed: 9 }, record_count: 5 });
        stored = [held, train, upload];
        return { train, eval: held };
      },
    });
  });

  it("cleans the newest version, shows its progress, then before/after counts per filter", async () => {
    const user = userEvent.setup();
    renderApp("/datasets/ds_1");
    const rows = await screen.findAllByTestId("version-row");
    expect(within(rows[0]).getByTestId("version-lineage")).toHaveTextContent("upload");
    await user.click(screen.getByTestId("clean-button"));
    const dialog = screen.getByTestId("cleaning-dialog");
    await user.click(within(dialog).getByTestId("clean-pii"));
    await user.type(within(dialog).getByTestId("clean-near"), "0.8");
    await user.click(within(dialog).getByTestId("clean-submit"));
    const post = api.calls.find((r) => r.method === "POST");
    expect(await post?.clone().json()).toEqual({
      parent_version_id: "dsv_1",
      exact_dedup: true,
      near_dedup_threshold: 0.8,
      min_length: null,
      max_length: null,
      length_unit: "characters",
      model: null,
      garbage_threshold: null,
      drop_pii: true,
    });
    await waitFor(() => expect(screen.getByTestId("version-progress")).toHaveAttribute("aria-valuenow", "50"));
    expect(screen.queryByTestId("cleaning-dialog")).toBeNull();

    stored = [cleaned, upload];
    await user.click(await screen.findByTestId("version-counts-button", {}, { timeout: 3000 }));
    const newest = screen.getAllByTestId("version-row")[0];
    expect(within(newest).getByTestId("version-lineage")).toHaveTextContent("cleaned of v1");
    expect(within(newest).getByTestId("version-records")).toHaveTextContent("45 → 40");
    const filters = screen.getAllByTestId("cleaning-filter");
    expect(filters.map((f) => f.getAttribute("data-filter"))).toEqual(["pii", "exact_duplicate"]);
    expect(filters[1]).toHaveTextContent("44");
    expect(filters[1]).toHaveTextContent("#3 #9 #12 #30");
  });

  it("bounds lengths in tokens of a chosen model's tokenizer", async () => {
    const user = userEvent.setup();
    renderApp("/datasets/ds_1");
    await user.click(await screen.findByTestId("clean-button"));
    await user.click(screen.getByTestId("clean-exact"));
    await user.selectOptions(screen.getByTestId("clean-unit"), "tokens");
    await user.selectOptions(await screen.findByTestId("clean-model"), "tiny-chat");
    await user.type(screen.getByTestId("clean-max"), "512");
    await user.click(screen.getByTestId("clean-submit"));
    const post = api.calls.find((r) => r.method === "POST");
    expect(await post?.clone().json()).toMatchObject({
      exact_dedup: false,
      max_length: 512,
      length_unit: "tokens",
      model: "tiny-chat",
    });
  });

  it("splits with a seed into a train and an eval version", async () => {
    const user = userEvent.setup();
    renderApp("/datasets/ds_1");
    await user.click(await screen.findByTestId("split-button"));
    await user.clear(screen.getByTestId("split-seed"));
    await user.type(screen.getByTestId("split-seed"), "9");
    await user.click(screen.getByTestId("split-submit"));
    const post = api.calls.find((r) => r.method === "POST");
    expect(await post?.clone().json()).toEqual({ parent_version_id: "dsv_1", eval_fraction: 0.1, seed: 9 });
    await waitFor(() => expect(screen.getAllByTestId("version-row")).toHaveLength(3));
    const lineage = screen.getAllByTestId("version-lineage").map((c) => c.textContent);
    expect(lineage).toEqual(["split of v1 (eval, seed 9)", "split of v1 (train, seed 9)", "upload"]);
    expect(screen.getByTestId("dataset-versions")).toHaveTextContent("train on v3");
  });
});
