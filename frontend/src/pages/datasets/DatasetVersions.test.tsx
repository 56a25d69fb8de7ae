import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { DatasetVersion } from "../../client";
import { dataset, makeVersion, models } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/harness";

const version = makeVersion;

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
    // Dropped records are numbered from 1 and open the parent version's browser at that record.
    const dropped = within(filters[1]).getAllByTestId("version-record-link");
    expect(dropped.map((a) => a.textContent)).toEqual(["#4", "#10", "#13", "#31"]);
    expect(dropped[0]).toHaveAttribute("href", "/datasets/ds_1/versions/dsv_1?record=4");
    expect(within(newest).getByTestId("version-browse")).toHaveAttribute("href", "/datasets/ds_1/versions/dsv_2");
  });

  it("browses and searches a version's records on its page, which links to a run on it", async () => {
    const chat = (q: string) => ({ messages: [{ role: "user", content: q }, { role: "assistant", content: "ok" }] });
    api = mockApi({
      "GET /api/datasets/ds_1": () => dataset,
      "GET /api/datasets/ds_1/versions": () => ({ items: [cleaned, upload], next_cursor: null }),
      "GET /api/dataset-versions/dsv_2": () => cleaned,
      "GET /api/dataset-versions/dsv_2/records": (request) => {
        const q = new URL(request.url).searchParams.get("q");
        const offset = Number(new URL(request.url).searchParams.get("offset"));
        const items = q
          ? [{ index: 6, number: 7, record: chat("margin call") }]
          : [offset, offset + 1].map((i) => ({ index: i, number: i + 1, record: chat(`question ${i}`) }));
        return { items, total: 40, next_offset: null, q };
      },
    });
    const user = userEvent.setup();
    renderApp("/datasets/ds_1/versions/dsv_2?record=5");
    expect(await screen.findByTestId("version-title")).toHaveTextContent("v2");
    expect(screen.getByTestId("version-page-lineage")).toHaveTextContent("cleaned of v1");
    expect(screen.getByTestId("version-page-sha256")).toHaveTextContent(cleaned.sha256!);
    expect(await screen.findByTestId("records-from")).toHaveTextContent("From record #5");
    const shown = await screen.findAllByTestId("dataset-record");
    expect(shown[0]).toHaveTextContent("#5");
    expect(shown[0]).toHaveTextContent("question 4");
    const first = api.calls.find((r) => r.url.includes("/dataset-versions/dsv_2/records"))!;
    expect(new URL(first.url).searchParams.get("offset")).toBe("4"); // record #5 is index 4
    // A version's conversation opens its loss mask read through the version (record #5 is index 4 of v2).
    const mask = within(shown[0]).getByTestId("mask-preview-button");
    expect(mask).toHaveAttribute("href", "/datasets/ds_1/records/4/mask?version=dsv_2");

    await user.type(screen.getByTestId("records-search-input"), "margin");
    await user.click(screen.getByTestId("records-search-button"));
    await waitFor(() => expect(screen.getByTestId("records-count")).toHaveTextContent("1 match for “margin” in 40 records"));
    expect(screen.getByTestId("dataset-record")).toHaveTextContent("#7");
    const searched = api.calls.filter((r) => r.url.includes("/dataset-versions/dsv_2/records")).at(-1)!;
    expect(new URL(searched.url).searchParams.get("q")).toBe("margin");
    expect(screen.getByTestId("version-train-button")).toHaveAttribute("href", "/runs/new?dataset=ds_1&version=dsv_2");
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
