import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint, Export } from "../../client";
import { makeRun } from "../../test/fixtures";
import { installFakeEventSource, json, mockApi, renderApp } from "../../test/harness";

const at = "2026-01-01T12:00:00Z";
const checkpoint: Checkpoint = { id: "ckpt_1", run_id: "run_1", step: 6, path: "/ckpt/checkpoint-6", metrics: { loss: 2 }, created_at: at };

describe("Checkpoint exports", () => {
  let exports: Export[] = [];
  let run = makeRun();

  beforeEach(() => {
    exports = [];
    run = makeRun({ status: "succeeded" });
    installFakeEventSource();
  });

  const routes = () => ({
    "GET /api/runs/run_1": () => run,
    "GET /api/runs": () => ({ items: [run], next_cursor: null }),
    "GET /api/checkpoints": () => ({ items: [checkpoint], next_cursor: null }),
    "GET /api/runs/run_1/events": () => ({ items: [], next_after: null }),
    "GET /api/checkpoints/ckpt_1/exports": () => ({ items: exports }),
  });

  it("queues an export with the chosen kind and dtype, then shows its parity and a download link", async () => {
    const api = mockApi({
      ...routes(),
      "POST /api/checkpoints/ckpt_1/exports": async (request) => {
        const body = (await request.json()) as { kind: Export["kind"]; dtype: Export["dtype"] };
        const created: Export = {
          id: "exp_1",
          checkpoint_id: "ckpt_1",
          kind: body.kind,
          dtype: body.dtype,
          status: "succeeded",
          error: null,
          size_bytes: 2048,
          parity: { passed: true, dtype: body.dtype, max_abs_logit_diff: 0.01, tolerance: 0.1, tokens_compared: 8, tokens_matching: 8 },
          created_at: at,
          started_at: at,
          finished_at: at,
        };
        exports = [created];
        return json(created, 202);
      },
    });
    renderApp("/runs/run_1");
    await userEvent.click(await screen.findByTestId("checkpoint-export-toggle"));
    const panel = await screen.findByTestId("checkpoint-exports");
    await userEvent.selectOptions(within(panel).getByTestId("export-dtype"), "fp16");
    await userEvent.click(within(panel).getByTestId("export-submit"));

    const row = await within(panel).findByTestId("export-row");
    const post = api.calls.find((c) => c.method === "POST");
    expect(post?.url).toContain("/api/checkpoints/ckpt_1/exports");
    expect(row).toHaveTextContent("merged · fp16");
    expect(within(row).getByTestId("export-status")).toHaveTextContent("succeeded");
    expect(within(row).getByTestId("export-parity")).toHaveTextContent("passed · max |Δlogit| 0.010 ≤ 0.10 (fp16)");
    expect(within(row).getByTestId("export-download")).toHaveAttribute("href", "/api/exports/exp_1/download");
  });

  it("offers no adapter export for a whole-model run and shows the server's refusal", async () => {
    run = makeRun({ status: "succeeded", method: "full" });
    mockApi({
      ...routes(),
      "POST /api/checkpoints/ckpt_1/exports": () =>
        json({ error: "InvalidInput", detail: "The checkpoint files are gone.", field: "kind" }, 422),
    });
    renderApp("/runs/run_1");
    await userEvent.click(await screen.findByTestId("checkpoint-export-toggle"));
    const panel = await screen.findByTestId("checkpoint-exports");
    const adapter = within(panel).getByRole("option", { name: "Adapter only (LoRA)" });
    expect(adapter).toBeDisabled();
    await userEvent.click(within(panel).getByTestId("export-submit"));
    await waitFor(() => expect(within(panel).getByRole("alert")).toHaveTextContent("The checkpoint files are gone."));
  });
});
