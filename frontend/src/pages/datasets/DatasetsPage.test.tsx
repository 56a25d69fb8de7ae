import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { dataset, datasetFormats } from "../../test/fixtures";
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
    expect(screen.queryByTestId("quarantine-offer")).not.toBeInTheDocument(); // the server did not offer it
  });

  it("offers to accept the valid records and quarantine the bad ones, then re-uploads with quarantine", async () => {
    renderApp("/datasets");
    await userEvent.upload(await screen.findByTestId("dataset-file-input"), new File(["x"], "bad.jsonl"));
    await userEvent.click(screen.getByTestId("upload-button"));
    const first = FakeXHR.last!;
    expect(first.body?.get("on_invalid")).toBe("reject");
    first.respond(422, {
      error: "InvalidInput",
      detail: "bad.jsonl line 2: not valid JSON.",
      field: "file",
      problems: [
        { file: "bad.jsonl", line: 2, field: "", message: "not valid JSON" },
        { file: "bad.jsonl", line: 4, field: "messages", message: "must be a list" },
      ],
      problem_count: 2,
      valid_count: 3,
      quarantinable: true,
    });
    const accept = await screen.findByTestId("quarantine-button");
    expect(accept).toHaveTextContent("Accept the 3 valid records and quarantine 2");
    await userEvent.click(accept);

    const second = FakeXHR.last!;
    expect(second).not.toBe(first);
    expect(second.body?.get("on_invalid")).toBe("quarantine");
    expect((second.body?.get("file") as File).name).toBe("bad.jsonl");
    second.respond(201, { ...dataset, record_count: 3, quarantined_count: 2 });
    expect(await screen.findByTestId("upload-success")).toHaveTextContent("3 records, read as openai · 100 % (messages); 2 bad records quarantined.");
  });

  it("does not offer quarantine when no record is valid", async () => {
    renderApp("/datasets");
    await userEvent.upload(await screen.findByTestId("dataset-file-input"), new File(["x"], "bad.jsonl"));
    await userEvent.click(screen.getByTestId("upload-button"));
    FakeXHR.last!.respond(422, {
      error: "InvalidInput",
      detail: "bad.jsonl line 1: not valid JSON.",
      problems: [{ file: "bad.jsonl", line: 1, field: "", message: "not valid JSON" }],
      problem_count: 1,
      valid_count: 0,
      quarantinable: false,
    });
    expect(await screen.findByTestId("upload-error")).toHaveTextContent("bad.jsonl line 1");
    expect(screen.queryByTestId("quarantine-offer")).not.toBeInTheDocument();
  });

  it("shows a dataset's quarantined records", async () => {
    const partial = { ...dataset, id: "ds_q", record_count: 3, quarantined_count: 1 };
    mockApi({
      "GET /api/datasets/ds_q": () => partial,
      "GET /api/datasets/ds_q/records": () => ({ items: [], total: 3, next_offset: null }),
      "GET /api/datasets/ds_q/quarantine": () => ({
        items: [{ index: 0, number: 1, file: "bad.jsonl", line: 4, unit: "line", field: "messages", message: "must be a list", raw: '{"messages": 5}' }],
        total: 1,
        next_offset: null,
      }),
    });
    renderApp("/datasets/ds_q");
    expect(await screen.findByTestId("dataset-quarantined")).toHaveTextContent("1");
    const row = await screen.findByTestId("quarantine-row");
    expect(row).toHaveTextContent("bad.jsonl");
    expect(row).toHaveTextContent("must be a list");
    expect(row).toHaveTextContent('{"messages": 5}');
    expect(within(row).getByTestId("quarantine-number")).toHaveTextContent("#1");
  });

  it("shows no quarantine section when nothing was set aside", async () => {
    mockApi({
      "GET /api/datasets/ds_1": () => dataset,
      "GET /api/datasets/ds_1/records": () => ({ items: [], total: 0, next_offset: null }),
    });
    renderApp(`/datasets/${dataset.id}`);
    expect(await screen.findByTestId("dataset-quarantined")).toHaveTextContent("0");
    expect(screen.queryByTestId("dataset-quarantine")).not.toBeInTheDocument();
  });
});

