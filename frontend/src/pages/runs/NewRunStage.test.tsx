import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { dataset, makeRun, models } from "../../test/fixtures";
import { installFakeEventSource, json, mockApi, renderApp, type Handler } from "../../test/harness";

const book = { ...dataset, id: "ds_book", name: "Handbook", format: "text" as const, source_format: "markdown" };
const pairs = { ...dataset, id: "ds_pairs", name: "Pairs", format: "preference" as const, source_format: "flat_pairs" };

function setup(createRun: Handler) {
  return mockApi({
    "GET /api/datasets": () => ({ items: [book, pairs, dataset], next_cursor: null }),
    "GET /api/models": () => ({ items: models }),
    "POST /api/runs": createRun,
    "GET /api/runs/run_1": () => makeRun({ status: "queued", stage: "cpt" }),
    "GET /api/checkpoints": () => ({ items: [], next_cursor: null }),
  });
}

const optionValues = (select: HTMLElement) => within(select).getAllByRole("option").map((o) => (o as HTMLOptionElement).value);

describe("New run form: stage", () => {
  beforeEach(() => installFakeEventSource());

  it("filters datasets by stage; continued pretraining picks the base model and hides loss_on", async () => {
    const api = setup(() => json(makeRun({ status: "queued" }), 201));
    const { router } = renderApp("/runs/new");
    const stage = await screen.findByTestId("run-stage-select");
    expect(stage).toHaveValue("sft");
    expect(optionValues(screen.getByTestId("run-dataset-select"))).toEqual(["ds_1"]);
    expect(screen.getByTestId("run-loss-on-select")).toBeInTheDocument();

    await userEvent.selectOptions(stage, "cpt");
    expect(optionValues(screen.getByTestId("run-dataset-select"))).toEqual(["ds_book"]);
    expect(screen.getByTestId("run-model-select")).toHaveValue("tiny-base");
    expect(screen.queryByTestId("run-loss-on-select")).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const post = api.calls.find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toMatchObject({ stage: "cpt", dataset_id: "ds_book", model: "tiny-base" });
  });

  it("offers the preference stages a pair dataset fits, with beta, and sends them", async () => {
    const api = setup(() => json(makeRun({ status: "queued", stage: "dpo" }), 201));
    const { router } = renderApp("/runs/new");
    const stage = await screen.findByTestId("run-stage-select");
    // No KTO dataset is uploaded, so KTO is not offered.
    expect(optionValues(stage)).toEqual(["sft", "cpt", "dpo", "orpo", "simpo"]);
    expect(screen.queryByTestId("run-beta-input")).not.toBeInTheDocument();

    await userEvent.selectOptions(stage, "simpo");
    expect(optionValues(screen.getByTestId("run-dataset-select"))).toEqual(["ds_pairs"]);
    expect(screen.getByTestId("run-model-select")).toHaveValue("tiny-chat");
    expect(screen.queryByTestId("run-loss-on-select")).not.toBeInTheDocument();
    const beta = screen.getByTestId("run-beta-input");
    expect(beta).toHaveValue("auto");
    await userEvent.clear(beta);
    await userEvent.type(beta, "2.5");

    await userEvent.click(screen.getByTestId("start-run-button"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/runs/run_1"));
    const post = api.calls.find((r) => r.method === "POST")!;
    expect(await post.clone().json()).toMatchObject({ stage: "simpo", dataset_id: "ds_pairs", loss_on: "assistant", hyperparameters: { beta: 2.5 } });
  });

  it("opens on DPO for a preference dataset", async () => {
    setup(() => json(makeRun(), 201));
    renderApp("/runs/new?dataset=ds_pairs");
    expect(await screen.findByTestId("run-stage-select")).toHaveValue("dpo");
    expect(screen.getByTestId("run-dataset-select")).toHaveValue("ds_pairs");
  });

  it("opens on continued pretraining for a text dataset", async () => {
    setup(() => json(makeRun(), 201));
    renderApp("/runs/new?dataset=ds_book");
    expect(await screen.findByTestId("run-stage-select")).toHaveValue("cpt");
    expect(screen.getByTestId("run-dataset-select")).toHaveValue("ds_book");
    expect(screen.getByTestId("run-model-select")).toHaveValue("tiny-base");
  });

  it("shows the server's stage refusal next to the stage", async () => {
    setup(() =>
      json({ error: "InvalidInput", detail: "Stage 'sft' trains on messages data, but dataset ds_1 holds 'text' records.", field: "stage" }, 422),
    );
    renderApp("/runs/new");
    await userEvent.click(await screen.findByTestId("start-run-button"));
    const message = await screen.findByText(/Stage 'sft' trains on messages data/);
    expect(message.closest(".field")).toContainElement(screen.getByTestId("run-stage-select"));
  });
});
