import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Distribution, Report, ReportResult } from "../../client";
import { dataset, models } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/harness";

function dist(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    records: values.length,
    total: values.reduce((a, b) => a + b, 0),
    mean: values.reduce((a, b) => a + b, 0) / values.length,
    max: sorted[sorted.length - 1],
    p50: sorted[Math.floor(values.length / 2)],
    p90: sorted[sorted.length - 1],
    p99: sorted[sorted.length - 1],
    histogram: { edges: [0, 10, 20], counts: [1, values.length - 1] },
  };
}

const listed = (indices: number[]) => ({ count: indices.length, indices });

const result: ReportResult = {
  kind: "messages",
  records: 3,
  turns: dist([2, 2, 3]),
  tokens: { total: dist([12, 15, 19]), roles: { user: dist([4, 5, 6]), assistant: dist([6, 8, 9]) } },
  max_length: 16,
  languages: [{ language: "en", records: 3 }],
  exact_duplicates: { groups: 1, duplicate_records: 1, examples: [{ indices: [0, 2], size: 2, previews: ["user: hi", "user: hi"] }] },
  near_duplicates: { groups: 0, duplicate_records: 0, examples: [], threshold: 0.8, shingle_words: 5, num_perm: 64 },
  quality: { thresholds: {}, flagged: listed([]), by_reason: { repetition: listed([]) } },
  empty: listed([]),
  over_long: listed([2]),
  template_errors: { ...listed([]), first: null },
  pii: {
    records: listed([1]),
    by_type: { email: { ...listed([1]), matches: 1, examples: [{ index: 1, value: "j***@***.com" }] } },
  },
  contamination: null,
};

function report(over: Partial<Report>): Report {
  return {
    id: "rep_1",
    project_id: "prj_default",
    dataset_id: "ds_1",
    compare_dataset_id: null,
    model: "tiny-chat",
    max_length: 16,
    near_duplicate_threshold: 0.8,
    status: "queued",
    progress: 0,
    error: null,
    result: null,
    created_at: "2026-11-22T00:00:00Z",
    started_at: null,
    finished_at: null,
    ...over,
  };
}

describe("Data report page", () => {
  let stored: Report[];
  let api: ReturnType<typeof mockApi>;

  beforeEach(() => {
    stored = [];
    api = mockApi({
      "GET /api/datasets/ds_1": () => dataset,
      "GET /api/datasets": () => ({ items: [dataset, { ...dataset, id: "ds_2", name: "eval set" }], next_cursor: null }),
      "GET /api/models": () => ({ items: models }),
      "GET /api/datasets/ds_1/reports": () => ({ items: stored, next_cursor: null }),
      "POST /api/datasets/ds_1/reports": () => {
        stored = [report({ status: "running", progress: 0.4 })];
        return report({ status: "queued" });
      },
    });
  });

  it("requests a report, shows its progress, then its numbers with links to the flagged records", async () => {
    const user = userEvent.setup();
    renderApp("/datasets/ds_1/report");
    await screen.findByText(/No report yet/);
    await user.selectOptions(await screen.findByTestId("report-compare-select"), "ds_2");
    await user.click(screen.getByTestId("report-run-button"));
    const post = api.calls.find((r) => r.method === "POST");
    expect(await post?.clone().json()).toEqual({ model: "tiny-chat", compare_with: "ds_2", near_duplicate_threshold: 0.8 });
    await waitFor(() => expect(screen.getByTestId("report-progress")).toHaveAttribute("aria-valuenow", "40"));
    expect(screen.getByTestId("report-run-button")).toBeDisabled();

    stored = [report({ status: "succeeded", progress: 1, result })];
    await screen.findByTestId("report-summary", {}, { timeout: 3000 });
    expect(screen.queryByTestId("report-progress")).toBeNull();
    expect(screen.getByTestId("report-records")).toHaveTextContent("3");
    const rows = screen.getAllByTestId("percentile-row").map((r) => r.getAttribute("data-role"));
    expect(rows).toEqual(["total", "user", "assistant", "turns"]);
    const overLong = screen.getAllByTestId("finding-row").find((r) => r.getAttribute("data-finding") === "over-long")!;
    // Index 2 is record #3: people count from 1, and the link opens the browser at #3.
    const link = within(overLong).getByTestId("report-record-link");
    expect(link).toHaveTextContent(/^#3$/);
    expect(link).toHaveAttribute("href", "/datasets/ds_1?record=3");
    const duplicates = within(screen.getByTestId("duplicate-group")).getAllByTestId("report-record-link");
    expect(duplicates.map((a) => a.textContent)).toEqual(["#1", "#3"]);
    expect(screen.getByTestId("pii-examples")).toHaveTextContent("#2 j***@***.com");
  });
});
