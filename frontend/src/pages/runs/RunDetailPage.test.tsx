import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { Checkpoint, RunEvent } from "../../client";
import { makeRun, versionsOfDataset } from "../../test/fixtures";
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
      "GET /api/dataset-versions/dsv_2": () => versionsOfDataset[0],
      "GET /api/checkpoints": () => ({ items: checkpoints, next_cursor: null }),
      "GET /api/runs/run_1/events": (request) => {
        const after = Number(new URL(request.url).searchParams.get("after"));
        return { items: history.filter((e) => e.id > after), next_after: null };
      },
      "POST /api/runs/run_1/cancel": () => {
        run = { ...run, cancel_requested: true };
        return run;
      },
      "POST /api/runs/run_1/pause": () => {
        run = { ...run, pause_requested: true };
        return run;
      },
      "POST /api/runs/run_1/resume": () => {
        run = { ...run, status: "queued", pause_requested: false };
        return run;
      },
    });
  });

  it("charts reward accuracy and margin for a preference run, and nothing of the kind for SFT", async () => {
    run = makeRun({ stage: "dpo" });
    checkpoints = [{ id: "ckpt_1", run_id: "run_1", step: 3, path: "/ckpt/checkpoint-3", metrics: { loss: 0.4, "rewards/accuracy": 0.75 }, created_at: at }];
    history = [
      ...history,
      ...[1, 2, 3].map((step) =>
        event(2 + step, "metric", {
          step,
          loss: 0.7 - step / 10,
          extra: { "rewards/accuracy": step / 4, "rewards/margin": step / 5, "rewards/chosen": 0, "rewards/rejected": -step / 5 },
        }, step),
      ),
    ];
    renderApp("/runs/run_1");
    await waitFor(() => expect(screen.getByTestId("reward-accuracy-chart")).toHaveAttribute("data-points", "3"));
    expect(screen.getByTestId("run-stage")).toHaveTextContent("DPO");
    expect(screen.getByTestId("reward-margin-chart")).toHaveAttribute("data-points", "3");
    expect(screen.getByTestId("reward-margin-summary")).toHaveTextContent("latest 0.600");
    expect(screen.getByTestId("reward-charts")).toHaveTextContent("latest 75%");
    expect(await screen.findByTestId("checkpoint-reward-accuracy")).toHaveTextContent("75%");
  });

  it("links to the run in MLflow once a tracker announces it, and says where an offline W&B run is", async () => {
    renderApp("/runs/run_1");
    await waitFor(() => expect(FakeEventSource.instances).toHaveLength(1));
    expect(screen.queryByTestId("run-trackers")).not.toBeInTheDocument();
    const url = "https://mlflow.example.com/#/experiments/1/runs/abc";
    run = {
      ...run,
      trackers: [
        { name: "MLflow", where: url, url },
        { name: "W&B", where: "/data/runs/run_1/wandb/offline-run-1 (offline)", url: null },
      ],
    };
    const message = `MLflow: this run is tracked at ${url}`;
    act(() => FakeEventSource.instances[0].emit("run_event", event(3, "log", { level: "info", message, tracker: "MLflow", tracker_url: url }), 3));
    const link = within(await screen.findByTestId("run-tracker-mlflow")).getByRole("link", { name: "MLflow ↗" });
    expect(link).toHaveAttribute("href", url);
    expect(link).toHaveAttribute("target", "_blank");
    const wandb = screen.getByTestId("run-tracker-wandb");
    expect(wandb).toHaveTextContent("W&B: /data/runs/run_1/wandb/offline-run-1 (offline)");
    expect(within(wandb).queryByRole("link")).not.toBeInTheDocument();
  });

  it("shows no reward charts without reward metrics", async () => {
    history = [...history, event(3, "metric", { step: 1, loss: 2 }, 1)];
    renderApp("/runs/run_1");
    await waitFor(() => expect(screen.getByTestId("loss-chart")).toHaveAttribute("data-points", "1"));
    expect(screen.queryByTestId("reward-charts")).not.toBeInTheDocument();
    expect(screen.queryByTestId("run-stage")).not.toBeInTheDocument();
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

  it("shows method, model and device in the header, and the pre-flight estimate", async () => {
    run = makeRun({
      resolved_spec: {
        ...makeRun().resolved_spec,
        method: "lora",
        resources: { device: "cuda", gpus: 1, gpu_memory_gb: 80, gpu_type: "H100" },
        estimate: {
          parameters: 805_504,
          trainable_parameters: 34_816,
          weights_gb: 20,
          gradients_gb: 4,
          optimizer_gb: 8,
          activations_gb: 4,
          total_gb: 40,
          budget_gb: 80,
          fits: true,
          seconds: 720,
        },
      },
    });
    renderApp("/runs/run_1");
    const card = await screen.findByTestId("run-estimate");
    expect(screen.getByTestId("run-method")).toHaveTextContent("LoRA");
    expect(screen.getByTestId("run-device")).toHaveTextContent("1 × H100");
    expect(screen.getByTestId("run-method").parentElement).toHaveTextContent(/LoRA · tiny-chat on 1 × H100 · dataset ds_1/);
    expect(within(card).getByTestId("run-estimate-params")).toHaveTextContent("34,816 of 805,504 (4.3 %)");
    expect(within(card).getByTestId("run-estimate-time")).toHaveTextContent("≈ 12 min on 1 × H100");
    expect(within(card).getByTestId("run-estimate-total")).toHaveTextContent("40 GB per GPU of 80 GB (50 % of the budget)");
    expect(within(card).getByTestId("run-estimate-fits")).toHaveTextContent("fits");
    const segments = within(card).getAllByTestId("run-estimate-segment");
    expect(segments.map((el) => [el.dataset.part, el.style.width])).toEqual([
      ["weights", "25%"],
      ["gradients", "5%"],
      ["optimizer", "10%"],
      ["activations", "5%"],
      ["overhead", "5%"],
    ]);
    expect(within(card).getByTestId("run-estimate-budget").style.left).toBe("100%");
  });

  it("says so when the server could not estimate the run", async () => {
    run = makeRun({ resolved_spec: { ...makeRun().resolved_spec, estimate: null } });
    renderApp("/runs/run_1");
    expect(await screen.findByTestId("run-estimate")).toHaveTextContent("No estimate (the model's config is unknown).");
  });

  it("draws the eval loss as a second series and lists it with the checkpoints", async () => {
    checkpoints = [{ id: "ckpt_1", run_id: "run_1", step: 4, path: "/ckpt/checkpoint-4", metrics: { loss: 2, eval_loss: 2.25 }, created_at: at }];
    history = [
      ...history,
      ...[1, 2, 3, 4].map((step) => event(2 + step, "metric", { step, loss: 4 - step / 2, total_steps: 12, ...(step % 2 === 0 ? { eval_loss: 4.1 - step / 2 } : {}) }, step)),
    ];
    renderApp("/runs/run_1");
    const chart = await screen.findByTestId("loss-chart");
    await waitFor(() => expect(chart).toHaveAttribute("data-points", "4"));
    expect(chart).toHaveAttribute("data-overlay-points", "2");
    expect(screen.getByTestId("eval-loss-summary")).toHaveTextContent("latest 2.1000 at step 4");
    expect(within(await screen.findByTestId("checkpoint-row")).getByTestId("checkpoint-eval-loss")).toHaveTextContent("2.2500");
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

  it("pauses a running run, and offers to resume a paused one", async () => {
    renderApp("/runs/run_1");
    await userEvent.click(await screen.findByTestId("pause-run-button"));
    await waitFor(() => expect(api.calls.some((r) => r.method === "POST" && r.url.endsWith("/api/runs/run_1/pause"))).toBe(true));
    expect(await screen.findByTestId("resume-run-button")).toHaveTextContent("Pausing… (resume instead)");
  });

  it("resumes a paused run", async () => {
    run = makeRun({ status: "paused" });
    history = [event(1, "status", { status: "paused", reason: "paused by user at a checkpoint" })];
    renderApp("/runs/run_1");
    expect(await screen.findByTestId("run-status")).toHaveClass("badge--paused");
    expect(screen.getByTestId("cancel-run-button")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("resume-run-button"));
    await waitFor(() => expect(api.calls.some((r) => r.method === "POST" && r.url.endsWith("/api/runs/run_1/resume"))).toBe(true));
  });

  it("explains the validating status", async () => {
    run = makeRun({ status: "validating", started_at: null });
    history = [event(1, "status", { status: "validating", reason: "submitted; checking every record" })];
    renderApp("/runs/run_1");
    const badge = await screen.findByTestId("run-status");
    expect(badge).toHaveTextContent("validating");
    expect(badge).toHaveClass("badge--validating");
    expect(screen.getByTestId("run-validating-note")).toHaveTextContent("checking every record against the model's chat template");
    expect(screen.getByTestId("run-progress")).not.toHaveAttribute("aria-valuenow"); // moving, no step count yet
    expect(screen.getByTestId("run-progress").parentElement).toHaveTextContent("checking the data");
    expect(screen.getByTestId("cancel-run-button")).toBeInTheDocument(); // not started yet: it can be cancelled
  });

  it("shows why a run failed validation, and links each bad record to its loss-mask preview", async () => {
    const reason = "2 of 45 records cannot be rendered with tiny-chat's chat template; fix or remove them (first: record #4 (index 3): roles must alternate)";
    run = makeRun({
      status: "failed",
      error: reason,
      finished_at: at,
      resolved_spec: { ...makeRun().resolved_spec, model: { name: "tiny-chat", path: "/models/tiny-chat", variant: "chat" }, loss_on: "all" },
    });
    history = [
      event(1, "status", { status: "validating", reason: "submitted; checking every record" }),
      event(2, "log", { level: "error", message: "record #4 (index 3): roles must alternate", record: 3 }),
      event(3, "log", { level: "error", message: "record #8 (index 7): empty message", record: 7 }),
      event(4, "status", { status: "failed", reason }),
    ];
    const { router } = renderApp("/runs/run_1");
    expect(await screen.findByTestId("run-error")).toHaveTextContent(`This run failed.${reason}`);
    const links = await screen.findAllByTestId("event-log-record-link");
    expect(links).toHaveLength(2);
    expect(links[0].closest("[data-testid=event-log-line]")).toHaveTextContent("record #4 (index 3): roles must alternate");
    expect(links[0]).toHaveAttribute("href", "/datasets/ds_1/records/3/mask?model=tiny-chat&loss_on=all");
    expect(links[1]).toHaveAttribute("href", "/datasets/ds_1/records/7/mask?model=tiny-chat&loss_on=all");
    await userEvent.click(links[0]);
    await waitFor(() => expect(router.state.location.pathname).toBe("/datasets/ds_1/records/3/mask"));
  });

  it("says which dataset version it trained on, with its content hash, linking to its records", async () => {
    const sha = "aa11bb22cc33dd44ee55";
    run = makeRun({ dataset_version_id: "dsv_2", resolved_spec: { ...makeRun().resolved_spec, dataset_version_id: "dsv_2", dataset_sha256: sha } });
    renderApp("/runs/run_1");
    const link = await screen.findByTestId("run-dataset-version");
    await waitFor(() => expect(link).toHaveTextContent(/^v2 \(sha256 aa11bb22cc33\)$/));
    expect(link).toHaveAttribute("href", "/datasets/ds_1/versions/dsv_2");
    expect(screen.getByTestId("run-dataset-sha256")).toHaveTextContent("aa11bb22cc33");
  });

  it("names the mixture it trained on, linking to it on the mixtures page", async () => {
    const mixture = { id: "mix_1", name: "finance-mix", version: 2, seed: 7, sources: [] };
    run = makeRun({ mixture_id: "mix_1", resolved_spec: { ...makeRun().resolved_spec, mixture } });
    renderApp("/runs/run_1");
    const link = await screen.findByTestId("run-mixture");
    expect(link).toHaveTextContent(/^finance-mix v2$/);
    expect(link).toHaveAttribute("href", "/mixtures#mix_1");
  });

  it("does not link validation failures to the upload's records when the run trained on another version", async () => {
    run = makeRun({
      status: "failed",
      error: "bad data",
      finished_at: at,
      dataset_version_id: "dsv_2",
      resolved_spec: { ...makeRun().resolved_spec, model: { name: "tiny-chat", path: "/models/tiny-chat", variant: "chat" } },
    });
    history = [event(1, "log", { level: "error", message: "record #4 (index 3): roles must alternate", record: 3 })];
    renderApp("/runs/run_1");
    expect(await screen.findByText("record #4 (index 3): roles must alternate")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("run-dataset-version")).toHaveTextContent("v2"));
    expect(screen.queryByTestId("event-log-record-link")).not.toBeInTheDocument();
  });

  it("does not link records when the run has no resolved model", async () => {
    run = makeRun({ status: "failed", error: "bad data", finished_at: at });
    history = [event(1, "log", { level: "error", message: "record #4 (index 3): roles must alternate", record: 3 })];
    renderApp("/runs/run_1");
    expect(await screen.findByText("record #4 (index 3): roles must alternate")).toBeInTheDocument();
    expect(screen.queryByTestId("event-log-record-link")).not.toBeInTheDocument();
  });

  it("shows the server's message for an unknown run", async () => {
    api = mockApi({ "GET /api/runs/run_x": () => new Response(JSON.stringify({ error: "NotFound", detail: "No run 'run_x'." }), { status: 404 }) });
    renderApp("/runs/run_x");
    expect(await screen.findByRole("alert")).toHaveTextContent("No run 'run_x'.");
  });
});
