import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { dataset } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/harness";

/** A fake XMLHttpRequest whose upload progress and response the test controls. */
class FakeXHR {
  static last: FakeXHR | null = null;
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  responseType = "";
  method = "";
  url = "";
  body: FormData | null = null;
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  send(body: FormData) {
    this.body = body;
    FakeXHR.last = this;
  }
  abort() {}
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe("Datasets page", () => {
  let datasets: (typeof dataset)[];
  beforeEach(() => {
    datasets = [];
    FakeXHR.last = null;
    vi.stubGlobal("XMLHttpRequest", FakeXHR);
    mockApi({ "GET /api/datasets": () => ({ items: datasets, next_cursor: null }) });
  });

  it("says what to do when there are no datasets", async () => {
    renderApp("/datasets");
    expect(await screen.findByText("No datasets yet")).toBeInTheDocument();
    expect(screen.getByTestId("upload-button")).toBeDisabled();
  });

  it("uploads with a progress bar, then lists the new dataset", async () => {
    renderApp("/datasets");
    const file = new File(['{"messages": []}\n'], "finance.jsonl", { type: "application/jsonl" });
    await userEvent.upload(await screen.findByTestId("dataset-file-input"), file);
    await userEvent.type(screen.getByTestId("dataset-name-input"), "Finance QA");
    await userEvent.click(screen.getByTestId("upload-button"));

    const xhr = FakeXHR.last!;
    expect(xhr.method).toBe("POST");
    expect(xhr.url).toBe("/api/datasets");
    expect(xhr.body?.get("name")).toBe("Finance QA");
    expect((xhr.body?.get("file") as File).name).toBe("finance.jsonl");

    xhr.progress(40, 100);
    await waitFor(() => expect(screen.getByTestId("upload-progress")).toHaveAttribute("aria-valuenow", "40"));

    datasets = [dataset];
    xhr.progress(100, 100);
    xhr.respond(201, dataset);
    expect(await screen.findByText(/45 records/)).toBeInTheDocument();
    expect(screen.getByTestId("upload-progress")).toHaveAttribute("aria-valuenow", "100");
    const row = await screen.findByTestId("dataset-row");
    expect(row).toHaveTextContent("Finance QA");
  });

  it("shows the server's problems table when the file is rejected", async () => {
    renderApp("/datasets");
    fireEvent.change(await screen.findByTestId("dataset-file-input"), {
      target: { files: [new File(["x"], "bad.jsonl")] },
    });
    await userEvent.click(screen.getByTestId("upload-button"));
    FakeXHR.last!.respond(422, {
      error: "InvalidInput",
      detail: "bad.jsonl line 4, field messages[0].role: 'robot' is not one of system, user, assistant, tool.",
      field: "file",
      problems: [
        { file: "bad.jsonl", line: 4, field: "messages[0].role", message: "'robot' is not one of system, user, assistant, tool" },
        { file: "bad.jsonl", line: 6, field: "", message: "not valid JSON" },
      ],
      problem_count: 2,
    });
    const box = await screen.findByTestId("upload-error");
    expect(box).toHaveTextContent("bad.jsonl line 4");
    const rows = within(box).getAllByRole("row");
    expect(rows).toHaveLength(3); // header + 2 problems
    expect(rows[1]).toHaveTextContent("messages[0].role");
    expect(rows[2]).toHaveTextContent("6");
  });
});
