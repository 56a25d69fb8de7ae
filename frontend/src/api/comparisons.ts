import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ComparisonCreate, type RatingCreate } from "../client";
import { anyGenerating, isGenerating, loadedStudies } from "../lib/comparisons";
import { getCurrentProject, inCurrentProject } from "../lib/currentProject";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";

/** Your side-by-side studies, newest first, a page at a time; polls while answers are being generated. */
export function useComparisons() {
  return useInfiniteQuery({
    queryKey: queryKeys.comparisons,
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/comparisons", {
          params: { query: { cursor: pageParam, limit: 50, project_id: getCurrentProject() } },
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
    select: (data) => loadedStudies(data.pages),
    refetchInterval: (query) => (anyGenerating(query.state.data?.pages) ? 2_000 : false),
  });
}

export function useComparison(id: string) {
  return useQuery({
    queryKey: queryKeys.comparison(id),
    queryFn: async () => unwrap(await api.GET("/api/comparisons/{comparison_id}", { params: { path: { comparison_id: id } } })),
    refetchInterval: (query) => (query.state.data && isGenerating(query.state.data) ? 2_000 : false),
  });
}

export function useCreateComparison() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ComparisonCreate) => unwrap(await api.POST("/api/comparisons", { body: inCurrentProject(body) })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.comparisons }),
  });
}

/** The next pair this rater has neither rated nor skipped (answers in this rater's A/B order). */
export function useNextPair(id: string, rater: string, skip: string[], enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.nextPair(id, rater, skip),
    enabled,
    queryFn: async () =>
      unwrap(
        await api.GET("/api/comparisons/{comparison_id}/next", {
          params: { path: { comparison_id: id }, query: { rater, skip } },
        }),
      ),
  });
}

export function useRate(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: RatingCreate) =>
      unwrap(await api.POST("/api/comparisons/{comparison_id}/ratings", { params: { path: { comparison_id: id } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.comparison(id) }),
  });
}

export function useComparisonResults(id: string) {
  return useQuery({
    queryKey: queryKeys.comparisonResults(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/comparisons/{comparison_id}/results", { params: { path: { comparison_id: id } } })),
  });
}
