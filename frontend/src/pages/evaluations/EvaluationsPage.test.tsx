import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint, Dataset, Evaluation } from "../../client";
import { makeRun, models } from "../../test/fixtures";
import { json, mockApi, renderApp } from "../../test/harness";

const at = "2026-01-01T12:00:00Z";
const evaluation = (over: Partial<Evaluation>): Evaluation => ({
  id: "eval_1",
  project_id: "prj_default",
  run_id: "run_1",
  checkpoint_id: "ckpt_10",
  model: null,
  trigger: "automatic",
  dataset_ids: ["ds_mc"],
  general_dataset_ids: [],
  prompt_style: "plain",
  generate_answers: false,
  generation_backend: "auto",
  generation: null,
  status: "succeeded",
  progress: 1,
  attempts: 1,
  metrics: {},
  results: [],
  error: null,
  created_at: at,
  started_at: at,
  finished_at: at,
  ...over,
});
const checkpoint = (id: string, step: number): Checkpoint => ({ id, run_id: "run_1", step, path: `/ckpt/${step}`, metrics: { loss: 1 }, created_at: at });
const mcSet: Dataset = {
  id: "ds_mc",
  project_id: "prj_default",
  name: "quiz",
  filename: "quiz.jsonl",
  format: "multiple_choice",
  source_format: "multiple_choice",
  detection_confidence: 1,
  encoding: "utf-8",
  record_count: 6,
  quarantined_count: 0,
  size_bytes: 100,
  sha256: "x",
  created_at: at,
};

describe("Evaluations page", () => {
  let posted: unknown[] = [];
  let api: ReturnType<typeof mockApi>;

  beforeEach(() => {
    posted = [];
    api = mockApi({
      "GET /api/evaluations": () => ({
        items: [
          evaluation({ id: "eval_2", checkpoint_id: "ckpt_20", metrics: { mc_accuracy: 0.5, eval_loss: 1.25 } }),
          evaluation({
            id: "eval_1",
            checkpoint_id: "ckpt_10",
            metrics: { mc_accuracy: 0.75, eval_loss: 1.5 },
            generate_answers: true,
            generation: { backend: "in_process", reason: "auto: the inference service could not be used (Cannot reach it)" },
          }),
        ],
        next_cursor: null,
      }),
      "GET /api/checkpoints": () => ({ items: [checkpoint("ckpt_20", 20), checkpoint("ckpt_10", 10)], next_cursor: null }),
      "GET /api/runs": () => ({ items: [makeRun({ recommended_checkpoint_id: "ckpt_20", status: "succeeded" })], next_cursor: null }),
      "GET /api/datasets": () => ({ items: [mcSet], next_cursor: null }),
      "GET /api/models": () => ({ items: models }),
      "POST /api/evaluations": async (request) => {
        const body: unknown = await request.json();
        posted.push(body);
        if (posted.length === 1) {
          return json({ error: "InvalidInput", detail: "give at least one eval set in dataset_ids", field: null }, 422);
        }
        return evaluation({ id: "eval_3", run_id: null, checkpoint_id: null, model: "tiny-chat", status: "queued" });
      },
    });
  });

  it("compares checkpoints side by side, marks the recommended one and the best value of each metric", async () => {
    renderApp("/evaluations");
    // Runs (the recommendation) and checkpoints (the steps) load beside the evaluations.
    await screen.findByTestId("recommended-badge");
    await screen.findByText("step 10");
    const rows = screen.getAllByTestId("evaluation-row");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent("step 20");
    expect(within(rows[0]).getByTestId("recommended-badge")).toBeInTheDocument();
    expect(within(rows[1]).queryByTestId("recommended-badge")).toBeNull();
    // Best accuracy (75 %) is step 10's, best (lowest) loss step 20's: each shown in bold.
    expect(within(rows[1]).getByText("75.0%").tagName).toBe("STRONG");
    expect(within(rows[0]).getByText("1.2500").tagName).toBe("STRONG");
    expect(within(rows[0]).getByText("50.0%").tagName).not.toBe("STRONG");
    // Who generated the replies, and why (the reason is the tooltip).
    const generation = within(rows[1]).getByTestId("evaluation-generation");
    expect(generation).toHaveTextContent("replies generated in process");
    expect(generation).toHaveAttribute("title", expect.stringContaining("Cannot reach"));
    expect(within(rows[0]).queryByTestId("evaluation-generation")).toBeNull();
  });

  it("evaluates a model on demand and shows the server's reason when it refuses", async () => {
    renderApp("/evaluations");
    const form = await screen.findByTestId("evaluate-form");
    await userEvent.click(within(form).getByTestId("evaluate-button"));
    expect(await within(form).findByTestId("evaluate-error")).toHaveTextContent("give at least one eval set");
    await userEvent.click(within(screen.getByTestId("evaluate-sets-checks")).getByRole("checkbox"));
    await userEvent.click(within(form).getByTestId("evaluate-button"));
    await waitFor(() => expect(posted).toHaveLength(2));
    expect(posted[1]).toEqual({ model: "tiny-base", dataset_ids: ["ds_mc"], general_dataset_ids: [], prompt_style: "plain", generate_answers: false, generation_backend: "auto" });
    await userEvent.click(within(form).getByTestId("evaluate-generate"));
    await userEvent.click(within(form).getByTestId("evaluate-button"));
    await waitFor(() => expect(posted).toHaveLength(3));
    expect(posted[2]).toMatchObject({ generate_answers: true, generation_backend: "auto" });
    await userEvent.selectOptions(within(form).getByTestId("evaluate-backend"), "service");
    await userEvent.click(within(form).getByTestId("evaluate-button"));
    await waitFor(() => expect(posted).toHaveLength(4));
    expect(posted[3]).toMatchObject({ generate_answers: true, generation_backend: "service" });
    expect(api.calls.some((c) => c.method === "POST")).toBe(true);
  });
});
