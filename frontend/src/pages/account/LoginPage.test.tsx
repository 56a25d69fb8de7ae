import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import type { ApiKey, Me } from "../../client";
import { installFakeEventSource, json, mockApi, renderApp } from "../../test/harness";

const me: Me = {
  user: {
    id: "usr_1",
    email: "ada@example.com",
    name: "Ada",
    role: "analyst",
    is_service_account: false,
    disabled: false,
    has_password: true,
    created_at: "2026-11-22T00:00:00Z",
    last_login_at: null,
  },
  role: "analyst",
  project_ids: null,
  csrf_token: "csrf-123",
};

describe("Signing in", () => {
  beforeEach(() => installFakeEventSource());

  it("shows the sign-in form on 401, signs in, then shows the page asked for", async () => {
    let signedIn = false;
    const { calls } = mockApi({
      "GET /api/auth/me": () => (signedIn ? me : json({ error: "Unauthorized", detail: "Sign in." }, 401)),
      "POST /api/auth/login": async (request) => {
        expect(await request.json()).toEqual({ email: "ada@example.com", password: "a long password" });
        signedIn = true;
        document.cookie = "tw_csrf=csrf-123";
        return me;
      },
      "GET /api/keys": () => (signedIn ? { items: [] } : json({ error: "Unauthorized", detail: "Sign in." }, 401)),
      "POST /api/keys": () => ({ id: "key_1", name: "ci", prefix: "abcdefghjk", created_at: "2026-11-22T00:00:00Z", last_used_at: null, revoked_at: null, key: "tw_abcdefghjk_secret" }),
    });
    renderApp("/keys");
    const user = userEvent.setup();
    await user.type(await screen.findByTestId("login-email"), "ada@example.com");
    await user.type(screen.getByTestId("login-password"), "a long password");
    await user.click(screen.getByTestId("login-submit"));

    expect(await screen.findByRole("heading", { name: "API keys" })).toBeInTheDocument();
    expect(screen.queryByTestId("nav-admin-users")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("account")).getByTestId("account-role")).toHaveTextContent("analyst");

    await user.type(screen.getByTestId("key-name"), "ci");
    await user.click(screen.getByTestId("key-create"));
    expect(await screen.findByTestId("key-secret")).toHaveTextContent("tw_abcdefghjk_secret");
    const created = calls.find((c) => c.method === "POST" && c.url.endsWith("/api/keys"));
    expect(created?.headers.get("X-CSRF-Token")).toBe("csrf-123");
  });

  it("shows the admin pages in the navigation to admins only", async () => {
    const keys: ApiKey[] = [];
    mockApi({ "GET /api/auth/me": () => ({ ...me, role: "admin" }), "GET /api/keys": () => ({ items: keys }) });
    renderApp("/keys");
    expect(await screen.findByTestId("nav-admin-users")).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId("nav-admin-audit")).toBeInTheDocument());
  });
});
