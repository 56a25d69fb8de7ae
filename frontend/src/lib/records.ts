// Normalised dataset records (GET /api/datasets/{id}/records) read per kind, so each can be shown as what it is:
// a conversation, a preference pair, a labelled (KTO) conversation, or a piece of text. Anything unexpected falls
// back to the raw JSON rather than failing.
import type { Dataset } from "../client";

export type DatasetKind = Dataset["format"];

export interface ToolCall {
  name: string;
  /** The arguments as pretty JSON (or as given, when not JSON). */
  arguments: string;
  id?: string;
}

export interface Message {
  role: string;
  content: string;
  weight?: number;
  toolCalls: ToolCall[];
  /** A tool message: the call it answers, and the tool's name. */
  toolCallId?: string;
  name?: string;
}

export type RecordView =
  | { kind: "messages"; messages: Message[]; tools: string[] }
  | { kind: "preference"; prompt: Message[]; chosen: Message[]; rejected: Message[] }
  | { kind: "kto"; messages: Message[]; label: boolean }
  | { kind: "text"; text: string; source?: string; section?: string }
  | { kind: "multiple_choice"; question: string; choices: string[]; answerIndex: number; subject: string }
  | { kind: "raw" };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function prettyArguments(raw: unknown): string {
  if (typeof raw !== "string") return JSON.stringify(raw ?? {}, null, 2);
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    return raw;
  }
}

function toolCallOf(raw: unknown): ToolCall {
  const call = isObj(raw) ? raw : {};
  const fn = isObj(call.function) ? call.function : call;
  return { name: str(fn.name) ?? "?", arguments: prettyArguments(fn.arguments), id: str(call.id) };
}

function contentOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (content === null || content === undefined) return "";
  return JSON.stringify(content);
}

/** A message list, or null when `raw` is not one. */
export function messagesOf(raw: unknown): Message[] | null {
  if (!Array.isArray(raw)) return null;
  return raw.map((m: unknown) => {
    const msg = isObj(m) ? m : {};
    return {
      role: str(msg.role) ?? "?",
      content: contentOf(msg.content),
      weight: typeof msg.weight === "number" ? msg.weight : undefined,
      toolCalls: Array.isArray(msg.tool_calls) ? msg.tool_calls.map(toolCallOf) : [],
      toolCallId: str(msg.tool_call_id),
      name: str(msg.name),
    };
  });
}

/** The names of the functions a conversation may call. */
function toolNames(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((t) => {
    const tool = isObj(t) ? t : {};
    const fn = isObj(tool.function) ? tool.function : tool;
    return str(fn.name) ?? "?";
  });
}

/**
 * How to show a record of a dataset of `kind`. The record's own shape decides when it disagrees (an older
 * dataset's records are conversations whatever the kind says); a shape nothing recognises is shown raw.
 */
export function recordView(kind: DatasetKind | string | undefined, record: Obj): RecordView {
  const messages = messagesOf(record.messages);
  if (kind === "preference" || (kind === undefined && "chosen" in record)) {
    const prompt = messagesOf(record.prompt);
    const chosen = messagesOf(record.chosen);
    const rejected = messagesOf(record.rejected);
    if (prompt && chosen && rejected) return { kind: "preference", prompt, chosen, rejected };
  }
  if (kind === "multiple_choice" && typeof record.question === "string" && Array.isArray(record.choices)) {
    const choices = record.choices.filter((c): c is string => typeof c === "string");
    const answerIndex = typeof record.answer_index === "number" ? record.answer_index : -1;
    return { kind: "multiple_choice", question: record.question, choices, answerIndex, subject: str(record.subject) ?? "all" };
  }
  if (kind === "kto" && messages && typeof record.label === "boolean") return { kind: "kto", messages, label: record.label };
  if (kind === "text" || (kind === undefined && typeof record.text === "string")) {
    if (typeof record.text === "string") return { kind: "text", text: record.text, source: str(record.source), section: str(record.section) };
  }
  if (messages) return { kind: "messages", messages, tools: toolNames(record.tools) };
  return { kind: "raw" };
}

/** The loss-mask preview renders conversations with a chat template: only `messages` datasets have one. */
export const hasMaskPreview = (kind: DatasetKind | string | undefined) => kind === "messages";
