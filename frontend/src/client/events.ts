// Server-Sent Events for one run. EventSource cannot go through openapi-fetch; the path and the payload
// are typed with the generated schema so a backend change still breaks the build here.
import type { paths, RunEvent } from "./index";

type StreamPath = "/api/runs/{run_id}/events/stream" & keyof paths;
const STREAM_PATH: StreamPath = "/api/runs/{run_id}/events/stream";

export interface EndMessage {
  status: string;
}

export interface RunStreamHandlers {
  onEvent: (event: RunEvent) => void;
  onEnd: (end: EndMessage) => void;
  onOpen?: () => void;
  /** `closed` is true when the browser gave up (e.g. a 404); otherwise it is reconnecting on its own. */
  onError?: (closed: boolean) => void;
}

export function runStreamUrl(runId: string, after: number): string {
  return `${STREAM_PATH.replace("{run_id}", encodeURIComponent(runId))}?after=${after}`;
}

/** Opens the stream; returns a function that closes it. The stream closes itself after `end`. */
export function openRunStream(runId: string, after: number, handlers: RunStreamHandlers): () => void {
  const source = new EventSource(runStreamUrl(runId, after));
  source.addEventListener("run_event", (message) => {
    handlers.onEvent(JSON.parse((message as MessageEvent<string>).data) as RunEvent);
  });
  source.addEventListener("end", (message) => {
    source.close(); // otherwise the browser reconnects and replays
    handlers.onEnd(JSON.parse((message as MessageEvent<string>).data) as EndMessage);
  });
  source.onopen = () => handlers.onOpen?.();
  source.onerror = () => handlers.onError?.(source.readyState === EventSource.CLOSED);
  return () => source.close();
}
