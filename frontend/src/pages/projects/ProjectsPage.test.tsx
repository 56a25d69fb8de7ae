import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Project } from "../../client";
import { dataset } from "../../test/fixtures";
import { installFakeEventSource, json, mockApi, renderApp } from "../../test/harness";

const project = (id: string, name: string): Project => ({
  id,
  name,
  slug: name.toLowerCase(),
  description: "",
  created_at: "2026-01-01T12:00:00Z",
  created_by: null,
});
const legal = project("prj_legal", "Legal");

describe("Projects", () => {
  beforeEach(() => installFakeEventSource());
  afterEach(() => window.localStorage.clear());

  it("lists projects, creates one and adds a member by email", async () => {
    const { calls } = mockApi({
      "GET /api/projects": () => ({ items: [project("prj_default", "Default"), legal] }),
      "POST /api/projects": () => json(project("prj_new", "Finance"), 201),
      "GET /api/projects/prj_legal/members": () => ({
        items: [{ user_id: "usr_1", email: "ann@example.com", name: "Ann", added_at: "2026-01-01T12:00:00Z" }],
      }),
      "POST /api/projects/prj_legal/members": () =>
        json({ user_id: "usr_2", email: "bo@example.com", name: "Bo", added_at: "2026-01-01T12:00:00Z" }, 201),
    });
    renderApp("/projects");
    const table = await screen.findByTestId("projects-table");
    expect(within(table).getByText("Legal")).toBeInTheDocument();

    fireEvent.change(screen.getByTestId("project-name"), { target: { value: "Finance" } });
    fireEvent.click(screen.getByTestId("project-create"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.url.endsWith("/api/projects"))).toBe(true));
    const created = calls.find((c) => c.method === "POST" && c.url.endsWith("/api/projects"));
    expect(await created?.clone().json()).toEqual({ name: "Finance", description: "" });

    fireEvent.click(screen.getByTestId("members-legal"));
    expect(await screen.findByText(/ann@example.com/)).toBeInTheDocument();
    fireEvent.change(screen.getByTestId("member-email"), { target: { value: "bo@example.com" } });
    fireEvent.click(screen.getByRole("button", { name: "Add member" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST" && c.url.includes("/members"))).toBe(true));
    const added = calls.find((c) => c.method === "POST" && c.url.includes("/members"));
    expect(await added?.clone().json()).toEqual({ email: "bo@example.com" });
  });

  it("the switcher remembers the project and lists ask for it", async () => {
    const { calls } = mockApi({
      "GET /api/projects": () => ({ items: [legal] }),
      "GET /api/datasets": () => ({ items: [dataset], next_cursor: null }),
    });
    renderApp("/datasets");
    const switcher = await screen.findByTestId("project-switcher");
    await waitFor(() => expect(switcher).not.toBeDisabled());
    fireEvent.change(switcher, { target: { value: "prj_legal" } });
    expect(window.localStorage.getItem("tunewright.project")).toBe("prj_legal");
    await waitFor(() =>
      expect(calls.some((c) => c.url.includes("/api/datasets?") && c.url.includes("project_id=prj_legal"))).toBe(true),
    );
  });
});
