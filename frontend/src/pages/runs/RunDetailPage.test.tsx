import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint, RunEvent } from "../../client";
import { makeRun } from "../../test/fixtures";
import { FakeEventSource, installFakeEventSource, mockApi, renderApp } from "../../test/harness";

const at = "2026-01-01T12:00:00Z";
const event = (id: number, kind: RunEvent["kind"], data: Record<string, unknown>, step: number | null = null): RunEvent => ({
  id,
  run_id: "run_1",
  kind,
  step,
  data,
  created_at: at,
});

describe("Run detail", () => {
  let run = makeRun();
  let checkpoints: Checkpoint[] = [];
  let history: RunEvent[] = [];
  let api: ReturnType<typeof mockApi>;

  beforeEach(() => {
    run = makeRun();
    checkpoints = [];
    history = [
      event(1, "status", { status: "queued", reason: "submitted" }),
      event(2, "status", { status: "running", attempt: 1 }),
    ];
    installFakeEventSource();
    api = mockApi({
      "GET /api/runs/run_1": () => run,
      "GET /api/runs": () => ({ items: [run], next_cursor: null }),
      "GET /api/checkpoints": () => ({ items: checkpoints, next_cursor: null }),
      "GET /api/runs/run_1/events": (request) => {
        const after = Number(new URL(request.url).searchParams.get("after"));
        return { items: history.filter((e) => e.id > after), next_after: null };
      },
      "POST /api/runs/run_1/cancel": () => {
        run = { ...run, cancel_requested: true };
        return run;
      },
    });
  });

  it("loads the history first, then follows the live stream: chart, log, checkpoints, end", async () => {
    renderApp("/runs/run_1");
    expect(await screen.findByTestId("run-decisions")).toHaveTextContent("learning_rate = 0.003");
    expect(screen.getByTestId("run-status")).toHaveTextContent("running");

    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    const source = FakeEventSource.instances[0];
    expect(source.url).toBe("/api/runs/run_1/events/stream?after=2"); // after the history

    act(() => {
      source.open();
      source.emit("run_event", event(2, "status", { status: "running", attempt: 1 }), 2); // a replay is ignored
      source.emit("run_event", event(3, "log", { level: "info", message: "data: 45 of 45 records used" }), 3);
      for (let step = 1; step <= 6; step++) {
        const data = { step, loss: 8 - step, learning_rate: 0.003, total_steps: 12, epoch: step / 6 };
        source.emit("run_event", event(3 + step, "metric", data, step), 3 + step);
      }
    });
    await waitFor(() => expect(screen.getByTestId("loss-chart")).toHaveAttribute("data-points", "6"));
    expect(screen.getByTestId("run-progress")).toHaveAttribute("aria-valuenow", "50");
    const lines = screen.getAllByTestId("event-log-line");
    expect(lines.map((l) => l.textContent)).toEqual([
      expect.stringContaining("status → queued (submitted)"),
      expect.stringContaining("status → running"),
      expect.stringContaining("data: 45 of 45 records used"),
    ]);

    checkpoints = [{ id: "ckpt_1", run_id: "run_1", step: 6, path: "/ckpt/checkpoint-6", metrics: { loss: 2 }, created_at: at }];
    act(() => source.emit("run_event", event(10, "checkpoint", { checkpoint_id: "ckpt_1", path: "/ckpt/checkpoint-6", loss: 2 }, 6), 10));
    const row = await screen.findByTestId("checkpoint-row");
    expect(within(row).getByText("/ckpt/checkpoint-6")).toBeInTheDocument();

    run = makeRun({ status: "succeeded", progress: { step: 12, total_steps: 12, epoch: 2, loss: 1.5 } });
    act(() => source.emit("end", { status: "succeeded" }));
    expect(source.readyState).toBe(FakeEventSource.CLOSED);
    await waitFor(() => expect(screen.getByTestId("run-status")).toHaveTextContent("succeeded"));
    expect(screen.queryByTestId("cancel-run-button")).not.toBeInTheDocument();
  });

  it("replays everything from the stream when the history cannot be read", async () => {
    api = mockApi({
      "GET /api/runs/run_1": () => run,
      "GET /api/checkpoints": () => ({ items: [], next_cursor: null }),
      "GET /api/runs/run_1/events": () => new Response("oops", { status: 500 }),
    });
    renderApp("/runs/run_1");
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1), { timeout: 4000 });
    expect(FakeEventSource.instances[0].url).toBe("/api/runs/run_1/events/stream?after=0");
  });

  it("cancels a running run", async () => {
    renderApp("/runs/run_1");
    await userEvent.click(await screen.findByTestId("cancel-run-button"));
    await waitFor(() => expect(api.calls.some((r) => r.method === "POST" && r.url.endsWith("/api/runs/run_1/cancel"))).toBe(true));
    await waitFor(() => expect(screen.getByTestId("cancel-run-button")).toHaveTextContent("Cancelling…"));
  });

  it("shows the server's message for an unknown run", async () => {
    api = mockApi({ "GET /api/runs/run_x": () => new Response(JSON.stringify({ error: "NotFound", detail: "No run 'run_x'." }), { status: 404 }) });
    renderApp("/runs/run_x");
    expect(await screen.findByRole("alert")).toHaveTextContent("No run 'run_x'.");
  });
});
