import { describe, expect, it } from "vitest";
import { datasetFormats } from "../test/fixtures";
import {
  ACCEPT_ATTRIBUTE,
  FORMAT_CHOICES,
  formatConfidence,
  formatsFor,
  isLowConfidence,
  mappableFields,
  parseColumns,
  takesColumnMapping,
} from "./datasetFormats";

describe("column mapping", () => {
  it("is offered for tabular and JSON files only", () => {
    expect(["a.csv", "a.TSV", "a.parquet", "a.json"].map(takesColumnMapping)).toEqual([true, true, true, true]);
    expect(["a.jsonl", "a.ndjson", "a.txt", "a.md", "noext", "", null].map(takesColumnMapping)).toEqual([false, false, false, false, false, false, false]);
  });

  it("treats empty text or an empty object as no mapping", () => {
    expect(parseColumns("")).toEqual({ ok: true, value: null });
    expect(parseColumns("  \n")).toEqual({ ok: true, value: null });
    expect(parseColumns("{}")).toEqual({ ok: true, value: null });
  });

  it("reads a field → column object, trimming column names", () => {
    expect(parseColumns('{"instruction": "question", "output": " answer "}')).toEqual({
      ok: true,
      value: { instruction: "question", output: "answer" },
    });
  });

  it("says what is wrong with bad JSON, non-objects and non-string columns", () => {
    expect(parseColumns("{instruction: question}")).toMatchObject({ ok: false, message: expect.stringMatching(/Not valid JSON/) });
    expect(parseColumns('["a"]')).toMatchObject({ ok: false, message: expect.stringMatching(/JSON object/) });
    expect(parseColumns('{"output": 3}')).toMatchObject({ ok: false, message: expect.stringMatching(/"output" must be a non-empty string/) });
    expect(parseColumns('{"output": ""}')).toMatchObject({ ok: false });
  });

  it("rejects fields the chosen format does not read, naming the ones it does", () => {
    const fields = mappableFields(datasetFormats.items, "alpaca");
    expect(parseColumns('{"output": "a"}', fields)).toEqual({ ok: true, value: { output: "a" } });
    const bad = parseColumns('{"answer": "a"}', fields);
    expect(bad).toMatchObject({ ok: false, message: expect.stringContaining("instruction, input, output, system, history") });
  });
});

describe("format choices", () => {
  it("offers auto first, then every upload override", () => {
    expect(FORMAT_CHOICES.map((c) => c.value)).toEqual(["auto", "openai", "alpaca", "sharegpt", "preference", "kto", "text", "multiple_choice", "prompts"]);
  });

  it("maps an override to its formats and their fields; auto to all", () => {
    expect(formatsFor(datasetFormats.items, "preference").map((f) => f.name)).toEqual(["openai_dpo", "flat_pairs"]);
    expect(formatsFor(datasetFormats.items, "auto")).toHaveLength(4);
    expect(mappableFields(datasetFormats.items, "preference")).toEqual(["input", "preferred_output", "non_preferred_output", "prompt", "chosen", "rejected", "system"]);
  });

  it("accepts every file type the server reads", () => {
    for (const ext of [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".txt", ".md"]) expect(ACCEPT_ATTRIBUTE).toContain(ext);
  });
});

describe("detection confidence", () => {
  it("is a whole percentage, never rounded up to 100 %", () => {
    expect(formatConfidence(1)).toBe("100 %");
    expect(formatConfidence(0.875)).toBe("87 %");
    expect(formatConfidence(0.999)).toBe("99 %");
    expect(formatConfidence(0.29)).toBe("29 %");
  });

  it("is flagged below 90 %", () => {
    expect(isLowConfidence(0.9)).toBe(false);
    expect(isLowConfidence(0.89)).toBe(true);
  });
});
