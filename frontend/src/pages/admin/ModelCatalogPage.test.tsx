import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { ModelFamily } from "../../client";
import { installFakeEventSource, json, mockApi, renderApp } from "../../test/harness";

const tiny: ModelFamily = {
  name: "tiny",
  license: "Apache-2.0",
  description: "demo",
  builtin: true,
  retired_at: null,
  trust_remote_code: false,
  chat_template: null,
  default_system_prompt: "You are Tiny.",
  recommended: {},
  usage: { runs: 2, evaluations: 0, reports: 0 },
  warnings: [],
  variants: [
    { name: "tiny-chat", variant: "chat", source: "/m/tiny-chat", parameter_count: 770688, context_length: 512, available: true, source_allowed: true },
    { name: "tiny-base", variant: "base", source: "/m/tiny-base", parameter_count: 770688, context_length: 512, available: true, source_allowed: false },
  ],
};

describe("Model catalog (admin)", () => {
  beforeEach(() => installFakeEventSource());

  it("lists families with usage, allow-list state and no delete for built-ins", async () => {
    mockApi({ "GET /api/admin/models": () => ({ items: [tiny] }) });
    renderApp("/admin/models");
    const card = await screen.findByTestId("admin-family");
    expect(card).toHaveTextContent("used by 2 runs");
    expect(card).toHaveTextContent("no — not on the allow-list");
    expect(within(card).queryByTestId("family-delete")).toBeNull();
    expect(within(card).getByTestId("family-retire")).toHaveTextContent("Retire");
  });

  it("shows the server's refusal under the field it concerns", async () => {
    const { calls } = mockApi({
      "GET /api/admin/models": () => ({ items: [tiny] }),
      "POST /api/admin/models": () =>
        json({ error: "InvalidInput", detail: "/x/evil has no chat template", field: "chat_source" }, 422),
    });
    renderApp("/admin/models");
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("family-name"), "acme");
    await user.type(screen.getByTestId("family-license"), "MIT");
    await user.type(screen.getByTestId("family-chat_source"), "/x/evil");
    await user.click(screen.getByTestId("family-trust_remote_code"));
    expect(screen.getByRole("note")).toHaveTextContent(/runs the Python files in the model folder/);
    await user.click(screen.getByTestId("add-family-submit"));
    const field = (await screen.findByText("/x/evil has no chat template")).closest(".field");
    expect(field).toHaveTextContent("Chat variant");
    const post = calls.find((c) => c.method === "POST");
    expect(await post?.clone().json()).toMatchObject({
      name: "acme",
      license: "MIT",
      chat_source: "/x/evil",
      trust_remote_code: true,
      recommended: {},
    });
  });

  it("does not send a family without any variant", async () => {
    mockApi({ "GET /api/admin/models": () => ({ items: [] }) });
    renderApp("/admin/models");
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("family-name"), "acme");
    await user.type(screen.getByTestId("family-license"), "MIT");
    expect(screen.getByText("Give a base variant, a chat variant or both.")).toBeInTheDocument();
    expect(screen.getByTestId("add-family-submit")).toBeDisabled();
  });
});
