import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { dataset, makeRun, models, versionsOfDataset } from "../../test/fixtures";
import { installFakeEventSource, json, mockApi, renderApp, type Handler } from "../../test/harness";

function setup(createRun: Handler) {
  installFakeEventSource();
  return mockApi({
    "GET /api/datasets": () => ({ items: [dataset], next_cursor: null }),
    "GET /api/models": () => ({ items: models }),
    "GET /api/datasets/ds_1/versions": () => ({ items: versionsOfDataset, next_cursor: null }),
    "POST /api/runs": createRun,
    "GET /api/runs/run_1": () => makeRun({ status: "queued" }),
    "GET /api/checkpoints": () => ({ items: [], next_cursor: null }),
  });
}

describe("New run form", () => {
  beforeEach(() => installFakeEventSource());

  it("defaults to tiny-chat, shows the schema's help text, and submits a typed spec", async () => {
    const api = setup(() => json(makeRun({ status: "queued" }), 201));
    const { router } = renderApp("/runs/new");
    expect(await screen.findByTestId("run-model-select")).toHaveValue("tiny-chat");
    expect(screen.getByTestId("run-dataset-select")).toHaveValue("ds_1");
    expect(screen.getByTestId("run-method-select")).toHaveValue("auto");
    expect(screen.getByTestId("run-method-help")).toHaveTextContent(/picks full, LoRA or QLoRA/);
    expect(screen.getByText(/'auto' uses the model family's recommendation/)).toBeInTheDocument();

    await userEvent.clear(screen.getByTestId("run-epochs-input"));
    await userEvent.type(screen.getByTestId("run-epochs-input"), "1");
    await userEvent.clear(screen.getByTestId("run-max-steps-input"));
    await userEvent.type(screen.getByTestId("run-max-steps-input"), "20");
    await userEvent.clear(screen.getByTestId("run-learning-rate-input"));
    await userEvent.type(screen.getByTestId("run-learning-rate-input"), "1e-3");
    await userEvent.click(screen.getByTestId("start-run-button"));

    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const post = api.calls.find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toMatchObject({
      dataset_id: "ds_1",
      dataset_version_id: "dsv_2", // the newest training version, as the server would pick, sent explicitly
      model: "tiny-chat",
      method: "auto",
      hyperparameters: { epochs: 1, max_steps: 20, learning_rate: 0.001, save_steps: "auto", max_seq_length: "auto", packing: "auto" },
      resources: { gpus: "auto", gpu_memory_gb: "auto", gpu_type: "auto" },
    });
    expect(await screen.findByTestId("run-status")).toHaveTextContent("queued");
  });

  it("picks a version of the dataset, the newest by default, or the one the link names", async () => {
    const api = setup(() => json(makeRun({ status: "queued" }), 201));
    const { router } = renderApp("/runs/new?dataset=ds_1&version=dsv_1");
    const picker = await screen.findByTestId("run-dataset-version-select");
    await waitFor(() => expect(picker).toHaveValue("dsv_1"));
    const options = within(picker).getAllByRole("option").map((o) => o.textContent);
    expect(options).toEqual(["v2 · cleaned of v1 · 40 records · aa11bb22cc33 (newest, default)", "v1 · upload · 45 records · 41c51127e37c"]);
    await userEvent.selectOptions(picker, "dsv_2");
    await userEvent.selectOptions(picker, "dsv_1");
    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const body = (await api.calls.find((r) => r.method === "POST")!.clone().json()) as Record<string, unknown>;
    expect(body).toMatchObject({ dataset_id: "ds_1", dataset_version_id: "dsv_1" });
  });

  it("declares an automatic evaluation of every checkpoint when an eval set is ticked", async () => {
    const api = setup(() => json(makeRun({ status: "queued" }), 201));
    const { router } = renderApp("/runs/new");
    const sets = await screen.findByTestId("run-eval-sets-checks");
    await userEvent.click(within(sets).getByRole("checkbox"));
    await userEvent.selectOptions(screen.getByTestId("run-best-metric"), "eval_loss");
    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const post = api.calls.find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toMatchObject({
      evaluation: { dataset_ids: ["ds_1"], general_dataset_ids: [], best_metric: "eval_loss", prompt_style: "plain", generate_answers: false },
    });
  });

  it("sends no evaluation block when no eval set is ticked", async () => {
    const api = setup(() => json(makeRun({ status: "queued" }), 201));
    const { router } = renderApp("/runs/new");
    await userEvent.click(await screen.findByTestId("start-run-button"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const body = (await api.calls.find((r) => r.method === "POST")!.clone().json()) as Record<string, unknown>;
    expect(body).not.toHaveProperty("evaluation");
  });

  it("checks fields before sending", async () => {
    const api = setup(() => json(makeRun(), 201));
    renderApp("/runs/new");
    const steps = await screen.findByTestId("run-max-steps-input");
    await userEvent.clear(steps);
    await userEvent.type(steps, "ten");
    await userEvent.click(screen.getByTestId("start-run-button"));
    expect(await screen.findByText("Enter a whole number or 'auto'.")).toBeInTheDocument();
    expect(api.calls.some((r) => r.method === "POST")).toBe(false);
  });

  it("shows a server validation error next to its field", async () => {
    setup(() =>
      json(
        {
          error: "InvalidInput",
          detail: "max_seq_length 4096 exceeds tiny-chat's context length of 512 tokens; use at most 512.",
          field: "hyperparameters.max_seq_length",
        },
        422,
      ),
    );
    renderApp("/runs/new");
    const input = await screen.findByTestId("run-max-seq-length-input");
    await userEvent.clear(input);
    await userEvent.type(input, "4096");
    await userEvent.click(screen.getByTestId("start-run-button"));
    const message = await screen.findByText(/exceeds tiny-chat's context length/);
    expect(message.closest(".field")).toContainElement(input);
  });

  it("offers the family first, and sends its name so the server picks the variant", async () => {
    const api = setup(() => json(makeRun({ status: "queued" }), 201));
    renderApp("/runs/new");
    const select = await screen.findByTestId("run-model-select");
    const options = within(select).getAllByRole("option");
    expect(options.map((o) => (o as HTMLOptionElement).value)).toEqual(["tiny", "tiny-chat", "tiny-base"]);
    expect(options[0]).toHaveTextContent("tiny — chat or base, chosen from your data");
    await userEvent.selectOptions(select, "tiny");
    expect(screen.getByText(/The server picks tiny-chat or tiny-base/)).toBeInTheDocument();
    await userEvent.selectOptions(screen.getByTestId("run-method-select"), "qlora");
    expect(screen.getByTestId("run-method-help")).toHaveTextContent(/least memory/);
    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(api.calls.some((r) => r.method === "POST")).toBe(true));
    const post = api.calls.find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toMatchObject({ model: "tiny", method: "qlora" });
  });

  it("shows a 'does not fit' refusal next to the method, with suggestions that can be applied", async () => {
    const bodies: unknown[] = [];
    setup(async (request) => {
      bodies.push(await request.json());
      return json(
        {
          error: "InvalidInput",
          detail:
            "full fine-tuning of tiny-chat needs ≈ 20.3 GB per device but 16 GB are available. Try: use QLORA (≈ 12.1 GB); turn on gradient checkpointing.",
          field: "method",
        },
        422,
      );
    });
    renderApp("/runs/new");
    await userEvent.selectOptions(await screen.findByTestId("run-method-select"), "full");
    expect(screen.queryByTestId("run-lora-r-input")).not.toBeInTheDocument(); // LoRA rank means nothing for full
    await userEvent.click(screen.getByTestId("start-run-button"));

    const problem = await screen.findByTestId("run-method-error");
    expect(problem.closest(".field")).toContainElement(screen.getByTestId("run-method-select"));
    expect(problem).toHaveTextContent("needs ≈ 20.3 GB per device but 16 GB are available.");
    const suggestions = within(problem).getAllByTestId("run-method-suggestion");
    expect(suggestions.map((s) => s.textContent)).toEqual([expect.stringContaining("use QLORA (≈ 12.1 GB)"), expect.stringContaining("turn on gradient checkpointing")]);
    expect(screen.getByText("The run was not started: fix the field marked below.")).toBeInTheDocument();
    expect(bodies[0]).toMatchObject({ method: "full" });

    await userEvent.click(within(suggestions[0]).getByRole("button", { name: "Apply" }));
    expect(screen.getByTestId("run-method-select")).toHaveValue("qlora");
    expect(screen.queryByTestId("run-method-error")).not.toBeInTheDocument();
    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(bodies).toHaveLength(2));
    expect(bodies[1]).toMatchObject({ method: "qlora" });
  });

  it("shows the advanced settings that apply, and a hardware refusal next to its field", async () => {
    const bodies: unknown[] = [];
    setup(async (request) => {
      bodies.push(await request.json());
      return json({ error: "InvalidInput", detail: "resources.gpus = 4 but the pool has 1 GPU(s) (TUNEWRIGHT_GPU_COUNT); ask for at most 1.", field: "resources.gpus" }, 422);
    });
    renderApp("/runs/new");
    const toggle = await screen.findByTestId("run-advanced-toggle");
    expect(screen.queryByTestId("run-advanced")).not.toBeInTheDocument();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute("aria-expanded", "true");

    // auto: the LoRA options apply, the freeze layer count does not; no eval split, so no eval schedule.
    expect(screen.getByTestId("run-use-rslora-checkbox")).toBeInTheDocument();
    expect(screen.queryByTestId("run-freeze-layers-input")).not.toBeInTheDocument();
    expect(screen.queryByTestId("run-eval-steps-input")).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByTestId("run-method-select"), "freeze");
    expect(screen.getByTestId("run-freeze-layers-input")).toHaveValue("2");
    expect(screen.queryByTestId("run-use-rslora-checkbox")).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByTestId("run-method-select"), "lora");
    await userEvent.click(screen.getByTestId("run-use-dora-checkbox"));

    const fraction = screen.getByTestId("run-eval-fraction-input");
    await userEvent.clear(fraction);
    await userEvent.type(fraction, "0.1");
    expect(screen.getByTestId("run-eval-steps-input")).toHaveValue("auto");
    expect(screen.getByTestId("run-early-stopping-input")).toHaveAttribute("placeholder", "never");
    await userEvent.type(screen.getByTestId("run-early-stopping-input"), "3");
    await userEvent.selectOptions(screen.getByTestId("run-gradient-checkpointing-select"), "on");
    await userEvent.selectOptions(screen.getByTestId("run-precision-select"), "bf16");
    const gpus = screen.getByTestId("run-gpus-input");
    await userEvent.clear(gpus);
    await userEvent.type(gpus, "4");

    // Collapsed before sending: the refusal opens the section again to show where.
    await userEvent.click(toggle);
    await userEvent.click(screen.getByTestId("start-run-button"));
    const message = await screen.findByText(/the pool has 1 GPU/);
    expect(message.closest(".field")).toContainElement(screen.getByTestId("run-gpus-input"));
    expect(bodies[0]).toMatchObject({
      method: "lora",
      hyperparameters: { use_dora: true, use_rslora: false, eval_fraction: 0.1, eval_steps: "auto", early_stopping_patience: 3, gradient_checkpointing: true, precision: "bf16" },
      resources: { gpus: 4, gpu_memory_gb: "auto", gpu_type: "auto" },
    });
    expect((bodies[0] as { hyperparameters: object }).hyperparameters).not.toHaveProperty("freeze_trainable_layers");
  });

  it("shows an error without a known field at the top", async () => {
    setup(() => json({ error: "ServiceUnavailable", detail: "The queue is not reachable; start Redis." }, 503));
    renderApp("/runs/new");
    await userEvent.click(await screen.findByTestId("start-run-button"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The queue is not reachable; start Redis.");
  });
});

describe("New run on a mixture", () => {
  beforeEach(() => installFakeEventSource());
  const mixture = {
    id: "mix_1",
    project_id: "prj_default",
    name: "manuals-mix",
    version: 2,
    seed: 7,
    kind: "text",
    sources: [],
    plan: { total_records: 120 },
    status: "succeeded",
    progress: 1,
    error: null,
    dataset_id: "ds_9",
    dataset_version_id: "dsv_9",
    created_at: "2026-01-01T00:00:00Z",
    finished_at: "2026-01-01T00:01:00Z",
  };

  it("names the mixture in place of the dataset pickers, trains a text mixture with CPT, and sends mixture_id", async () => {
    const api = mockApi({
      "GET /api/datasets": () => ({ items: [dataset], next_cursor: null }),
      "GET /api/models": () => ({ items: models }),
      "GET /api/datasets/ds_1/versions": () => ({ items: versionsOfDataset, next_cursor: null }),
      "GET /api/mixtures/mix_1": () => mixture,
      "POST /api/runs": () => json(makeRun({ status: "queued" }), 201),
      "GET /api/runs/run_1": () => makeRun({ status: "queued" }),
      "GET /api/checkpoints": () => ({ items: [], next_cursor: null }),
    });
    const { router } = renderApp("/runs/new?mixture=mix_1");
    expect(await screen.findByTestId("run-mixture")).toHaveTextContent("Mixture: manuals-mix v2 (text, 120 records, seed 7)");
    expect(screen.queryByTestId("run-dataset-select")).toBeNull();
    expect(screen.queryByTestId("run-dataset-version-select")).toBeNull();
    await waitFor(() => expect(screen.getByTestId("run-stage-select")).toHaveValue("cpt"));
    expect(screen.getByTestId("run-model-select")).toHaveValue("tiny-base");

    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const sent = (await api.calls.find((r) => r.method === "POST")!.clone().json()) as Record<string, unknown>;
    expect(sent).toMatchObject({ mixture_id: "mix_1", stage: "cpt", model: "tiny-base" });
    expect(sent).not.toHaveProperty("dataset_id");
    expect(sent).not.toHaveProperty("dataset_version_id");
  });

  it("shows a refusal on the mixture, and goes back to picking a dataset", async () => {
    mockApi({
      "GET /api/datasets": () => ({ items: [dataset], next_cursor: null }),
      "GET /api/models": () => ({ items: models }),
      "GET /api/datasets/ds_1/versions": () => ({ items: versionsOfDataset, next_cursor: null }),
      "GET /api/mixtures/mix_1": () => ({ ...mixture, kind: "messages" }),
      "POST /api/runs": () =>
        json({ error: "Conflict", detail: "Mixture manuals-mix v2 (mix_1) is still being materialised (40% done).", field: "mixture_id" }, 409),
    });
    renderApp("/runs/new?mixture=mix_1");
    await screen.findByTestId("run-mixture");
    await waitFor(() => expect(screen.getByTestId("run-stage-select")).toHaveValue("sft"));
    await userEvent.click(screen.getByTestId("start-run-button"));
    expect(await screen.findByText(/is still being materialised/)).toBeInTheDocument();

    await userEvent.click(screen.getByTestId("run-mixture-clear"));
    expect(screen.queryByTestId("run-mixture")).toBeNull();
    expect(screen.queryByText(/is still being materialised/)).toBeNull();
    expect(await screen.findByTestId("run-dataset-select")).toHaveValue("ds_1");
  });
});
