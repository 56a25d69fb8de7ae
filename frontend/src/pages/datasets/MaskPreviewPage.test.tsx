import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { CatalogModel, MaskPreview } from "../../client";
import { dataset, makeVersion, models } from "../../test/fixtures";
import { json, mockApi, renderApp } from "../../test/harness";
import { MaskTokens } from "./MaskTokens";

const PREVIEW_PATH = "GET /api/datasets/ds_1/records/0/mask-preview";

function preview(over: Partial<MaskPreview> = {}): MaskPreview {
  const tokens = [
    { text: "<|user|>", trained: false },
    { text: "\n", trained: false },
    { text: "Hi", trained: false },
    { text: " there", trained: false },
    { text: "<|assistant|>\n", trained: false },
    { text: "Hello", trained: true },
    { text: "!", trained: true },
    { text: "<|end|>", trained: true },
  ];
  return {
    dataset_id: "ds_1",
    index: 0,
    model: "tiny-chat",
    template: "{% for m in messages %}<|{{ m.role }}|>\n{{ m.content }}{% endfor %}",
    template_reason: "the model's own chat template",
    default_system_prompt: "You are a helpful assistant.",
    loss_on: "assistant",
    tokens,
    trained_tokens: 3,
    total_tokens: tokens.length,
    ...over,
  };
}

/** A response the test releases when it wants: the request stays in flight until then. */
function deferred() {
  let release!: (r: Response) => void;
  const promise = new Promise<Response>((resolve) => (release = resolve));
  return { promise, release };
}

const catalog: CatalogModel[] = [...models, { ...models[1], id: "mdl_9", name: "other-chat", family: "other" }];

describe("MaskTokens", () => {
  it("draws each token with its trained flag, and whitespace as glyphs with real line breaks", () => {
    render(
      <MaskTokens
        tokens={[
          { text: "<|user|>\n", trained: false },
          { text: " two  spaces", trained: true },
          { text: "\ttab", trained: false },
          { text: "", trained: true },
        ]}
      />,
    );
    const tokens = screen.getAllByTestId("mask-token");
    expect(tokens.map((t) => t.getAttribute("data-trained"))).toEqual(["false", "true", "false", "true"]);
    expect(tokens.map((t) => t.textContent)).toEqual(["<|user|>↵", "·two··spaces", "→tab", "∅"]);
    expect(tokens[0].querySelectorAll("br")).toHaveLength(1); // the newline breaks the line too
    expect(tokens[1].querySelectorAll("br")).toHaveLength(0);
    expect(tokens[1].querySelectorAll("wbr")).toHaveLength(3); // a line may wrap at each space
    expect(tokens[1]).toHaveClass("mask-token--trained");
    expect(tokens[0]).toHaveClass("mask-token--masked");
    expect(tokens[0]).toHaveAttribute("title", '"<|user|>\\n" — not trained');
  });
});

