import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { dataset } from "../../test/fixtures";
import { mockApi, renderApp } from "../../test/harness";

/** A fake XMLHttpRequest that keeps every request, so a test can answer several uploads one by one. */
class FakeXHR {
  static all: FakeXHR[] = [];
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onabort: (() => void) | null = null;
  status = 0;
  responseText = "";
  responseType = "";
  body: FormData | null = null;
  open() {}
  setRequestHeader() {}
  send(body: FormData) {
    this.body = body;
    FakeXHR.all.push(this);
  }
  abort() {}
  get fileName(): string {
    return (this.body?.get("file") as File).name;
  }
  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total });
  }
  respond(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

function row(name: string): HTMLElement {
  const found = screen.getAllByTestId("upload-row").find((r) => r.dataset.file === name);
  if (!found) throw new Error(`no upload row for ${name}`);
  return found;
}

describe("Multi-file upload", () => {
  beforeEach(() => {
    FakeXHR.all = [];
    vi.stubGlobal("XMLHttpRequest", FakeXHR);
    mockApi({ "GET /api/datasets": () => ({ items: [], next_cursor: null }) });
  });

  it("uploads every dropped file as its own dataset, each with its progress, format and errors", async () => {
    renderApp("/datasets");
    const zone = await screen.findByTestId("dataset-dropzone");
    const good = new File(['{"instruction": "a", "output": "b"}\n'], "qa.jsonl");
    const bad = new File(["oops\n"], "broken.jsonl");
    fireEvent.drop(zone, { dataTransfer: { files: [good, bad] } });

    expect(within(screen.getByTestId("dataset-chosen-files")).getAllByRole("listitem")).toHaveLength(2);
    expect(screen.getByTestId("dataset-name-input")).toBeDisabled(); // each dataset is named after its file
    await userEvent.click(screen.getByTestId("upload-button"));
    expect(screen.getByTestId("upload-button")).toHaveTextContent("Upload");

    await waitFor(() => expect(FakeXHR.all).toHaveLength(2));
    const [first, second] = FakeXHR.all;
    expect([first.fileName, second.fileName].sort()).toEqual(["broken.jsonl", "qa.jsonl"]);
    expect(first.body?.get("name")).toBeNull();
    const xhrFor = (name: string) => FakeXHR.all.find((x) => x.fileName === name)!;

    xhrFor("qa.jsonl").progress(30, 100);
    xhrFor("broken.jsonl").progress(70, 100);
    await waitFor(() =>
      expect(within(row("qa.jsonl")).getByTestId("upload-progress")).toHaveAttribute("aria-valuenow", "30"),
    );
    expect(within(row("broken.jsonl")).getByTestId("upload-progress")).toHaveAttribute("aria-valuenow", "70");

    xhrFor("qa.jsonl").respond(201, { ...dataset, id: "ds_qa", name: "qa", source_format: "alpaca", detection_confidence: 0.8 });
    xhrFor("broken.jsonl").respond(422, {
      error: "InvalidInput",
      detail: "broken.jsonl line 1: not valid JSON.",
      field: "file",
      problems: [{ file: "broken.jsonl", line: 1, field: "", message: "not valid JSON" }],
      problem_count: 1,
      valid_count: 0,
      quarantinable: false,
    });

    const ok = within(row("qa.jsonl"));
    expect(await ok.findByTestId("upload-success")).toHaveTextContent("45 records, read as");
    expect(ok.getByTestId("dataset-source-format")).toHaveTextContent("alpaca · 80 %");
    expect(ok.getByTestId("dataset-source-format")).toHaveClass("confidence--low");
    expect(ok.queryByTestId("upload-error")).not.toBeInTheDocument();

    const refused = within(row("broken.jsonl"));
    const box = await refused.findByTestId("upload-error");
    expect(box).toHaveTextContent("broken.jsonl was rejected");
    expect(within(box).getAllByRole("row")).toHaveLength(2); // header + its one problem
    expect(refused.queryByTestId("upload-success")).not.toBeInTheDocument();
    expect(refused.getByTestId("upload-progress")).toHaveAttribute("aria-valuenow", "70");
  });

  it("re-sends only the refused file with quarantine when the user accepts", async () => {
    renderApp("/datasets");
    await userEvent.upload(await screen.findByTestId("dataset-file-input"), [
      new File(["x"], "a.jsonl"),
      new File(["y"], "b.jsonl"),
    ]);
    await userEvent.click(screen.getByTestId("upload-button"));
    await waitFor(() => expect(FakeXHR.all).toHaveLength(2));
    const b = FakeXHR.all.find((x) => x.fileName === "b.jsonl")!;
    b.respond(422, {
      error: "InvalidInput",
      detail: "b.jsonl line 2: not valid JSON.",
      problems: [{ file: "b.jsonl", line: 2, field: "", message: "not valid JSON" }],
      problem_count: 1,
      valid_count: 4,
      quarantinable: true,
    });
    await userEvent.click(await within(row("b.jsonl")).findByTestId("quarantine-button"));
    await waitFor(() => expect(FakeXHR.all).toHaveLength(3));
    const again = FakeXHR.all[2];
    expect(again.fileName).toBe("b.jsonl");
    expect(again.body?.get("on_invalid")).toBe("quarantine");
    expect(within(row("a.jsonl")).queryByTestId("quarantine-offer")).not.toBeInTheDocument();
  });
});

describe("Record search", () => {
  it("searches the records, follows empty stretches and numbers matches from 1", async () => {
    const seen: string[] = [];
    mockApi({
      "GET /api/datasets": () => ({ items: [dataset], next_cursor: null }),
      "GET /api/datasets/ds_1": () => ({ ...dataset, record_count: 300 }),
      "GET /api/datasets/ds_1/records": (request) => {
        const url = new URL(request.url, "http://localhost");
        const q = url.searchParams.get("q");
        const offset = Number(url.searchParams.get("offset") ?? 0);
        seen.push(`${q ?? ""}@${offset}`);
        if (!q) return { items: [], total: 300, next_offset: null, q: null };
        if (offset === 0) return { items: [], total: 300, next_offset: 200, q }; // nothing in the first stretch
        const record = { messages: [{ role: "user", content: "What is a bolt?" }, { role: "assistant", content: "A fastener." }] };
        return { items: [{ index: 250, number: 251, record }], total: 300, next_offset: null, q };
      },
    });
    renderApp("/datasets/ds_1");
    const input = await screen.findByTestId("records-search-input");
    await userEvent.type(input, "  Bolt ");
    await userEvent.click(screen.getByTestId("records-search-button"));

    await waitFor(() => expect(seen).toContain("Bolt@200"));
    expect(await screen.findByText("What is a bolt?")).toBeInTheDocument();
    expect(seen).toEqual(["@0", "Bolt@0", "Bolt@200"]);
    expect(screen.getByTestId("dataset-record")).toHaveTextContent("#251");
    expect(screen.getByTestId("records-count")).toHaveTextContent("1 match for “Bolt” in 300 records");

    await userEvent.click(screen.getByTestId("records-search-clear"));
    expect(await screen.findByText("This dataset has no records.")).toBeInTheDocument();
    expect(input).toHaveValue("");
  });
});