describe("Dataset formats", () => {
  beforeEach(() => {
    FakeXHR.last = null;
    vi.stubGlobal("XMLHttpRequest", FakeXHR);
  });

  it("sends the chosen format and a checked column mapping for a CSV file", async () => {
    mockApi({ "GET /api/datasets": () => ({ items: [], next_cursor: null }), "GET /api/datasets/formats": () => datasetFormats });
    renderApp("/datasets");
    const input = await screen.findByTestId("dataset-file-input");
    expect(input).toHaveAttribute("accept", expect.stringContaining(".parquet"));
    expect(await screen.findByTestId("dataset-file-types")).toHaveTextContent("Parquet (.parquet)");
    expect(screen.queryByTestId("dataset-columns-input")).not.toBeInTheDocument(); // no file yet

    await userEvent.upload(input, new File(["question,answer\nq,a\n"], "qa.csv", { type: "text/csv" }));
    const select = screen.getByTestId("dataset-format-select");
    expect(select).toHaveValue("auto");
    await userEvent.selectOptions(select, "alpaca");
    expect(screen.getByText(/Alpaca: `instruction` and `output`/)).toBeInTheDocument();

    const columns = screen.getByTestId("dataset-columns-input");
    fireEvent.change(columns, { target: { value: '{"answer": "a"}' } });
    await userEvent.click(screen.getByTestId("upload-button"));
    expect(await screen.findByText(/"answer" is not a field of this format/)).toBeInTheDocument();
    expect(FakeXHR.last).toBeNull();

    fireEvent.change(columns, { target: { value: '{"instruction": "question", "output": "answer"}' } });
    await userEvent.click(screen.getByTestId("upload-button"));
    const body = FakeXHR.last!.body!;
    expect(body.get("format")).toBe("alpaca");
    expect(JSON.parse(body.get("columns") as string)).toEqual({ instruction: "question", output: "answer" });
  });

  it("lists every format with its example under 'Formats'", async () => {
    mockApi({ "GET /api/datasets": () => ({ items: [], next_cursor: null }), "GET /api/datasets/formats": () => datasetFormats });
    renderApp("/datasets");
    const help = await screen.findByTestId("dataset-formats-help");
    await userEvent.click(within(help).getByText("Formats"));
    const items = await within(help).findAllByTestId("dataset-format-help-item");
    expect(items).toHaveLength(4);
    expect(items[0]).toHaveTextContent("Classify the sentiment of the review.");
  });

  it("shows each kind of record as what it is, with the loss mask for conversations only", async () => {
    const prefs = { ...dataset, id: "ds_p", format: "preference" as const, source_format: "flat_pairs", detection_confidence: 0.8 };
    mockApi({
      "GET /api/datasets": () => ({ items: [prefs], next_cursor: null }),
      "GET /api/datasets/ds_p": () => prefs,
      "GET /api/datasets/ds_p/records": () => ({
        items: [
          {
            index: 0,
            record: {
              prompt: [{ role: "user", content: "2+2?" }],
              chosen: [{ role: "assistant", content: "four" }],
              rejected: [{ role: "assistant", content: "five" }],
            },
          },
        ],
        total: 1,
        next_offset: null,
      }),
    });
    renderApp("/datasets/ds_p");
    const record = await screen.findByTestId("preference-record");
    expect(within(record).getByTestId("preference-chosen")).toHaveTextContent("four");
    expect(within(record).getByTestId("preference-rejected")).toHaveTextContent("five");
    expect(screen.queryByTestId("mask-preview-button")).not.toBeInTheDocument();
    const source = screen.getByTestId("dataset-source-format");
    expect(source).toHaveTextContent("flat_pairs · 80 %");
    expect(source).toHaveClass("confidence--low");
    expect(screen.getByTestId("dataset-encoding")).toHaveTextContent("utf-8");
  });

  it("shows text records with their source", async () => {
    const book = { ...dataset, id: "ds_t", format: "text" as const, source_format: "markdown" };
    mockApi({
      "GET /api/datasets": () => ({ items: [book], next_cursor: null }),
      "GET /api/datasets/ds_t": () => book,
      "GET /api/datasets/ds_t/records": () => ({
        items: [{ index: 0, record: { text: "Once upon a time.", source: "book.md", section: "Chapter 1" } }],
        total: 1,
        next_offset: null,
      }),
    });
    renderApp("/datasets/ds_t");
    expect(await screen.findByTestId("text-record")).toHaveTextContent("Once upon a time.");
    expect(screen.getByTestId("dataset-record")).toHaveTextContent("book.md · Chapter 1");
    expect(screen.getByTestId("dataset-source-format")).not.toHaveClass("confidence--low");
    expect(screen.queryByTestId("mask-preview-button")).not.toBeInTheDocument();
  });
});
