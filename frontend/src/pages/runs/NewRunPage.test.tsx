import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { dataset, makeRun, models } from "../../test/fixtures";
import { installFakeEventSource, json, mockApi, renderApp, type Handler } from "../../test/harness";

function setup(createRun: Handler) {
  installFakeEventSource();
  return mockApi({
    "GET /api/datasets": () => ({ items: [dataset], next_cursor: null }),
    "GET /api/models": () => ({ items: models }),
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
      model: "tiny-chat",
      method: "lora",
      hyperparameters: { epochs: 1, max_steps: 20, learning_rate: 0.001, save_steps: "auto", max_seq_length: "auto" },
    });
    expect(await screen.findByTestId("run-status")).toHaveTextContent("queued");
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

  it("shows an error without a known field at the top", async () => {
    setup(() => json({ error: "ServiceUnavailable", detail: "The queue is not reachable; start Redis." }, 503));
    renderApp("/runs/new");
    await userEvent.click(await screen.findByTestId("start-run-button"));
    expect(await screen.findByRole("alert")).toHaveTextContent("The queue is not reachable; start Redis.");
  });
});
