import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, type EvaluationCreate } from "../client";
import { isEvaluating } from "../lib/evaluations";
import { getCurrentProject, inCurrentProject } from "../lib/currentProject";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** All evaluations, or one run's; newest first; polls while any is queued or running. */
export function useEvaluations(runId?: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.evaluations(runId),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/evaluations", {
          params: { query: { run_id: runId ?? null, cursor: pageParam, limit: 100, project_id: getCurrentProject() } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
    select: (data) => data.pages.flatMap((p) => p.items),
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.items.some(isEvaluating)) ? 2_000 : false),
  });
}

export function useCreateEvaluation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: EvaluationCreate) =>
      unwrap(await api.POST("/api/evaluations", { body: inCurrentProject(body) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.evaluations() }),
  });
}