describe("Loss-mask preview", () => {
  let api: ReturnType<typeof mockApi>;
  let answer: () => unknown;

  beforeEach(() => {
    answer = () => preview();
    api = mockApi({
      "GET /api/datasets/ds_1": () => dataset,
      "GET /api/datasets/ds_1/records": () => ({
        items: [
          { index: 0, record: { messages: [{ role: "user", content: "Hi there" }, { role: "assistant", content: "Hello!" }] } },
          { index: 1, record: { messages: [{ role: "user", content: "Bye" }, { role: "assistant", content: "Bye!" }] } },
        ],
        total: 2,
        next_offset: null,
      }),
      "GET /api/models": () => ({ items: catalog }),
      [PREVIEW_PATH]: () => answer(),
      "GET /api/datasets/ds_1/records/1/mask-preview": () => preview({ index: 1 }),
    });
  });

  const previewCalls = () =>
    api.calls.filter((r) => new URL(r.url).pathname.endsWith("/mask-preview")).map((r) => {
      const url = new URL(r.url);
      return `${url.pathname.split("/")[5]} ${url.searchParams.get("model")} ${url.searchParams.get("loss_on")}`;
    });

  it("opens from a record on the dataset page", async () => {
    renderApp("/datasets/ds_1");
    const buttons = await screen.findAllByTestId("mask-preview-button");
    expect(buttons).toHaveLength(2);
    expect(screen.getAllByTestId("dataset-record")).toHaveLength(2);
    await userEvent.click(buttons[0]);
    expect(await screen.findByTestId("mask-summary")).toHaveTextContent("3 of 8 tokens trained (38 %)");
    expect(previewCalls()).toEqual(["0 tiny-chat assistant"]);
  });

  it("previews a version's record from the version endpoint, and steps within the version", async () => {
    const held = makeVersion({ id: "dsv_4", number: 4, parent_id: "dsv_1", operation: "split", role: "eval", record_count: 2 });
    const record = { messages: [{ role: "user", content: "Held" }, { role: "assistant", content: "Out" }] };
    const base = "GET /api/dataset-versions/dsv_4";
    api = mockApi({
      "GET /api/datasets/ds_1": () => dataset,
      "GET /api/models": () => ({ items: catalog }),
      [base]: () => held,
      [`${base}/records`]: () => ({ items: [{ index: 0, number: 1, record }], total: 2, next_offset: null, q: null }),
      [`${base}/records/0/mask-preview`]: () => preview({ dataset_version_id: "dsv_4" }),
      [`${base}/records/1/mask-preview`]: () => preview({ index: 1, dataset_version_id: "dsv_4" }),
    });
    const { router } = renderApp("/datasets/ds_1/versions/dsv_4");
    await userEvent.click(await screen.findByTestId("mask-preview-button"));
    expect(await screen.findByTestId("mask-summary")).toHaveTextContent("3 of 8 tokens trained");
    expect(router.state.location.search).toMatchObject({ version: "dsv_4" });
    expect(screen.getByRole("link", { name: /v4/ })).toHaveAttribute("href", "/datasets/ds_1/versions/dsv_4");
    await userEvent.click(screen.getByTestId("mask-next"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/datasets/ds_1/records/1/mask"));
    const paths = api.calls.map((r) => new URL(r.url).pathname).filter((p) => p.endsWith("/mask-preview"));
    expect(paths).toEqual(["/api/dataset-versions/dsv_4/records/0/mask-preview", "/api/dataset-versions/dsv_4/records/1/mask-preview"]);
    expect(screen.getByTestId("mask-next")).toBeDisabled(); // the version holds 2 records
  });

  it("shows a loading state while the worker renders, then the tokens, summary, template and system prompt", async () => {
    const pending = deferred();
    answer = () => pending.promise;
    renderApp("/datasets/ds_1/records/0/mask");
    const loading = await screen.findByTestId("mask-loading");
    // First the catalog (to know the default model), then the worker's rendering.
    await waitFor(() => expect(loading).toHaveTextContent("Rendering record #1 with tiny-chat's chat template"));
    expect(previewCalls()).toEqual(["0 tiny-chat assistant"]);
    expect(within(loading).getByRole("progressbar")).not.toHaveAttribute("aria-valuenow");
    expect(screen.queryByTestId("mask-tokens")).not.toBeInTheDocument();

    pending.release(json(preview()));
    const tokens = await screen.findByTestId("mask-tokens");
    expect(screen.queryByTestId("mask-loading")).not.toBeInTheDocument();
    const spans = within(tokens).getAllByTestId("mask-token");
    expect(spans).toHaveLength(8);
    expect(spans.filter((s) => s.dataset.trained === "true").map((s) => s.textContent)).toEqual(["Hello", "!", "<|end|>"]);
    expect(spans[1].textContent).toBe("↵");
    expect(spans[3].textContent).toBe("·there");
    expect(screen.getByTestId("mask-summary")).toHaveTextContent("3 of 8 tokens trained (38 %)");
    expect(screen.getByTestId("mask-legend")).toHaveTextContent("not trained");
    expect(screen.getByTestId("mask-template-reason")).toHaveTextContent("the model's own chat template");
    expect(screen.getByTestId("mask-system-prompt")).toHaveTextContent("You are a helpful assistant.");
    expect(screen.getByTestId("mask-template")).toHaveTextContent("{% for m in messages %}");
    expect(screen.getByTestId("mask-template").tagName).toBe("DETAILS");
  });

  it("offers models only (no families), defaults to tiny-chat, and re-renders on a model or loss_on change", async () => {
    renderApp("/datasets/ds_1/records/0/mask");
    await screen.findByTestId("mask-summary");
    const select = screen.getByTestId("mask-model-select");
    expect(select).toHaveValue("tiny-chat");
    expect(within(select).getAllByRole("option").map((o) => o.getAttribute("value"))).toEqual(["tiny-chat", "tiny-base", "other-chat"]);

    answer = () => preview({ model: "tiny-base" });
    await userEvent.selectOptions(select, "tiny-base");
    await waitFor(() => expect(previewCalls()).toContain("0 tiny-base assistant"));

    const toggle = screen.getByTestId("mask-loss-on");
    expect(toggle).toHaveAttribute("data-value", "assistant");
    answer = () => preview({ model: "tiny-base", loss_on: "all", trained_tokens: 8 });
    await userEvent.click(within(toggle).getByTestId("mask-loss-on-all"));
    await waitFor(() => expect(screen.getByTestId("mask-summary")).toHaveTextContent("8 of 8 tokens trained (100 %)"));
    expect(previewCalls()).toEqual(["0 tiny-chat assistant", "0 tiny-base assistant", "0 tiny-base all"]);
    expect(screen.getByTestId("mask-loss-on")).toHaveAttribute("data-value", "all");
    expect(screen.getByTestId("mask-loss-on-all")).toBeChecked();
  });

  it("takes the model and loss_on from the URL", async () => {
    renderApp("/datasets/ds_1/records/0/mask?model=other-chat&loss_on=all");
    await screen.findByTestId("mask-summary");
    expect(previewCalls()).toEqual(["0 other-chat all"]);
    expect(screen.getByTestId("mask-model-select")).toHaveValue("other-chat");
  });

  it("steps to the next and previous record, keeping the model", async () => {
    const { router } = renderApp("/datasets/ds_1/records/0/mask?model=tiny-base");
    await screen.findByTestId("mask-summary");
    expect(screen.getByTestId("mask-prev")).toBeDisabled();
    await userEvent.click(screen.getByTestId("mask-next"));
    await waitFor(() => expect(router.state.location.pathname).toBe("/datasets/ds_1/records/1/mask"));
    await waitFor(() => expect(previewCalls()).toContain("1 tiny-base assistant"));
    expect(await screen.findByRole("heading", { name: /record #2/ })).toBeInTheDocument();
    // ds_1 has 45 records: record 1 has both neighbours.
    expect(screen.getByTestId("mask-prev")).not.toBeDisabled();
    await userEvent.keyboard("{ArrowLeft}");
    await waitFor(() => expect(router.state.location.pathname).toBe("/datasets/ds_1/records/0/mask"));
    expect(router.state.location.search).toEqual({ model: "tiny-base", loss_on: "assistant" });
  });

  it("shows the server's detail when no worker answers, and tries again on request", async () => {
    answer = () =>
      json({ error: "ServiceUnavailable", detail: "No CPU worker answered within 30 s; start one on the 'cpu' queue (make up does)." }, 503);
    renderApp("/datasets/ds_1/records/0/mask");
    const error = await screen.findByTestId("mask-error");
    expect(error).toHaveTextContent("No CPU worker answered, so the preview could not be rendered.");
    expect(error).toHaveTextContent("start one on the 'cpu' queue");
    expect(previewCalls()).toHaveLength(1); // a 503 is not retried behind the user's back

    answer = () => preview();
    await userEvent.click(screen.getByTestId("mask-retry"));
    expect(await screen.findByTestId("mask-summary")).toHaveTextContent("3 of 8 tokens trained");
    expect(screen.queryByTestId("mask-error")).not.toBeInTheDocument();
  });

  it("says why a record cannot be rendered with the template, without offering to retry", async () => {
    answer = () =>
      json({ error: "InvalidInput", detail: "Record #1 (index 0) cannot be rendered with tiny-chat's template: roles must alternate user/assistant." }, 422);
    renderApp("/datasets/ds_1/records/0/mask");
    const error = await screen.findByTestId("mask-error");
    expect(error).toHaveTextContent("Record #1 (index 0) cannot be previewed with tiny-chat.");
    expect(error).toHaveTextContent("roles must alternate user/assistant");
    expect(screen.queryByTestId("mask-retry")).not.toBeInTheDocument();
    expect(screen.queryByTestId("mask-loading")).not.toBeInTheDocument();
  });

  it("reports a missing record", async () => {
    answer = () => json({ error: "NotFound", detail: "Dataset ds_1 has records #1 to #44 (index 0 to 43); there is no record #45 (index 44)." }, 404);
    renderApp("/datasets/ds_1/records/0/mask");
    expect(await screen.findByTestId("mask-error")).toHaveTextContent("there is no record #45");
  });

  it("warns when no token of the record is trained", async () => {
    answer = () => preview({ trained_tokens: 0, tokens: [{ text: "Hi", trained: false }], total_tokens: 1 });
    renderApp("/datasets/ds_1/records/0/mask");
    expect(await screen.findByTestId("mask-no-trained")).toHaveTextContent("training skips it");
    expect(screen.getByTestId("mask-summary")).toHaveTextContent("0 of 1 token trained (0 %)");
  });
});
