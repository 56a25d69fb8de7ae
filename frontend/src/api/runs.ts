import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Run, type TrainingSpecCreate } from "../client";
import { getCurrentProject } from "../lib/currentProject";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

const ACTIVE: ReadonlySet<Run["status"]> = new Set(["validating", "queued", "running"]);
export const isActive = (status: string | null | undefined): boolean => ACTIVE.has(status as Run["status"]);

/** Runs, newest first; polls while any listed run is still validating, queued or running. */
export function useRuns() {
  return useInfiniteQuery({
    queryKey: queryKeys.runs,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/runs", { params: { query: { cursor: pageParam, limit: 50, project_id: getCurrentProject() } } }),
      ),
    getNextPageParam: (last) => last.next_cursor,
    select: (data) => data.pages.flatMap((p) => p.items),
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((r) => isActive(r.status))) ? 3_000 : false,
  });
}

export function useRun(runId: string) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: async () => unwrap(await api.GET("/api/runs/{run_id}", { params: { path: { run_id: runId } } })),
  });
}

export function useCreateRun() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TrainingSpecCreate) => unwrap(await api.POST("/api/runs", { body })),
    onSuccess: (run) => {
      queryClient.setQueryData(queryKeys.run(run.id), run);
      return queryClient.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

type RunAction = "cancel" | "pause" | "resume";

function useRunAction(runId: string, action: RunAction) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const params = { params: { path: { run_id: runId } } };
      if (action === "pause") return unwrap(await api.POST("/api/runs/{run_id}/pause", params));
      if (action === "resume") return unwrap(await api.POST("/api/runs/{run_id}/resume", params));
      return unwrap(await api.POST("/api/runs/{run_id}/cancel", params));
    },
    onSuccess: (run) => {
      queryClient.setQueryData(queryKeys.run(run.id), run);
      return queryClient.invalidateQueries({ queryKey: queryKeys.runs });
    },
  });
}

export const useCancelRun = (runId: string) => useRunAction(runId, "cancel");
export const usePauseRun = (runId: string) => useRunAction(runId, "pause");
export const useResumeRun = (runId: string) => useRunAction(runId, "resume");
