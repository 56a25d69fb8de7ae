import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ServableModel } from "../../client";
import { json, mockApi, renderApp } from "../../test/harness";

const servable: ServableModel[] = [
  { id: "tiny-base", kind: "catalog", label: "tiny-base", base_model: "tiny-base", chat: false, run_id: null, step: null },
  { id: "tiny-chat", kind: "catalog", label: "tiny-chat", base_model: "tiny-chat", chat: true, run_id: null, step: null },
  { id: "ckpt_1", kind: "checkpoint", label: "demo · step 30 (tiny-chat)", base_model: "tiny-chat", chat: true, run_id: "run_1", step: 30 },
];

const encoder = new TextEncoder();
const chunk = (content: string | null, finish: string | null = null) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content }, finish_reason: finish }] })}\n\n`;

/** An SSE response whose events the test releases one at a time, like tokens arriving from the model. */
function controlledStream() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  return {
    response: new Response(body, { headers: { "content-type": "text/event-stream" } }),
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
  };
}

describe("Playground", () => {
  it("shows the answer token by token as it streams, then how it finished", async () => {
    const stream = controlledStream();
    const { calls } = mockApi({ "GET /api/serving/models": () => ({ items: servable }), "POST /api/serving/chat/completions": () => stream.response });
    renderApp("/playground");
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("playground-system"), "Be brief.");
    await user.type(screen.getByTestId("playground-prompt"), "Capital of Mexico?");
    await user.click(screen.getByTestId("playground-send"));

    const pane = screen.getByTestId("playground-pane");
    await waitFor(() => expect(within(pane).getAllByTestId("chat-message")).toHaveLength(2));
    const request = calls.find((c) => c.method === "POST")!;
    expect(await request.clone().json()).toMatchObject({
      model: "tiny-chat",
      stream: true,
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Capital of Mexico?" },
      ],
    });
    stream.send(chunk("Mexico"));
    const answer = () => within(pane).getAllByTestId("chat-message")[1];
    await waitFor(() => expect(answer()).toHaveTextContent("Mexico"));
    expect(answer().dataset.streaming).toBe("true");
    expect(screen.getByTestId("playground-stop")).toBeEnabled();
    stream.send(chunk(" City.") + chunk(null, "stop") + "data: [DONE]\n\n");
    stream.end();
    await waitFor(() => expect(answer().dataset.streaming).toBe("false"));
    expect(answer()).toHaveTextContent("Mexico City.");
    expect(within(pane).getByTestId("chat-finish")).toHaveTextContent("Finished.");
  });

  it("asks both models when comparing side by side, and Stop ends the streams", async () => {
    const streams = [controlledStream(), controlledStream()];
    const models: string[] = [];
    mockApi({
      "GET /api/serving/models": () => ({ items: servable }),
      "POST /api/serving/chat/completions": async (request) => {
        models.push(((await request.json()) as { model: string }).model);
        return streams[models.length - 1].response;
      },
    });
    renderApp("/playground");
    const user = userEvent.setup();
    await user.click(await screen.findByTestId("playground-compare"));
    expect(screen.getByTestId("playground-model-1")).toHaveValue("ckpt_1");
    const base = within(screen.getByTestId("playground-model-0")).getByRole("option", { name: "tiny-base (no chat template)" });
    expect(base).toBeDisabled();
    await user.type(screen.getByTestId("playground-prompt"), "Hi{Enter}");
    await waitFor(() => expect(models.sort()).toEqual(["ckpt_1", "tiny-chat"]));
    streams[0].send(chunk("Hello"));
    const panes = screen.getAllByTestId("playground-pane");
    await waitFor(() => expect(panes.some((p) => p.textContent?.includes("Hello"))).toBe(true));
    await user.click(screen.getByTestId("playground-stop"));
    await waitFor(() => expect(screen.getByTestId("playground-stop")).toBeDisabled());
    expect(panes.map((p) => p.textContent?.includes("Hello"))).toContain(true); // what arrived before Stop stays
    expect(screen.getAllByTestId("chat-finish").map((p) => p.textContent)).toEqual(["Stopped by you.", "Stopped by you."]);
  });

  it("shows the server's reason when a model cannot answer", async () => {
    mockApi({
      "GET /api/serving/models": () => ({ items: servable }),
      "POST /api/serving/chat/completions": () =>
        json({ error: "Conflict", detail: "Run run_1 is running; a run is served once it has succeeded.", field: "model" }, 409),
    });
    renderApp("/playground");
    fireEvent.change(await screen.findByTestId("playground-prompt"), { target: { value: "Hi" } });
    fireEvent.click(screen.getByTestId("playground-send"));
    expect(await screen.findByTestId("chat-error")).toHaveTextContent("served once it has succeeded");
    expect(screen.queryAllByTestId("chat-message")).toHaveLength(0);
  });
});
