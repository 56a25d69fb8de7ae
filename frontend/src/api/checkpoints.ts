import { useInfiniteQuery } from "@tanstack/react-query";
import { api } from "../client";
import { getCurrentProject } from "../lib/currentProject";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** All checkpoints, or one run's when `runId` is given; newest first. */
export function useCheckpoints(runId?: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.checkpoints(runId),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/checkpoints", {
          params: { query: { run_id: runId ?? null, cursor: pageParam, limit: 100, project_id: getCurrentProject() } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
    select: (data) => data.pages.flatMap((p) => p.items),
  });
}
