// The playground's conversation state, kept apart from React so the request it sends can be tested alone.
import type { ChatRequest } from "../client/chatStream";

export interface Turn {
  role: "user" | "assistant";
  content: string;
}

export interface Sampling {
  temperature: number;
  top_p: number;
  max_tokens: number;
}

export const DEFAULT_SAMPLING: Sampling = { temperature: 0.7, top_p: 1, max_tokens: 256 };

/** The request for one pane: the optional system prompt, then that pane's own history (its own answers). */
export function chatRequest(model: string, system: string, turns: Turn[], sampling: Sampling): ChatRequest {
  const messages: ChatRequest["messages"] = system.trim() ? [{ role: "system", content: system }] : [];
  // An answer that was stopped before its first token is not part of the conversation.
  for (const turn of turns) if (turn.role === "user" || turn.content) messages.push({ role: turn.role, content: turn.content });
  return { model, messages, temperature: sampling.temperature, top_p: sampling.top_p, max_tokens: sampling.max_tokens };
}

/** A number input's value, or the previous value while the field holds something that is not a number. */
export function parseNumber(raw: string, previous: number): number {
  const value = Number(raw);
  return raw.trim() !== "" && Number.isFinite(value) ? value : previous;
}
