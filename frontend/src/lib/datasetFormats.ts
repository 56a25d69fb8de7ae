// Dataset formats as the upload form and the dataset pages need them: which files need a column mapping, the
// mapping typed as JSON checked before sending, and how the detected format is described.
import type { UploadBody } from "../client/upload";

export type FormatOverride = NonNullable<UploadBody["format"]>;

/** The file extensions the server reads (the `accept` attribute of the file input). */
export const ACCEPTED_EXTENSIONS = [".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet", ".txt", ".md", ".pdf", ".docx"] as const;
export const ACCEPT_ATTRIBUTE = [...ACCEPTED_EXTENSIONS, "application/jsonl", "application/x-ndjson", "text/csv", "text/plain", "text/markdown", "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"].join(",");

/** Files whose columns (or object keys) may be named differently from a format's fields. */
const COLUMN_FILES = new Set([".csv", ".tsv", ".parquet", ".json"]);

export function extensionOf(filename: string): string {
  const dot = filename.lastIndexOf(".");
  return dot < 0 ? "" : filename.slice(dot).toLowerCase();
}

/** Whether the column-mapping editor applies to this file. */
export function takesColumnMapping(filename: string | null | undefined): boolean {
  return !!filename && COLUMN_FILES.has(extensionOf(filename));
}

export type ColumnsResult = { ok: true; value: Record<string, string> | null } | { ok: false; message: string };

/**
 * The column mapping typed as JSON: `{"instruction": "question", "output": "answer"}` maps format fields to the
 * file's columns. Empty means no mapping (columns named like the fields are used). `knownFields`, when given, are the
 * fields a mapping may target (the chosen format's, or every format's for auto-detection).
 */
export function parseColumns(text: string, knownFields?: readonly string[]): ColumnsResult {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return { ok: false, message: 'Not valid JSON; write an object such as {"instruction": "question", "output": "answer"}.' };
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    return { ok: false, message: 'Write a JSON object mapping format fields to columns, such as {"output": "answer"}.' };
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (!entries.length) return { ok: true, value: null };
  const out: Record<string, string> = {};
  for (const [field, column] of entries) {
    if (typeof column !== "string" || !column.trim()) {
      return { ok: false, message: `The column for "${field}" must be a non-empty string (the column's name in the file).` };
    }
    if (knownFields && knownFields.length && !knownFields.includes(field)) {
      return { ok: false, message: `"${field}" is not a field of this format; map one of: ${knownFields.join(", ")}.` };
    }
    out[field] = column.trim();
  }
  return { ok: true, value: out };
}

/** "100 %", "87 %": the detection confidence as a whole percentage (never rounded up to 100). */
export function formatConfidence(confidence: number): string {
  const pct = Math.floor(Math.max(0, Math.min(1, confidence)) * 100 + 1e-9);
  return `${pct} %`;
}

/** Below this the detected format is flagged: some records did not fit it exactly. */
export const CONFIDENCE_WARNING = 0.9;

export const isLowConfidence = (confidence: number) => confidence < CONFIDENCE_WARNING;

/** What each internal kind of record is, in a few words. */
export const KIND_LABELS: Record<string, string> = {
  messages: "conversations",
  preference: "preference pairs",
  kto: "KTO (labelled answers)",
  text: "raw text",
  multiple_choice: "multiple-choice questions (eval set)",
  prompts: "open-ended prompts (eval set)",
};

// ---- the format select ----------------------------------------------------------------------------------------

/** Every value the upload's `format` takes, with its label; typed so a new server value fails the build here. */
const OVERRIDE_LABELS: Record<FormatOverride, string> = {
  auto: "auto-detect",
  openai: "OpenAI chat",
  alpaca: "Alpaca",
  sharegpt: "ShareGPT",
  preference: "preference pairs",
  kto: "KTO",
  text: "text",
  multiple_choice: "multiple choice (eval)",
  prompts: "prompts (eval)",
};

export const FORMAT_CHOICES: readonly { value: FormatOverride; label: string }[] = (Object.keys(OVERRIDE_LABELS) as FormatOverride[]).map(
  (value) => ({ value, label: OVERRIDE_LABELS[value] }),
);

export const AUTO_FORMAT_HELP =
  "Detects the format from the records themselves; the dataset page then says which format it found and how sure it is.";

/** The part of a format list the select needs (the `datasets-formats` items). */
export interface FormatInfo {
  name: string;
  override: string;
  title: string;
  description: string;
  fields: string[];
}

/** The formats a `format` value selects: one for most, several for `preference` and `text`; all for `auto`. */
export function formatsFor<T extends FormatInfo>(formats: readonly T[], override: FormatOverride): T[] {
  return override === "auto" ? formats.slice() : formats.filter((f) => f.override === override);
}

/** The fields a column mapping may target for this choice, without repeats, in the server's order. */
export function mappableFields(formats: readonly FormatInfo[], override: FormatOverride): string[] {
  return [...new Set(formatsFor(formats, override).flatMap((f) => f.fields))];
}
