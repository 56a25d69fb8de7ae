import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type ExportCreate } from "../client";
import { unwrap } from "./errors";
import { queryKeys } from "./keys";
import { isExportActive } from "../lib/exports";

/** A checkpoint's exports, newest first; polls while one is queued or running. */
export function useExports(checkpointId: string) {
  return useQuery({
    queryKey: queryKeys.exports(checkpointId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/checkpoints/{checkpoint_id}/exports", { params: { path: { checkpoint_id: checkpointId } } }),
      ).items,
    refetchInterval: (query) => (query.state.data?.some((e) => isExportActive(e.status)) ? 2_000 : false),
  });
}

export function useCreateExport(checkpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: ExportCreate) =>
      unwrap(
        await api.POST("/api/checkpoints/{checkpoint_id}/exports", {
          params: { path: { checkpoint_id: checkpointId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.exports(checkpointId) }),
  });
}

/** The streamed archive is a plain link: the browser downloads it without holding it in memory. */
export const exportDownloadUrl = (exportId: string): string => `/api/exports/${encodeURIComponent(exportId)}/download`;
