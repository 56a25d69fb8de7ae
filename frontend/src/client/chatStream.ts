// Streamed chat completions from /api/serving/chat/completions (the UI twin of /v1/chat/completions):
// fetch + ReadableStream, since EventSource cannot POST.
// The request and the path are typed with the generated schema; the chunk is OpenAI's, documented by hand below
// because the schema describes the streamed body only as text.
import { toApiError } from "../api/errors";
import { createSseParser } from "../lib/sse";
import { csrfHeaders } from "./csrf";
import type { ChatCompletionRequest, paths } from "./index";

type ChatPath = "/api/serving/chat/completions" & keyof paths;
const CHAT_PATH: ChatPath = "/api/serving/chat/completions";

/** What the playground sets; the server's defaults cover the rest. */
export type ChatRequest = Pick<ChatCompletionRequest, "model" | "messages" | "temperature" | "top_p" | "max_tokens">;

/** One `data:` event of a streamed chat completion (OpenAI's `chat.completion.chunk`). */
export interface ChatChunk {
  choices: { delta: { role?: string | null; content?: string | null }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

export interface StreamResult {
  finishReason: string | null;
  completionTokens: number | null;
}

/** Sends the request with `stream: true`; calls `onText` with each piece as it arrives. Abort with `signal`. */
export async function streamChat(
  request: ChatRequest,
  onText: (text: string) => void,
  signal?: AbortSignal,
): Promise<StreamResult> {
  let response: Response;
  try {
    // Same origin as the generated client (FastAPI serves the UI; Vite proxies /v1 in development).
    const url = `${typeof window === "undefined" ? "" : window.location.origin}${CHAT_PATH}`;
    response = await globalThis.fetch(
      new Request(url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "text/event-stream", ...csrfHeaders("POST") },
        body: JSON.stringify({ ...request, stream: true, stream_options: { include_usage: true } }),
        signal,
      }),
    );
  } catch (error) {
    if (signal?.aborted) throw error;
    throw toApiError(0, null);
  }
  if (!response.ok || !response.body) {
    const body: unknown = await response.json().catch(() => null);
    throw toApiError(response.status, body);
  }
  const result: StreamResult = { finishReason: null, completionTokens: null };
  const feed = createSseParser();
  const reader = response.body.getReader();
  // Cancelling the body closes the connection, which is what stops the model generating.
  signal?.addEventListener("abort", () => void reader.cancel().catch(() => undefined), { once: true });
  const decoder = new TextDecoder();
  for (;;) {
    const { value, done } = await reader.read();
    if (signal?.aborted) throw signal.reason;
    if (done) return result;
    for (const data of feed(decoder.decode(value, { stream: true }))) {
      if (data === "[DONE]") return result;
      const chunk = JSON.parse(data) as ChatChunk;
      const choice = chunk.choices[0];
      if (choice?.delta.content) onText(choice.delta.content);
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
      if (chunk.usage) result.completionTokens = chunk.usage.completion_tokens;
    }
  }
}
