import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { api, type RunEvent } from "../client";
import { openRunStream } from "../client/events";
import { applyEvents, endRun, initialRunLiveState, type RunLiveState } from "../lib/runEvents";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

export type StreamConnection = "history" | "connecting" | "open" | "reconnecting" | "failed" | "ended";

export interface RunEventsResult extends RunLiveState {
  connection: StreamConnection;
}

const HISTORY_PAGE = 1000;

/** Flush at most once per animation frame; fall back to a timer where frames do not come (hidden tabs). */
function scheduleFrame(fn: () => void): () => void {
  let done = false;
  const run = () => {
    if (!done) {
      done = true;
      fn();
    }
  };
  const frame = typeof requestAnimationFrame === "function" ? requestAnimationFrame(run) : 0;
  const timer = setTimeout(run, 250);
  return () => {
    done = true;
    if (frame) cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * A run's events: the history first, in pages of 1000 (`GET /events`, one state update per page), then the live
 * Server-Sent Events stream from the last id seen. Live events are batched per animation frame, so the chart
 * redraws at most once a frame. Mount it under `key={runId}`: the state belongs to one run.
 */
export function useRunEvents(runId: string): RunEventsResult {
  const queryClient = useQueryClient();
  const [state, setState] = useState<RunLiveState>(initialRunLiveState);
  const [connection, setConnection] = useState<StreamConnection>("history");

  useEffect(() => {
    let stopped = false;
    let closeStream: (() => void) | null = null;
    let buffer: RunEvent[] = [];
    let cancelFrame: (() => void) | null = null;

    const flush = () => {
      cancelFrame = null;
      if (!buffer.length) return;
      const batch = buffer;
      buffer = [];
      setState((s) => applyEvents(s, batch));
      if (batch.some((e) => e.kind === "checkpoint")) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.checkpoints(runId) });
      }
      // A tracker announcing where it mirrors the run: the run now carries the link.
      if (batch.some((e) => e.kind === "status" || (e.kind === "log" && typeof e.data.tracker === "string"))) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.run(runId) });
      }
    };

    const follow = (after: number) => {
      if (stopped) return;
      setConnection("connecting");
      closeStream = openRunStream(runId, after, {
        onOpen: () => setConnection("open"),
        onEvent: (event) => {
          buffer.push(event);
          cancelFrame ??= scheduleFrame(flush);
        },
        onEnd: ({ status }) => {
          cancelFrame?.();
          flush();
          setState((s) => endRun(s, status));
          setConnection("ended");
          void queryClient.invalidateQueries({ queryKey: queryKeys.run(runId) });
          void queryClient.invalidateQueries({ queryKey: queryKeys.runs, exact: true });
          void queryClient.invalidateQueries({ queryKey: queryKeys.checkpoints(runId) });
        },
        onError: (closed) => setConnection(closed ? "failed" : "reconnecting"),
      });
    };

    const loadHistory = async (): Promise<number> => {
      let after = 0;
      for (;;) {
        const page = unwrap(
          await api.GET("/api/runs/{run_id}/events", {
            params: { path: { run_id: runId }, query: { after, limit: HISTORY_PAGE } },
          }),
        );
        if (stopped) return after;
        if (page.items.length) {
          const items = page.items;
          setState((s) => applyEvents(s, items));
          after = items[items.length - 1].id;
        }
        if (page.next_after === null || !page.items.length) return after;
      }
    };

    // If the history cannot be read, the stream replays it from the start instead.
    loadHistory().then(follow, () => follow(0));

    return () => {
      stopped = true;
      closeStream?.();
      cancelFrame?.();
    };
  }, [runId, queryClient]);

  return { ...state, connection };
}
