import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { QueueView } from "../../client";
import { mockApi, renderApp } from "../../test/harness";

const at = "2026-01-01T12:00:00Z";

function view(drained: boolean): QueueView {
  return {
    auto_preempt_after_seconds: null,
    workers: [
      {
        name: "big@host-b",
        host: "host-b",
        queues: ["gpu", "worker.big@host-b"],
        slots: 1,
        gpus: [
          { index: 0, name: "H100", memory_total_mb: 80_000, memory_used_mb: 20_000, utilization_pct: 93, temperature_c: 61, held_by: "run_2" },
        ],
        simulated: false,
        cpu_count: 32,
        memory_total_mb: 512_000,
        version: "0.1.0",
        drained,
        online: true,
        trains: true,
        runs: ["run_2"],
        started_at: at,
        last_heartbeat_at: new Date().toISOString(),
      },
    ],
    queued: [
      {
        id: "run_1",
        name: "waiting run",
        owner_id: "usr_1",
        owner_email: "ana@example.org",
        status: "queued",
        priority: 0,
        gpus_required: 2,
        gpu_memory_required_mb: 40_000,
        position: 1,
        wait_reason: "waiting for 2 GPUs with ≥ 40 GB each; the largest free is 1 × 24 GB on host-a",
        assigned_worker: null,
        assigned_gpus: null,
        queued_at: at,
        estimated_start: null,
      },
    ],
    running: [
      {
        id: "run_2",
        name: "running run",
        owner_id: "usr_1",
        owner_email: "ana@example.org",
        priority: 0,
        worker: "big@host-b",
        gpus: [0],
        step: 30,
        total_steps: 60,
        progress_pct: 50,
        started_at: at,
        eta: at,
        pause_requested: false,
        preempting: false,
        cancel_requested: false,
      },
    ],
    gpu_jobs: [
      {
        kind: "evaluation",
        id: "eval_1",
        status: "running",
        what: "run legal-sft, checkpoint step 10 on 2 eval sets (automatic)",
        owner_email: "ana@example.org",
        project_id: "prj_a",
        run_id: "run_2",
        worker: "big@host-b",
        attempts: 2,
        progress_pct: 40,
        queued_at: at,
        started_at: at,
      },
      {
        kind: "export",
        id: "exp_1",
        status: "queued",
        what: "merged bf16 export of run legal-sft, checkpoint step 10",
        owner_email: "ana@example.org",
        project_id: "prj_a",
        run_id: "run_2",
        worker: null,
        attempts: 0,
        progress_pct: null,
        queued_at: at,
        started_at: null,
      },
    ],
    usage: [],
  };
}

describe("Admin queue console", () => {
  let drained = false;
  let api: ReturnType<typeof mockApi>;

  beforeEach(() => {
    drained = false;
    api = mockApi({
      "GET /api/admin/queue": () => view(drained),
      // openapi-fetch percent-encodes the node name's "@" in the path.
      "POST /api/admin/workers/big%40host-b/drain": () => {
        drained = true;
        return view(drained).workers[0];
      },
      "POST /api/admin/queue/runs/run_1/priority": () => ({}),
      "POST /api/admin/queue/runs/run_2/preempt": () => ({}),
      "GET /api/admin/project-quotas": () => [
        { project_id: "prj_a", name: "Legal", max_gpus: null, max_runs: 2, effective_max_gpus: 8, effective_max_runs: 2 },
      ],
      "PUT /api/admin/project-quotas/prj_a": () => ({}),
    });
  });

  it("shows each GPU's load, why a run waits, and what runs", async () => {
    renderApp("/admin/queue");
    const worker = await screen.findByTestId("queue-worker");
    expect(within(worker).getByText(/util 93 %/)).toBeInTheDocument();
    expect(within(worker).getByText(/mem 20 GB \/ 80 GB/)).toBeInTheDocument();
    expect(screen.getByTestId("wait-reason")).toHaveTextContent("the largest free is 1 × 24 GB on host-a");
    expect(within(screen.getByTestId("running-run")).getByText("30 / 60")).toBeInTheDocument();
  });

  it("lists the evaluations and exports on the GPU queue with their worker, attempt and progress", async () => {
    renderApp("/admin/queue");
    const jobs = await screen.findAllByTestId("gpu-job");
    expect(jobs.map((j) => j.getAttribute("data-job"))).toEqual(["eval_1", "exp_1"]);
    const [evaluation, exported] = jobs;
    expect(evaluation).toHaveTextContent("attempt 2");
    expect(within(evaluation).getByText("40 %")).toBeInTheDocument();
    expect(within(evaluation).getByRole("link")).toHaveAttribute("href", "/runs/run_2");
    expect(exported).toHaveTextContent("merged bf16 export of run legal-sft, checkpoint step 10");
    expect(exported).toHaveTextContent("next free GPU worker");
    expect(exported).not.toHaveTextContent("attempt");
  });

  it("drains a worker, sets a priority and preempts a run through the admin API", async () => {
    const user = userEvent.setup();
    renderApp("/admin/queue");
    await user.click(await screen.findByTestId("worker-drain-toggle"));
    await screen.findByTestId("worker-drained");

    const row = screen.getByTestId("queued-run");
    await user.clear(within(row).getByTestId("priority-input"));
    await user.type(within(row).getByTestId("priority-input"), "5");
    await user.click(within(row).getByTestId("priority-save"));
    await waitFor(() => {
      const call = api.calls.find((c) => c.url.endsWith("/api/admin/queue/runs/run_1/priority"));
      expect(call).toBeDefined();
    });
    const priority = api.calls.find((c) => c.url.endsWith("/priority"));
    expect(await priority?.clone().json()).toEqual({ priority: 5 });

    await user.click(within(screen.getByTestId("running-run")).getByTestId("queue-preempt"));
    await waitFor(() => expect(api.calls.some((c) => c.url.endsWith("/run_2/preempt"))).toBe(true));
  });

  it("edits a project's quota, with the limit in force as the hint and bad numbers refused", async () => {
    const user = userEvent.setup();
    renderApp("/admin/queue");
    const row = await screen.findByTestId("project-quota-row");
    const gpus = within(row).getByLabelText("max GPUs of project Legal");
    expect(gpus).toHaveAttribute("placeholder", "8");
    expect(within(row).getByLabelText("max runs of project Legal")).toHaveValue("2");
    await user.type(gpus, "-1");
    expect(within(row).getByRole("button", { name: "Save" })).toBeDisabled();
    await user.clear(gpus);
    await user.type(gpus, "4");
    await user.click(within(row).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(api.calls.some((c) => c.url.endsWith("/api/admin/project-quotas/prj_a"))).toBe(true));
    const call = api.calls.find((c) => c.url.endsWith("/api/admin/project-quotas/prj_a"));
    expect(await call?.clone().json()).toEqual({ max_gpus: 4, max_runs: 2 });
  });
});
